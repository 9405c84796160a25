package io.clipdeck.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.ProfileService;
import io.clipdeck.db.ProfileStore;
import io.clipdeck.secrets.EncryptedFileVault;
import io.clipdeck.secrets.SecretRef;
import io.clipdeck.secrets.SecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a crafted profile file or a hostile export target can and cannot do. */
class ProfileTransferTest {

  private static final String PASSPHRASE = "export passphrase 42";
  private static final String PROD_REF = SecretRef.profilePassword("prod");

  @TempDir Path dir;

  private final MemoryStore local = new MemoryStore();
  private ProfileService profiles;
  private ProfileTransfer transfer;

  @BeforeEach
  void start() throws Exception {
    Path home = Files.createDirectory(dir.resolve("home"));
    profiles =
        new ProfileService(
            new ProfileStore(home.resolve("profiles.json"), Clock.systemUTC()),
            home.resolve("local.db"));
    profiles.save(
        ConnectionProfile.server("prod", DatabaseKind.POSTGRESQL, "db1", 5432, "clips", "dba")
            .toBuilder()
            .passwordRef(PROD_REF)
            .build(),
        Optional.empty());
    local.put(PROD_REF, "the-real-prod-password".toCharArray());
    transfer = new ProfileTransfer(profiles, () -> local, Clock.systemUTC());
  }

  @Test
  void anImportedPasswordRefNeverReachesAnotherProfilesPassword() throws Exception {
    Path file = crafted();

    String done = transfer.importFrom(file, Optional.empty());

    ConnectionProfile evil = profiles.require("evil");
    assertThat(evil.passwordRef()).isNotEqualTo(PROD_REF).isNull();
    assertThat(done).contains("'evil' has no password yet");
    assertThat(new String(local.get(PROD_REF).orElseThrow())).isEqualTo("the-real-prod-password");
  }

  @Test
  void withSecretsTheImportedPasswordGoesToTheProfilesOwnReferenceOnly() throws Exception {
    Path file = crafted();
    EncryptedFileVault.writeNew(
        ProfileTransfer.vaultOf(file),
        PASSPHRASE::toCharArray,
        new SecureRandom(),
        Map.of(PROD_REF, "attacker-chosen".toCharArray()));

    String done = transfer.importFrom(file, Optional.of(PASSPHRASE::toCharArray));

    ConnectionProfile evil = profiles.require("evil");
    assertThat(done).contains("Imported 1 profiles, 0 groups and 1 passwords");
    assertThat(evil.passwordRef()).isNotNull().isNotEqualTo(PROD_REF);
    assertThat(new String(local.get(evil.passwordRef()).orElseThrow()))
        .isEqualTo("attacker-chosen");
    assertThat(new String(local.get(PROD_REF).orElseThrow()))
        .as("the local prod password is neither overwritten nor deleted")
        .isEqualTo("the-real-prod-password");
  }

  @Test
  void aStaleSecretUnderTheNaturalReferenceIsNotReused() throws Exception {
    Path file = crafted();
    EncryptedFileVault.writeNew(
        ProfileTransfer.vaultOf(file),
        PASSPHRASE::toCharArray,
        new SecureRandom(),
        Map.of("whatever", "from-the-export".toCharArray()));
    Files.writeString(file, Files.readString(file).replace(PROD_REF, "whatever"));
    local.put(SecretRef.profilePassword("evil"), "left-behind".toCharArray());

    transfer.importFrom(file, Optional.of(PASSPHRASE::toCharArray));

    ConnectionProfile evil = profiles.require("evil");
    assertThat(evil.passwordRef()).isEqualTo(SecretRef.profilePassword("evil") + "-2");
    assertThat(new String(local.get(SecretRef.profilePassword("evil")).orElseThrow()))
        .isEqualTo("left-behind");
  }

  @Test
  void aMalformedPasswordRefIsANoteNotAFailedImport() throws Exception {
    Path file = crafted();
    Files.writeString(file, Files.readString(file).replace(PROD_REF, " bad\\u0007ref"));
    EncryptedFileVault.writeNew(
        ProfileTransfer.vaultOf(file),
        PASSPHRASE::toCharArray,
        new SecureRandom(),
        Map.of("x", "y".toCharArray()));

    String done = transfer.importFrom(file, Optional.of(PASSPHRASE::toCharArray));

    assertThat(done).contains("Imported 1 profiles", "'evil' names no usable password");
    assertThat(profiles.require("evil").passwordRef()).isNull();
  }

  @Test
  void exportWithSecretsWritesANewVaultAndNeverOpensAnOldOne() throws Exception {
    Path file = dir.resolve("out/profiles.json");
    Files.createDirectories(file.getParent());
    EncryptedFileVault.writeNew(
        ProfileTransfer.vaultOf(file),
        "an older passphrase"::toCharArray,
        new SecureRandom(),
        Map.of("api/old/key", "old-secret".toCharArray()));

    transfer.export(file, Optional.of(PASSPHRASE::toCharArray));

    EncryptedFileVault vault =
        new EncryptedFileVault(
            ProfileTransfer.vaultOf(file), PASSPHRASE::toCharArray, new SecureRandom());
    assertThat(vault.get(PROD_REF).map(String::new)).contains("the-real-prod-password");
    assertThat(vault.get("api/old/key")).as("nothing of the old vault is kept").isEmpty();
  }

  @Test
  void exportLeavesItsFolderAsItWas() throws Exception {
    Path folder = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path file = folder.resolve("profiles.json");

    transfer.export(file, Optional.of(PASSPHRASE::toCharArray));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder)))
        .isEqualTo("rwxr-xr-x");
    for (Path written : List.of(file, ProfileTransfer.vaultOf(file))) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
          .isEqualTo("rw-------");
    }
    try (var listing = Files.list(folder)) {
      assertThat(listing).hasSize(2);
    }
  }

  @Test
  void aSymbolicLinkTargetIsRefusedAndWhatItPointsAtIsUntouched() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path link = Files.createSymbolicLink(dir.resolve("profiles.json"), victim);

    assertThatThrownBy(() -> transfer.export(link, Optional.empty()))
        .hasMessageContaining(link.toString())
        .hasMessageContaining("is a symbolic link");

    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(victim)).isEqualTo("keep me");
  }

  @Test
  void aSymbolicLinkAtTheVaultIsRefusedToo() throws Exception {
    Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
    Path file = dir.resolve("profiles.json");
    Files.createSymbolicLink(ProfileTransfer.vaultOf(file), victim);

    assertThatThrownBy(() -> transfer.export(file, Optional.of(PASSPHRASE::toCharArray)))
        .hasMessageContaining("is a symbolic link");

    assertThat(Files.readString(victim)).isEqualTo("keep me");
  }

  /** A profile file whose entry points at the local prod password and at another host. */
  private Path crafted() throws Exception {
    Path file = dir.resolve("crafted.json");
    Files.writeString(
        file,
        """
        {"version": 1, "profiles": [{"name": "evil", "kind": "postgresql",
          "host": "attacker.example.com", "port": 5432, "database": "x", "user": "u",
          "password_ref": "%s"}]}
        """
            .formatted(PROD_REF));
    return file;
  }

  /** The local secret store, in memory. */
  private static final class MemoryStore implements SecretStore {
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    @Override
    public void put(String ref, char[] secret) {
      secrets.put(ref, new String(secret));
    }

    @Override
    public Optional<char[]> get(String ref) {
      return Optional.ofNullable(secrets.get(ref)).map(String::toCharArray);
    }

    @Override
    public void remove(String ref) {
      secrets.remove(ref);
    }

    @Override
    public String describe() {
      return "memory";
    }
  }
}
