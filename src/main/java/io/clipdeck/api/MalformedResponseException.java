package io.clipdeck.api;

import java.util.Objects;

/**
 * A 2xx answer that cannot be used as the provider documents it. Its {@link #kind()} decides
 * whether another request may help:
 *
 * <ul>
 *   <li>{@link ApiErrorKind#MALFORMED_RESPONSE}: the body could not be read at all (cut off, not
 *       JSON, not an image). That can be the network's doing, so a free read is retried; a paid
 *       generation is not, since the provider may have billed it.
 *   <li>{@link ApiErrorKind#UNEXPECTED_ANSWER}: the body was read, but it is not the shape asked
 *       for (no choices, a tool call where JSON content was asked, JSON that does not fit the
 *       schema, an answer cut at the token limit). The provider would answer the same again, so it
 *       is never retried.
 *   <li>{@link ApiErrorKind#REJECTED}: the model refused or its content filter stopped the answer.
 *       Never retried with the same input.
 * </ul>
 */
public final class MalformedResponseException extends Exception {

  private static final long serialVersionUID = 1L;

  private final ApiErrorKind kind;
  private final String reason;

  private MalformedResponseException(
      ApiErrorKind kind, String reason, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** A body that could not be read (cut off, not JSON, wrong media type). */
  public static MalformedResponseException unreadable(String message, Throwable cause) {
    return new MalformedResponseException(
        ApiErrorKind.MALFORMED_RESPONSE, "unreadable body", message, cause);
  }

  /** A body that could not be read (cut off, not JSON, wrong media type). */
  public static MalformedResponseException unreadable(String message) {
    return unreadable(message, null);
  }

  /**
   * A body that was read but is not the documented or requested shape.
   *
   * @param reason a short machine reason, e.g. {@code finish_reason length}, {@code tool_calls}
   */
  public static MalformedResponseException unexpected(String reason, String message) {
    return new MalformedResponseException(ApiErrorKind.UNEXPECTED_ANSWER, reason, message, null);
  }

  /** A body that was read but is not the documented or requested shape. */
  public static MalformedResponseException unexpected(String message, Throwable cause) {
    return new MalformedResponseException(
        ApiErrorKind.UNEXPECTED_ANSWER, "unexpected shape", message, cause);
  }

  /** The model refused, or its content filter stopped the answer. */
  public static MalformedResponseException refused(String reason, String message) {
    return new MalformedResponseException(ApiErrorKind.REJECTED, reason, message, null);
  }

  public ApiErrorKind kind() {
    return kind;
  }

  /** A short machine reason for the failure, safe to show and log. */
  public String reason() {
    return reason;
  }
}
