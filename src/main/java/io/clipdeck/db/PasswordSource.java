package io.clipdeck.db;

import java.util.Optional;

/**
 * Looks up a profile's password by its reference in the secret store. Called when a pool opens, on
 * a background thread; never logged.
 */
@FunctionalInterface
public interface PasswordSource {

  /** No passwords at all: for trust-authenticated servers and SQLite. */
  PasswordSource NONE = ref -> Optional.empty();

  Optional<char[]> password(String ref);
}
