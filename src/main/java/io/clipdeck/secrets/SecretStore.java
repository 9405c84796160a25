package io.clipdeck.secrets;

import java.util.Optional;

/**
 * Keeps secrets (database passwords, API keys) under a reference such as {@code
 * profile/prod/password} (see {@link SecretRef}).
 *
 * <p>Every method blocks, for up to a few seconds (a {@code secret-tool} process, or PBKDF2 and
 * file I/O): call it from a worker thread, never from the JavaFX Application Thread. Failures are
 * {@link SecretStoreException}s whose messages never contain a secret.
 */
public interface SecretStore {

  /**
   * Stores {@code secret} under {@code ref}, replacing any earlier one. The store copies the
   * characters: the caller still owns {@code secret} and should wipe it when done.
   *
   * @throws IllegalArgumentException if {@code ref} is not a valid reference or the secret is empty
   */
  void put(String ref, char[] secret);

  /**
   * The secret stored under {@code ref}, if any. The array is a fresh copy owned by the caller, who
   * should wipe it ({@code Arrays.fill(secret, '\0')}) once used.
   */
  Optional<char[]> get(String ref);

  /** Forgets the secret stored under {@code ref}; nothing happens if there is none. */
  void remove(String ref);

  /**
   * Where secrets go, for people: "Secret Service (desktop keyring, via secret-tool)" or "encrypted
   * vault file ~/.config/clipdeck/vault.json".
   */
  String describe();
}
