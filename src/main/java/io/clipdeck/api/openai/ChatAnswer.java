package io.clipdeck.api.openai;

import java.util.List;
import java.util.Objects;

/**
 * What a chat completion answered, one type per documented shape of {@code choices[0]}. The {@code
 * finish_reason} decides among them, with a refusal taking precedence (OpenAI sends it with {@code
 * finish_reason: "stop"} and no content).
 */
public sealed interface ChatAnswer {

  /** {@code finish_reason: "stop"}: the whole answer. */
  record Text(String content) implements ChatAnswer {
    public Text {
      Objects.requireNonNull(content, "content");
    }
  }

  /**
   * {@code finish_reason: "length"}: cut at the token limit; {@code partial} is what came (maybe
   * nothing, when reasoning spent the budget).
   */
  record Truncated(String partial) implements ChatAnswer {
    public Truncated {
      Objects.requireNonNull(partial, "partial");
    }
  }

  /** {@code finish_reason: "content_filter"}: stopped by the provider's filter. */
  record Filtered(String partial) implements ChatAnswer {
    public Filtered {
      Objects.requireNonNull(partial, "partial");
    }
  }

  /**
   * {@code finish_reason: "tool_calls"} (or the deprecated {@code "function_call"}): the model asks
   * for functions to be called; {@code content} is usually empty.
   */
  record ToolCalls(List<ToolCall> calls, String content) implements ChatAnswer {
    public ToolCalls {
      calls = List.copyOf(calls);
      Objects.requireNonNull(content, "content");
      if (calls.isEmpty()) {
        throw new IllegalArgumentException("a tool-call answer has at least one call");
      }
    }
  }

  /** {@code message.refusal}: the model declined; there is no content. */
  record Refusal(String text) implements ChatAnswer {
    public Refusal {
      Objects.requireNonNull(text, "text");
    }
  }
}
