package io.clipdeck.api;

/** A 2xx answer whose body cannot be read as what the provider documents. */
public final class MalformedResponseException extends Exception {

  private static final long serialVersionUID = 1L;

  public MalformedResponseException(String message, Throwable cause) {
    super(message, cause);
  }

  public MalformedResponseException(String message) {
    super(message);
  }
}
