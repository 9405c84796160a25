package io.clipdeck.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A call that failed for good. The message names the provider, the HTTP status, the provider's
 * machine reason and what to do; it never contains an API key (nor the provider's human message,
 * which can echo part of one).
 */
public final class ApiException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final Provider provider;
  private final ApiErrorKind kind;
  private final int status;
  private final String reason;
  private final int attempts;
  private final transient Spend spent;
  private final transient Instant retryAt;

  public ApiException(Provider provider, ApiFailure failure, int attempts, String detail) {
    this(provider, failure.kind(), failure.status(), failure.reason(), attempts, detail, null);
  }

  public ApiException(
      Provider provider,
      ApiErrorKind kind,
      int status,
      String reason,
      int attempts,
      String detail,
      Throwable cause) {
    this(provider, kind, status, reason, attempts, detail, cause, Spend.NONE, null);
  }

  public ApiException(
      Provider provider,
      ApiErrorKind kind,
      int status,
      String reason,
      int attempts,
      String detail,
      Throwable cause,
      Spend spent,
      Instant retryAt) {
    super(message(provider, kind, status, reason, attempts, detail), cause);
    this.provider = Objects.requireNonNull(provider, "provider");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.status = status;
    this.reason = reason;
    this.attempts = attempts;
    this.spent = Objects.requireNonNull(spent, "spent");
    this.retryAt = retryAt;
  }

  private static String message(
      Provider provider,
      ApiErrorKind kind,
      int status,
      String reason,
      int attempts,
      String detail) {
    StringBuilder text = new StringBuilder(provider.displayName()).append(": ");
    text.append(status > 0 ? "HTTP " + status : "no HTTP answer");
    text.append(' ').append(reason).append(" (").append(kind.label()).append(')');
    if (attempts > 1) {
      text.append(" after ").append(attempts).append(" attempts");
    }
    if (detail != null && !detail.isBlank()) {
      text.append(". ").append(detail);
    }
    return text.append(". What to do: ").append(kind.advice()).append('.').toString();
  }

  public Provider provider() {
    return provider;
  }

  public ApiErrorKind kind() {
    return kind;
  }

  /** The HTTP status of the last attempt, 0 when none arrived. */
  public int status() {
    return status;
  }

  /** The provider's machine reason, "-" when it gave none. */
  public String reason() {
    return reason;
  }

  /** How many requests went out for this call (0 when it was refused before the network). */
  public int attempts() {
    return attempts;
  }

  /**
   * What the answers of this call cost although the call failed: a refused or unusable completion
   * is billed all the same.
   */
  public Spend spent() {
    return spent;
  }

  /**
   * When the provider may be asked again, when that is known: the end of a parking (quota, a long
   * Retry-After), of the limiter's window or of the breaker's open state. A queue snoozes the task
   * until then instead of holding a thread.
   */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }
}
