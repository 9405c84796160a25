package io.clipdeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncryptedFileVaultTest {

  private static final String MASTER = "correct horse battery staple";

  @TempDir Path dir;

  private final AtomicInteger asked = new AtomicInteger();

  private Supplier<char[]> master(String password) {
    return () -> {
      asked.incrementAndGet();
      return password.toCharArray();
    };
  }

  private EncryptedFileVault vault(String password) {
    return new EncryptedFileVault(
        dir.resolve("config/vault.json"), master(password), new SecureRandom());
  }

  private static String text(java.util.Optional<char[]> secret) {
    return secret.map(String::new).orElse(null);
  }

  @Test
  void roundTripsOverwritesAndRemoves() {
    EncryptedFileVault vault = vault(MASTER);
    assertThat(vault.get("profile/prod/password")).isEmpty();
    assertThat(asked).as("nothing to open, so no password asked").hasValue(0);

    vault.put("profile/prod/password", "s3cret!".toCharArray());
    vault.put("api/openai/key", "sk-ÄÖü-日本-🔑".toCharArray());
    assertThat(text(vault.get("profile/prod/password"))).isEqualTo("s3cret!");
    assertThat(text(vault.get("api/openai/key"))).isEqualTo("sk-ÄÖü-日本-🔑");

    vault.put("profile/prod/password", "rotated".toCharArray());
    assertThat(text(vault.get("profile/prod/password"))).isEqualTo("rotated");

    vault.remove("profile/prod/password");
    assertThat(vault.get("profile/prod/password")).isEmpty();
    assertThat(text(vault.get("api/openai/key"))).isEqualTo("sk-ÄÖü-日本-🔑");
    vault.remove("profile/prod/password");
    vault.remove("never/stored");

    EncryptedFileVault reopened = vault(MASTER);
    assertThat(text(reopened.get("api/openai/key"))).isEqualTo("sk-ÄÖü-日本-🔑");
  }

  @Test
  void keepsManyEntries() {
    EncryptedFileVault vault = vault(MASTER);
    for (int i = 0; i < 100; i++) {
      vault.put(
          SecretRef.profilePassword("db" + i), ("pw-" + i + "-" + "x".repeat(i)).toCharArray());
    }
    EncryptedFileVault reopened = vault(MASTER);
    for (int i = 0; i < 100; i++) {
      assertThat(text(reopened.get(SecretRef.profilePassword("db" + i))))
          .isEqualTo("pw-" + i + "-" + "x".repeat(i));
    }
  }

  @Test
  void returnsCopiesTheCallerMayWipe() {
    EncryptedFileVault vault = vault(MASTER);
    char[] secret = "hunter2".toCharArray();
    vault.put("api/x/key", secret);
    java.util.Arrays.fill(secret, '\0');
    char[] first = vault.get("api/x/key").orElseThrow();
    java.util.Arrays.fill(first, '\0');
    assertThat(text(vault.get("api/x/key"))).isEqualTo("hunter2");
  }

  @Test
  void derivesTheKeyOnceAndWipesThePasswordItWasGiven() {
    List<char[]> handedOut = new ArrayList<>();
    EncryptedFileVault vault =
        new EncryptedFileVault(
            dir.resolve("vault.json"),
            () -> {
              char[] password = MASTER.toCharArray();
              handedOut.add(password);
              return password;
            },
            new SecureRandom());
    for (int i = 0; i < 5; i++) {
      vault.put("api/p" + i + "/key", "k".toCharArray());
      assertThat(vault.get("api/p" + i + "/key")).isPresent();
    }
    assertThat(handedOut).hasSize(1);
    assertThat(handedOut.getFirst()).containsOnly('\0');

    vault.lock();
    assertThat(text(vault.get("api/p0/key"))).isEqualTo("k");
    assertThat(handedOut).hasSize(2);
  }

  @Test
  void eachWriteUsesAFreshNonceAndKeepsTheSalt() throws Exception {
    EncryptedFileVault vault = vault(MASTER);
    List<JsonNode> versions = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      vault.put("api/a/key", "same".toCharArray());
      versions.add(new ObjectMapper().readTree(vault.file().toFile()));
    }
    assertThat(versions).extracting(v -> v.get("nonce").asText()).doesNotHaveDuplicates();
    assertThat(versions).extracting(v -> v.get("check").asText()).doesNotHaveDuplicates();
    assertThat(versions)
        .extracting(v -> v.get("salt").asText())
        .containsOnly(versions.getFirst().get("salt").asText());
    JsonNode last = versions.getLast();
    assertThat(last.get("iterations").asInt()).isEqualTo(600_000);
    assertThat(last.get("kdf").asText()).isEqualTo("PBKDF2-HMAC-SHA256");
    assertThat(last.get("cipher").asText()).isEqualTo("AES-256-GCM");
    assertThat(Base64.getDecoder().decode(last.get("salt").asText())).hasSize(16);
    assertThat(Base64.getDecoder().decode(last.get("nonce").asText())).hasSize(12);
  }

  @Test
  void aWrongMasterPasswordIsItsOwnErrorAndChangesNothing() throws Exception {
    EncryptedFileVault vault = vault(MASTER);
    vault.put("profile/prod/password", "s3cret!".toCharArray());
    byte[] before = Files.readAllBytes(vault.file());

    EncryptedFileVault wrong = vault("Correct horse battery staple");
    assertThatThrownBy(() -> wrong.get("profile/prod/password"))
        .isInstanceOf(WrongMasterPasswordException.class)
        .hasMessageStartingWith("wrong master password for " + vault.file())
        .hasMessageNotContaining("s3cret!")
        .hasMessageNotContaining("orse battery");
    assertThatThrownBy(() -> wrong.put("profile/prod/password", "other".toCharArray()))
        .isInstanceOf(WrongMasterPasswordException.class);
    assertThatThrownBy(() -> wrong.remove("profile/prod/password"))
        .isInstanceOf(WrongMasterPasswordException.class);
    assertThat(Files.readAllBytes(vault.file())).isEqualTo(before);
    assertThat(text(vault(MASTER).get("profile/prod/password"))).isEqualTo("s3cret!");
  }

  @Test
  void aMissingMasterPasswordIsAClearError() {
    EncryptedFileVault vault =
        new EncryptedFileVault(
            dir.resolve("vault.json"),
            MasterPassword.fromEnvironment(java.util.Map.of()),
            new SecureRandom());
    assertThatThrownBy(() -> vault.put("api/a/key", "k".toCharArray()))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("CLIPDECK_MASTER_PASSWORD");
    assertThat(dir.resolve("vault.json")).doesNotExist();
    EncryptedFileVault empty =
        new EncryptedFileVault(dir.resolve("vault.json"), () -> new char[0], new SecureRandom());
    assertThatThrownBy(() -> empty.put("api/a/key", "k".toCharArray()))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("no master password");
  }

  @Test
  void aWeakMasterPasswordCannotMakeAVaultAndTheMessageSaysWhy() {
    for (String weak : new String[] {"master", "short-pw", "aaaaaaaaaaaaaaaa", "121212121212"}) {
      EncryptedFileVault vault =
          new EncryptedFileVault(dir.resolve("vault.json"), weak::toCharArray, new SecureRandom());
      assertThatThrownBy(() -> vault.put("api/a/key", "k".toCharArray()))
          .as(weak)
          .isInstanceOf(WeakPasswordException.class)
          .hasMessageContaining("too weak: use at least 12 characters")
          .hasMessageNotContaining(weak);
      assertThat(dir.resolve("vault.json")).doesNotExist();
    }
    EncryptedFileVault strong =
        new EncryptedFileVault(
            dir.resolve("vault.json"), "four random words"::toCharArray, new SecureRandom());
    strong.put("api/a/key", "k".toCharArray());
    assertThat(dir.resolve("vault.json")).exists();
  }

  @Test
  void theFileIsOwnerOnlyInAnOwnerOnlyDirectory() throws Exception {
    Path parent = dir.resolve("config");
    Files.createDirectories(parent);
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
    EncryptedFileVault vault = vault(MASTER);
    vault.put("api/a/key", "k".toCharArray());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.file())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(parent)))
        .isEqualTo("rwx------");
    vault.put("api/b/key", "k".toCharArray());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(vault.file())))
        .isEqualTo("rw-------");
    try (var files = Files.list(parent)) {
      assertThat(files).as("no temp file left behind").containsExactly(vault.file());
    }
  }

  @Test
  void createsMissingDirectoriesOwnerOnly() throws Exception {
    Path file = dir.resolve("a/b/clipdeck/vault.json");
    new EncryptedFileVault(file, master(MASTER), new SecureRandom())
        .put("api/a/key", "k".toCharArray());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void refusesBadRefsAndEmptySecrets() {
    EncryptedFileVault vault = vault(MASTER);
    assertThatThrownBy(() -> vault.put("", "x".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vault.put("a\nb", "x".toCharArray()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> vault.put("api/a/key", new char[0]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(vault.file()).doesNotExist();
  }

  @Test
  void describesItselfWithoutSecrets() {
    EncryptedFileVault vault = vault(MASTER);
    vault.put("api/a/key", "hunter2".toCharArray());
    assertThat(vault.describe()).startsWith("encrypted vault file ").endsWith("vault.json");
    assertThat(vault.toString()).isEqualTo(vault.describe()).doesNotContain("hunter2", MASTER);
    Path home = Path.of(System.getProperty("user.home"));
    EncryptedFileVault inHome =
        new EncryptedFileVault(
            home.resolve(".config/clipdeck/vault.json"), master(MASTER), new SecureRandom());
    assertThat(inHome.describe()).isEqualTo("encrypted vault file ~/.config/clipdeck/vault.json");
  }

  @Test
  void oneVaultIsSafeToShareBetweenThreads() throws Exception {
    EncryptedFileVault vault = vault(MASTER);
    vault.put("api/seed/key", "seed".toCharArray());
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> writes = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String ref = "api/t" + i + "/key";
        String secret = "secret-" + i;
        writes.add(threads.submit(() -> vault.put(ref, secret.toCharArray())));
      }
      for (Future<?> write : writes) {
        write.get();
      }
    }
    EncryptedFileVault reopened = vault(MASTER);
    for (int i = 0; i < 16; i++) {
      assertThat(text(reopened.get("api/t" + i + "/key"))).isEqualTo("secret-" + i);
    }
  }
}
