package io.clipdeck.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One classified failed attempt: the provider's answer turned into a decision (retry, park, fail).
 *
 * @param status the HTTP status, or 0 when there was no HTTP answer
 * @param reason the provider's machine reason ({@code quotaExceeded}, {@code insufficient_quota}),
 *     never its human message, which may echo part of the key
 * @param retryAfter how long the provider asked to wait, if it said
 * @param parkUntil when set, stop calling the provider until then
 */
public record ApiFailure(
    ApiErrorKind kind,
    int status,
    String reason,
    boolean retryable,
    Optional<Duration> retryAfter,
    Optional<Instant> parkUntil) {

  public ApiFailure {
    Objects.requireNonNull(kind, "kind");
    reason = reason == null || reason.isBlank() ? "-" : reason;
    Objects.requireNonNull(retryAfter, "retryAfter");
    Objects.requireNonNull(parkUntil, "parkUntil");
  }

  public static ApiFailure retry(ApiErrorKind kind, int status, String reason) {
    return new ApiFailure(kind, status, reason, true, Optional.empty(), Optional.empty());
  }

  public static ApiFailure retryAfter(
      ApiErrorKind kind, int status, String reason, Optional<Duration> wait) {
    return new ApiFailure(kind, status, reason, true, wait, Optional.empty());
  }

  public static ApiFailure fail(ApiErrorKind kind, int status, String reason) {
    return new ApiFailure(kind, status, reason, false, Optional.empty(), Optional.empty());
  }

  public static ApiFailure park(int status, String reason, Instant until) {
    return new ApiFailure(
        ApiErrorKind.QUOTA_EXHAUSTED, status, reason, false, Optional.empty(), Optional.of(until));
  }

  /** The same failure, no longer retryable (a call's retry budget is spent). */
  public ApiFailure withRetryable(boolean value) {
    return new ApiFailure(kind, status, reason, value, retryAfter, parkUntil);
  }
}
