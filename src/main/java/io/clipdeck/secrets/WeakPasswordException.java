package io.clipdeck.secrets;

/**
 * A new vault was about to be made under a password too weak to protect it; the message says what a
 * strong enough one looks like and never holds the password.
 */
public final class WeakPasswordException extends SecretStoreException {

  private static final long serialVersionUID = 1L;

  WeakPasswordException(String message) {
    super(message);
  }
}
