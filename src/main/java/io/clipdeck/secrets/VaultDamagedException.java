package io.clipdeck.secrets;

import java.nio.file.Path;

/**
 * The vault file cannot be trusted: it is not valid JSON, a field is missing or malformed, it was
 * truncated, or its checksum or authentication tag does not match. The file is left exactly as it
 * is and every write is refused until the user restores or moves it.
 */
public final class VaultDamagedException extends SecretStoreException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  VaultDamagedException(Path file, String reason) {
    super(
        "vault damaged: "
            + file
            + " ("
            + reason
            + "). The file is left as it is and nothing is written to it; restore it from a"
            + " backup, or move it away to start an empty vault.");
    this.file = file;
  }

  /** The damaged vault file. */
  public Path file() {
    return file;
  }
}
