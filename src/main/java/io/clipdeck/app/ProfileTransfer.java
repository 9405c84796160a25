package io.clipdeck.app;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.ProfileService;
import io.clipdeck.db.ProfileStore;
import io.clipdeck.secrets.EncryptedFileVault;
import io.clipdeck.secrets.SecretRef;
import io.clipdeck.secrets.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Moves profiles between machines: a file in the profile format, and, only when asked, their
 * passwords in a second file beside it ({@code FILE.vault}) encrypted under a passphrase of its own
 * (the same AES-256-GCM vault format as the local one). Without the vault the passwords stay
 * behind. An export writes only its files (never through a symbolic link, the folder untouched),
 * and each export vault is new. An imported profile gets a secret reference of its own: the file's
 * {@code password_ref} only names its password in the export vault.
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
    try {
      ProfileStore.export(file, saved, profiles.groups());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot export profiles to " + file + ": " + e.getMessage(), e);
    }
    int passwords = 0;
    if (passphrase.isPresent()) {
      // A new vault holding only these passwords: an existing FILE.vault is replaced, never opened.
      Map<String, char[]> entries = new TreeMap<>();
      try {
        for (ConnectionProfile profile : saved) {
          if (profile.passwordRef() != null) {
            secrets
                .get()
                .get(profile.passwordRef())
                .ifPresent(s -> entries.put(profile.passwordRef(), s));
          }
        }
        EncryptedFileVault.writeNew(vaultOf(file), passphrase.get(), new SecureRandom(), entries);
        passwords = entries.size();
      } finally {
        entries.values().forEach(secret -> Arrays.fill(secret, '\0'));
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
   * A secret reference for an imported profile that no profile uses and that holds nothing yet:
   * {@code profile/<name>/password}, else the same with {@code -2}, {@code -3}, ...
   */
  private String freshRef(String profileName) {
    String base = SecretRef.profilePassword(profileName);
    for (int n = 1; ; n++) {
      String candidate = n == 1 ? base : base + "-" + n;
      boolean used = profiles.profiles().stream().anyMatch(p -> candidate.equals(p.passwordRef()));
      if (!used) {
        Optional<char[]> stale = secrets.get().get(candidate);
        if (stale.isEmpty()) {
          return candidate;
        }
        Arrays.fill(stale.get(), '\0');
      }
    }
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
    for (ConnectionProfile fromFile : loaded.profiles()) {
      if (profiles.find(fromFile.name()).isPresent()) {
        notes.add("skipped '" + fromFile.name() + "': a profile with that name exists");
        continue;
      }
      // The file's password_ref is only a key into the export's own vault: trusted, it could name
      // another profile's password here and send it to the file's host, or overwrite it.
      ConnectionProfile profile = fromFile.toBuilder().passwordRef(null).build();
      if (fromFile.passwordRef() != null) {
        Optional<char[]> secret;
        try {
          secret = vault.flatMap(v -> v.get(SecretRef.validate(fromFile.passwordRef())));
        } catch (IllegalArgumentException e) {
          notes.add(
              "'" + profile.name() + "' names no usable password in the file: " + e.getMessage());
          secret = Optional.empty();
        }
        if (secret.isPresent()) {
          try {
            String ownRef = freshRef(profile.name());
            secrets.get().put(ownRef, secret.get());
            profile = profile.toBuilder().passwordRef(ownRef).build();
            passwords++;
          } finally {
            Arrays.fill(secret.get(), '\0');
          }
        } else {
          notes.add("'" + profile.name() + "' has no password yet: set it in the profile");
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
