package io.clipdeck.api.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the simulator plays for the next requests to a provider, each in that provider's
 * own shape (a quota stop is YouTube 403 quotaExceeded, OpenAI 429 insufficient_quota, ElevenLabs
 * 401 quota_exceeded, Stability 402).
 *
 * @param delay Retry-After for {@link Type#TOO_MANY_REQUESTS}, the delay for {@link Type#SLOW}
 * @param bytes body size for {@link Type#OVERSIZED_BODY}
 */
public record Fault(Type type, Duration delay, int bytes) {

  public enum Type {
    TOO_MANY_REQUESTS,
    QUOTA_EXCEEDED,
    UNAUTHORIZED,
    SERVER_ERROR,
    UNAVAILABLE,
    SLOW,
    RESET_CONNECTION,
    MALFORMED_JSON,
    OVERSIZED_BODY
  }

  public Fault {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(delay, "delay");
  }

  public static Fault tooManyRequests(Duration retryAfter) {
    return new Fault(Type.TOO_MANY_REQUESTS, retryAfter, 0);
  }

  public static Fault quotaExceeded() {
    return new Fault(Type.QUOTA_EXCEEDED, Duration.ZERO, 0);
  }

  public static Fault unauthorized() {
    return new Fault(Type.UNAUTHORIZED, Duration.ZERO, 0);
  }

  /** HTTP 500 */
  public static Fault serverError() {
    return new Fault(Type.SERVER_ERROR, Duration.ZERO, 0);
  }

  /** HTTP 503 */
  public static Fault unavailable() {
    return new Fault(Type.UNAVAILABLE, Duration.ZERO, 0);
  }

  /** Answers normally after {@code delay} (real time). */
  public static Fault slow(Duration delay) {
    return new Fault(Type.SLOW, delay, 0);
  }

  /** Drops the connection without an answer. */
  public static Fault resetConnection() {
    return new Fault(Type.RESET_CONNECTION, Duration.ZERO, 0);
  }

  /** A 200 whose JSON is cut off. */
  public static Fault malformedJson() {
    return new Fault(Type.MALFORMED_JSON, Duration.ZERO, 0);
  }

  /** A 200 of {@code bytes} bytes. */
  public static Fault oversizedBody(int bytes) {
    return new Fault(Type.OVERSIZED_BODY, Duration.ZERO, bytes);
  }
}
