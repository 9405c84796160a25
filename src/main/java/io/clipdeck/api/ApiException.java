package io.clipdeck.api;

import java.util.Objects;

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
    super(message(provider, kind, status, reason, attempts, detail), cause);
    this.provider = Objects.requireNonNull(provider, "provider");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.status = status;
    this.reason = reason;
    this.attempts = attempts;
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
}
