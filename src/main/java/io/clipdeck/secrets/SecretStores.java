package io.clipdeck.secrets;

import io.clipdeck.config.AppPaths;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks where secrets go: the Secret Service when one answers a bounded probe, otherwise the
 * encrypted vault file {@code vault.json} in Clipdeck's configuration directory. Choosing blocks
 * for up to the probe's time limit: call it off the JavaFX Application Thread.
 */
public final class SecretStores {

  private static final Logger LOG = LoggerFactory.getLogger(SecretStores.class);

  private SecretStores() {}

  /**
   * Chooses for a headless run: the Secret Service reached with {@code environment}, else the vault
   * under {@code paths.configDir()} opened with {@value MasterPassword#ENVIRONMENT_VARIABLE} from
   * {@code environment}.
   */
  public static SecretStore choose(AppPaths paths, Map<String, String> environment) {
    return choose(paths, environment, MasterPassword.fromEnvironment(environment));
  }

  /** Chooses with the master password from {@code masterPassword} (the GUI prompts for it). */
  public static SecretStore choose(
      AppPaths paths, Map<String, String> environment, Supplier<char[]> masterPassword) {
    return choose(
        new SecretServiceStore(environment, SecretServiceStore.DEFAULT_TIMEOUT),
        paths.configDir().resolve(EncryptedFileVault.FILE_NAME),
        masterPassword);
  }

  /**
   * {@code keystore} if it answers its probe (within its time limit), else an {@link
   * EncryptedFileVault} at {@code vaultFile}.
   */
  public static SecretStore choose(
      SecretServiceStore keystore, Path vaultFile, Supplier<char[]> masterPassword) {
    Objects.requireNonNull(vaultFile, "vaultFile");
    Objects.requireNonNull(masterPassword, "masterPassword");
    SecretStore chosen =
        keystore.isAvailable()
            ? keystore
            : new EncryptedFileVault(vaultFile, masterPassword, new SecureRandom());
    LOG.info("Secrets are kept in the {}", chosen.describe());
    return chosen;
  }
}
