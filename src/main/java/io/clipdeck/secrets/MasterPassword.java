package io.clipdeck.secrets;

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

  private MasterPassword() {}

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
