package io.clipdeck.secrets;

/**
 * A secret could not be stored, read or removed. The message says which store and what to do; it
 * never contains a secret or the master password.
 */
public class SecretStoreException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public SecretStoreException(String message) {
    super(message);
  }

  public SecretStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
