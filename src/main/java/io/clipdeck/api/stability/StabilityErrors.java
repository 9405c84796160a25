package io.clipdeck.api.stability;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiFailure;
import io.clipdeck.api.ApiResponse;
import io.clipdeck.api.ErrorClassifier;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stability's {@code {"id","name","errors":[...]}} (v1: {@code message}), dispatched on {@code
 * name}. A 429 locks the key out for 60 seconds, so the wait is at least that; 402 (no credits)
 * parks.
 */
public final class StabilityErrors implements ErrorClassifier {

  /** The documented lock-out after passing 150 requests in 10 seconds. */
  public static final Duration LOCKOUT = Duration.ofSeconds(60);

  private final Duration park;
  private final Duration lockout;

  public StabilityErrors(Duration park) {
    this(park, LOCKOUT);
  }

  /**
   * @param lockout the least wait after a 429; shorter only against the simulator
   */
  public StabilityErrors(Duration park, Duration lockout) {
    this.park = park;
    this.lockout = lockout;
  }

  @Override
  public ApiFailure classify(ApiResponse response, Instant now) {
    int status = response.status();
    JsonNode body = JsonSupport.tree(response);
    String name = body.path("name").asText("");
    String reason = name.isEmpty() ? "HTTP " + status : name;
    if (status == 402) {
      return ApiFailure.park(status, reason, now.plus(park));
    }
    if (status == 429) {
      Duration asked = RetryAfter.from(response, now).orElse(Duration.ZERO);
      return ApiFailure.retryAfter(
          ApiErrorKind.RATE_LIMITED,
          status,
          reason,
          Optional.of(asked.compareTo(lockout) > 0 ? asked : lockout));
    }
    if (status >= 500) {
      return ApiFailure.retry(ApiErrorKind.SERVER_ERROR, status, reason);
    }
    ApiErrorKind kind =
        switch (status) {
          case 401 -> ApiErrorKind.UNAUTHORIZED;
          case 403, 422 -> ApiErrorKind.REJECTED;
          case 404 -> ApiErrorKind.NOT_FOUND;
          default -> ApiErrorKind.BAD_REQUEST;
        };
    return ApiFailure.fail(kind, status, reason);
  }
}
