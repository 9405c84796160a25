package io.clipdeck.explore;

/**
 * A table or column name that is not in the catalog. Thrown before any SQL is built, so a hostile
 * name never reaches the database; names that are in the catalog are quoted, whatever they hold.
 */
public final class UnknownIdentifierException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  UnknownIdentifierException(String message) {
    super(message);
  }
}
