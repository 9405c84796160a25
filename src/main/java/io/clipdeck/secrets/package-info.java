/**
 * Where Clipdeck keeps database passwords and API keys: the desktop's Secret Service when one
 * answers ({@link io.clipdeck.secrets.SecretServiceStore}), otherwise a vault file encrypted under
 * a master password ({@link io.clipdeck.secrets.EncryptedFileVault}). {@link
 * io.clipdeck.secrets.SecretStores#choose} picks one.
 *
 * <p><b>Threads:</b> every call into a {@link io.clipdeck.secrets.SecretStore} blocks (it runs a
 * process, or derives a key with PBKDF2 and reads or writes a file): call it from the application's
 * worker threads, never from the JavaFX Application Thread.
 *
 * <p><b>Secrets never leave as text:</b> no exception message, log line or {@code toString()} of
 * this package contains a secret or the master password; secrets travel as {@code char[]} that the
 * caller wipes once used.
 */
package io.clipdeck.secrets;
