package io.clipdeck.api.openai;

/**
 * A structured answer with what the provider counted for it, so a usage record can name the call.
 *
 * @param requestId the completion's id ({@code chatcmpl-…}), unique per answer
 */
public record Metered<T>(T value, String requestId, long promptTokens, long completionTokens) {

  public long totalTokens() {
    return promptTokens + completionTokens;
  }
}
