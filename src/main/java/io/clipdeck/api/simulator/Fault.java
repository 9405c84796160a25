package io.clipdeck.api.simulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A misbehaviour the simulator plays for the next requests to a provider, each in that provider's
 * own shape (a quota stop is YouTube 403 quotaExceeded, OpenAI 429 insufficient_quota, ElevenLabs
 * 401 quota_exceeded, Stability 402).
 *
 * @param delay Retry-After for {@link Type#TOO_MANY_REQUESTS} and {@link Type#UNAVAILABLE} (none
 *     when zero), the delay for {@link Type#SLOW}
 * @param bytes body size for {@link Type#OVERSIZED_BODY}
 * @param shape the answer for {@link Type#ANSWER_SHAPE}
 */
public record Fault(Type type, Duration delay, int bytes, AnswerShape shape) {

  public enum Type {
    TOO_MANY_REQUESTS,
    QUOTA_EXCEEDED,
    UNAUTHORIZED,
    SERVER_ERROR,
    UNAVAILABLE,
    SLOW,
    RESET_CONNECTION,
    MALFORMED_JSON,
    WRONG_SHAPE,
    OVERSIZED_BODY,
    ANSWER_SHAPE
  }

  /**
   * Documented 200 answers other than the plain one. Chat completions: {@link #TOOL_CALLS} ({@code
   * content: null}, {@code finish_reason: "tool_calls"}, arguments as a JSON string), {@link
   * #FUNCTION_CALL} (the deprecated single function), {@link #REFUSAL} ({@code refusal} text and no
   * {@code content} key), {@link #LENGTH} (cut at the token limit), {@link #CONTENT_FILTER}, {@link
   * #OFF_SCHEMA} (JSON content, finish {@code stop}, that fits no schema asked for). Each carries
   * its usage. A provider without such answers serves the request normally.
   */
  public enum AnswerShape {
    TOOL_CALLS,
    FUNCTION_CALL,
    REFUSAL,
    LENGTH,
    CONTENT_FILTER,
    OFF_SCHEMA
  }

  public Fault {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(delay, "delay");
  }

  public Fault(Type type, Duration delay, int bytes) {
    this(type, delay, bytes, null);
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

  /** HTTP 503 with a Retry-After. */
  public static Fault unavailable(Duration retryAfter) {
    return new Fault(Type.UNAVAILABLE, retryAfter, 0);
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

  /**
   * A 200 whose body is valid JSON in the provider's content type but not the documented shape
   * (OpenAI: {@code choices: []}; YouTube: {@code items} an object).
   */
  public static Fault wrongShape() {
    return new Fault(Type.WRONG_SHAPE, Duration.ZERO, 0);
  }

  /** A documented 200 answer of another shape than the plain one. */
  public static Fault answer(AnswerShape shape) {
    return new Fault(Type.ANSWER_SHAPE, Duration.ZERO, 0, Objects.requireNonNull(shape, "shape"));
  }

  /** A 200 of {@code bytes} bytes. */
  public static Fault oversizedBody(int bytes) {
    return new Fault(Type.OVERSIZED_BODY, Duration.ZERO, bytes);
  }
}
