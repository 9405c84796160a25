package io.clipdeck.api.openai;

import java.util.Optional;

/**
 * A completion's text and accounting.
 *
 * @param text the assistant's text, empty on a refusal
 * @param refusal the model's refusal, when it refused
 * @param finishReason {@code stop}, {@code length} (cut short), {@code content_filter}, ...
 */
public record ChatResult(
    String id,
    String model,
    String text,
    Optional<String> refusal,
    String finishReason,
    long promptTokens,
    long completionTokens) {}
