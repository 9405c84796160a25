package io.clipdeck.api.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Chat Completions JSON as sent by OpenAI and compatible servers. */
final class ChatWire {

  private ChatWire() {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Completion(String id, String model, List<Choice> choices, Usage usage) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Choice(Integer index, Message message, String finish_reason) {}

  /**
   * {@code content} is null on tool calls and absent or null on refusals; {@code refusal} then
   * holds text. {@code function_call} is the deprecated single-function form of {@code tool_calls}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Message(
      String role,
      String content,
      String refusal,
      List<ToolCallWire> tool_calls,
      FunctionWire function_call) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ToolCallWire(String id, String type, FunctionWire function) {}

  /** {@code arguments} is a string holding JSON; a few local servers send the object itself. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record FunctionWire(String name, com.fasterxml.jackson.databind.JsonNode arguments) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Usage(Long prompt_tokens, Long completion_tokens, Long total_tokens) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CaptionsPayload(List<CaptionPayload> captions) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CaptionPayload(Double start_s, Double end_s, String text) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record AnalysisPayload(List<String> topics, String hook, List<ClipPayload> clips) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ClipPayload(Double start_s, Double end_s, String title, String reason) {}
}
