package io.clipdeck.api.openai;

import io.clipdeck.api.Spend;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A completion: its typed answer and its accounting, whatever the answer's shape.
 *
 * @param id the completion's id ({@code chatcmpl-…}), empty when a server sent none
 * @param finishReason as sent: {@code stop}, {@code length}, {@code content_filter}, {@code
 *     tool_calls}, ...
 * @param usage the tokens the provider counted (billed even for a refusal or a cut answer)
 */
public record ChatResult(
    String id, String model, ChatAnswer answer, String finishReason, Spend usage) {

  public ChatResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(answer, "answer");
    Objects.requireNonNull(finishReason, "finishReason");
    Objects.requireNonNull(usage, "usage");
  }

  /** The assistant's text: the whole of a {@link ChatAnswer.Text}, else what came, or empty. */
  public String text() {
    return switch (answer) {
      case ChatAnswer.Text text -> text.content();
      case ChatAnswer.Truncated truncated -> truncated.partial();
      case ChatAnswer.Filtered filtered -> filtered.partial();
      case ChatAnswer.ToolCalls calls -> calls.content();
      case ChatAnswer.Refusal refusal -> "";
    };
  }

  /** The model's refusal, when it refused. */
  public Optional<String> refusal() {
    return answer instanceof ChatAnswer.Refusal refusal
        ? Optional.of(refusal.text())
        : Optional.empty();
  }

  /** The functions the model asks to call, empty for any other answer. */
  public List<ToolCall> toolCalls() {
    return answer instanceof ChatAnswer.ToolCalls calls ? calls.calls() : List.of();
  }

  public long promptTokens() {
    return usage.inputTokens();
  }

  public long completionTokens() {
    return usage.outputTokens();
  }
}
