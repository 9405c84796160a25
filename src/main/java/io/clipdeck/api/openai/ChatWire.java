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

  /** {@code content} is null on refusals and tool calls; {@code refusal} then holds text. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Message(String role, String content, String refusal) {}

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
