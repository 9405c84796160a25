package io.clipdeck.secrets;

import java.nio.file.Path;

/**
 * The master password does not open the vault file. The file itself is intact (its checksum
 * matches); asking the user again is the right answer.
 */
public final class WrongMasterPasswordException extends SecretStoreException {

  private static final long serialVersionUID = 1L;

  private final transient Path file;

  WrongMasterPasswordException(Path file) {
    super(
        "wrong master password for "
            + file
            + " (check "
            + MasterPassword.ENVIRONMENT_VARIABLE
            + " or the password you typed)");
    this.file = file;
  }

  /** The vault file the password did not open. */
  public Path file() {
    return file;
  }
}
