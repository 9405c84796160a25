package io.clipdeck.app;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.ProfileService;
import io.clipdeck.db.ProfileStore;
import io.clipdeck.secrets.EncryptedFileVault;
import io.clipdeck.secrets.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Moves profiles between machines: a file in the profile format, and, only when asked, their
 * passwords in a second file beside it ({@code FILE.vault}) encrypted under a passphrase of its own
 * (the same AES-256-GCM vault format as the local one). Without the vault the passwords stay
 * behind.
 */
public final class ProfileTransfer {

  private final ProfileService profiles;
  private final Supplier<SecretStore> secrets;
  private final Clock clock;

  public ProfileTransfer(ProfileService profiles, Supplier<SecretStore> secrets, Clock clock) {
    this.profiles = profiles;
    this.secrets = secrets;
    this.clock = clock;
  }

  /** Where the passwords of an export go: beside the profile file. */
  public static Path vaultOf(Path file) {
    return file.resolveSibling(file.getFileName() + ".vault");
  }

  /**
   * Writes the saved profiles and groups (never the environment's) to {@code file}; with a
   * passphrase, their passwords to {@code FILE.vault}.
   *
   * @return how many profiles, and how many passwords, were written
   */
  public String export(Path file, Optional<Supplier<char[]>> passphrase) {
    List<ConnectionProfile> saved =
        profiles.profiles().stream().filter(p -> !profiles.isReadOnly(p.name())).toList();
    new ProfileStore(file, clock).save(saved, profiles.groups());
    int passwords = 0;
    if (passphrase.isPresent()) {
      SecretStore vault =
          new EncryptedFileVault(vaultOf(file), passphrase.get(), new SecureRandom());
      for (ConnectionProfile profile : saved) {
        if (profile.passwordRef() != null) {
          Optional<char[]> secret = secrets.get().get(profile.passwordRef());
          if (secret.isPresent()) {
            vault.put(profile.passwordRef(), secret.get());
            Arrays.fill(secret.get(), '\0');
            passwords++;
          }
        }
      }
    }
    return "Exported "
        + saved.size()
        + " profiles and "
        + profiles.groups().size()
        + " groups to "
        + file
        + (passphrase.isPresent()
            ? ", " + passwords + " passwords encrypted in " + vaultOf(file)
            : " (no passwords)");
  }

  /**
   * Adds the profiles and groups of {@code file} that do not clash with existing names; with a
   * passphrase, their passwords from {@code FILE.vault} go to the local secret store.
   *
   * @return what was imported and what was skipped, and why
   */
  public String importFrom(Path file, Optional<Supplier<char[]>> passphrase) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("No profile file at " + file);
    }
    ProfileStore.Loaded loaded = new ProfileStore(file, clock).load();
    List<String> notes = new ArrayList<>();
    loaded.problem().ifPresent(notes::add);
    Optional<SecretStore> vault =
        passphrase
            .filter(p -> Files.exists(vaultOf(file)))
            .map(p -> new EncryptedFileVault(vaultOf(file), p, new SecureRandom()));
    if (passphrase.isPresent() && vault.isEmpty()) {
      notes.add("no " + vaultOf(file) + ": passwords not imported");
    }
    int imported = 0;
    int passwords = 0;
    for (ConnectionProfile profile : loaded.profiles()) {
      if (profiles.find(profile.name()).isPresent()) {
        notes.add("skipped '" + profile.name() + "': a profile with that name exists");
        continue;
      }
      if (profile.passwordRef() != null && vault.isPresent()) {
        Optional<char[]> secret = vault.get().get(profile.passwordRef());
        if (secret.isPresent()) {
          secrets.get().put(profile.passwordRef(), secret.get());
          Arrays.fill(secret.get(), '\0');
          passwords++;
        }
      }
      profiles.save(profile, Optional.empty());
      imported++;
    }
    int groups = 0;
    for (GroupDefinition group : loaded.groups()) {
      if (profiles.findGroup(group.name()).isPresent()) {
        notes.add("skipped group '" + group.name() + "': a group with that name exists");
        continue;
      }
      try {
        profiles.saveGroup(group, Optional.empty());
        groups++;
      } catch (IllegalArgumentException e) {
        notes.add("skipped group '" + group.name() + "': " + e.getMessage());
      }
    }
    return "Imported "
        + imported
        + " profiles, "
        + groups
        + " groups and "
        + passwords
        + " passwords from "
        + file
        + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
  }
}
