package io.clipdeck.data;

/**
 * A field name or sort key that is not one of the entity's columns. Thrown before any SQL is built,
 * so a hostile name never reaches the database.
 */
public final class InvalidIdentifierException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  InvalidIdentifierException(String message) {
    super(message);
  }
}
