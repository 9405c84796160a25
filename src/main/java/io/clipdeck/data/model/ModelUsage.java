package io.clipdeck.data.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A row of {@code model_usage}: one paid model call. (provider, requestId) is unique, so logging
 * the same call twice is refused rather than counted twice.
 */
public record ModelUsage(
    Long id,
    Long userId,
    Long videoId,
    String provider,
    String modelType,
    String requestId,
    Double processingTimeS,
    Double memoryMb,
    Double gpuPercent,
    Integer tokens,
    BigDecimal cost,
    Instant createdAt) {

  /** A call to log now (the repository sets created_at). */
  public static ModelUsage of(
      Long userId,
      Long videoId,
      String provider,
      String modelType,
      String requestId,
      Integer tokens,
      BigDecimal cost) {
    return new ModelUsage(
        null, userId, videoId, provider, modelType, requestId, null, null, null, tokens, cost,
        null);
  }
}
