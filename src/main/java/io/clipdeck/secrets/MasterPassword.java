package io.clipdeck.secrets;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Where the vault's master password comes from. Headless runs read {@value #ENVIRONMENT_VARIABLE};
 * the GUI will prompt for it (any {@code Supplier<char[]>} will do).
 */
public final class MasterPassword {

  /** The environment variable that holds the master password for headless runs. */
  public static final String ENVIRONMENT_VARIABLE = "CLIPDECK_MASTER_PASSWORD";

  /** The fewest characters a new vault's password may have. */
  public static final int MINIMUM_LENGTH = 12;

  /** The fewest different characters: "aaaaaaaaaaaa" and "121212121212" are not passwords. */
  public static final int MINIMUM_DISTINCT = 5;

  private MasterPassword() {}

  /**
   * Refuses a password too weak to protect a new vault: fewer than {@value #MINIMUM_LENGTH}
   * characters, or fewer than {@value #MINIMUM_DISTINCT} different ones. Existing vaults still open
   * with the password they were made with. The message never holds the password.
   *
   * @throws WeakPasswordException saying what a good one looks like
   */
  public static void checkStrength(char[] password, Path vault) {
    long distinct = new String(password).chars().distinct().count();
    if (password.length < MINIMUM_LENGTH || distinct < MINIMUM_DISTINCT) {
      throw new WeakPasswordException(
          "the password for "
              + vault
              + " is too weak: use at least "
              + MINIMUM_LENGTH
              + " characters with at least "
              + MINIMUM_DISTINCT
              + " different ones (a few unrelated words make a good one)");
    }
  }

  /**
   * Reads {@value #ENVIRONMENT_VARIABLE} from {@code environment} each time it is asked, as a fresh
   * array (the vault wipes it after use). Throws a {@link SecretStoreException} when it is unset or
   * empty: the vault is only opened when a secret is actually needed.
   */
  public static Supplier<char[]> fromEnvironment(Map<String, String> environment) {
    Objects.requireNonNull(environment, "environment");
    return () -> {
      String value = environment.get(ENVIRONMENT_VARIABLE);
      if (value == null || value.isEmpty()) {
        throw new SecretStoreException(
            "no master password for the encrypted vault: set "
                + ENVIRONMENT_VARIABLE
                + " (headless runs), or start the desktop keyring (Secret Service)");
      }
      return value.toCharArray();
    };
  }
}
