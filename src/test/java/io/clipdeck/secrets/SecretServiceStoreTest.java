package io.clipdeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clipdeck.testing.SecretScan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Against a real Secret Service: a private D-Bus session bus with a fresh, unlocked GNOME Keyring
 * (see {@link PrivateKeyring}). Skipped when its programs are missing, failed instead under CI.
 */
class SecretServiceStoreTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @TempDir static Path root;
  private static PrivateKeyring keyring;
  private static SecretServiceStore store;

  @BeforeAll
  static void startKeyring() {
    keyring = PrivateKeyring.startUnlocked(root.resolve("keyring"));
    store = new SecretServiceStore(keyring.environment(), TIMEOUT);
  }

  @AfterAll
  static void stopKeyring() {
    if (keyring == null) {
      return;
    }
    List<ProcessHandle> processes = keyring.processes();
    keyring.close();
    assertThat(processes).isNotEmpty();
    await("the daemons started for the test are gone")
        .atMost(Duration.ofSeconds(10))
        .until(() -> processes.stream().noneMatch(ProcessHandle::isAlive));
  }

  private static String text(Optional<char[]> secret) {
    return secret.map(String::new).orElse(null);
  }

  @Test
  void answersItsProbe() {
    assertThat(store.isAvailable()).isTrue();
    assertThat(store.describe()).startsWith("Secret Service");
    assertThat(store.toString()).isEqualTo(store.describe());
  }

  @Test
  void roundTripsOverwritesAndRemoves() {
    String ref = SecretRef.profilePassword("keyring-prod");
    assertThat(store.get(ref)).isEmpty();
    store.put(ref, "s3cret!".toCharArray());
    assertThat(text(store.get(ref))).isEqualTo("s3cret!");
    store.put(ref, "rotated".toCharArray());
    assertThat(text(store.get(ref))).isEqualTo("rotated");
    store.remove(ref);
    assertThat(store.get(ref)).isEmpty();
    store.remove(ref);
  }

  @Test
  void keepsSecretsExactlyAsGiven() {
    List<String> secrets =
        List.of(
            "ünïcødé-密码-🔑",
            "  spaces around  ",
            "line one\nline two\n",
            "quote\"back\\slash$(rm -rf)`x`;|&",
            "x".repeat(5000));
    for (int i = 0; i < secrets.size(); i++) {
      store.put(SecretRef.apiKey("exact" + i), secrets.get(i).toCharArray());
    }
    for (int i = 0; i < secrets.size(); i++) {
      assertThat(text(store.get(SecretRef.apiKey("exact" + i)))).isEqualTo(secrets.get(i));
    }
  }

  @Test
  void keepsManyEntriesApart() {
    List<String> refs = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      refs.add(SecretRef.profilePassword("many-" + i));
      store.put(refs.getLast(), ("pw-" + i).toCharArray());
    }
    for (int i = 0; i < 20; i++) {
      assertThat(text(store.get(refs.get(i)))).isEqualTo("pw-" + i);
    }
    store.remove(refs.get(7));
    assertThat(store.get(refs.get(7))).isEmpty();
    assertThat(text(store.get(refs.get(8)))).isEqualTo("pw-8");
  }

  @Test
  void isChosenWhenItAnswers() {
    SecretStore chosen =
        SecretStores.choose(
            store, root.resolve("unused/vault.json"), "a test master password"::toCharArray);
    assertThat(chosen).isSameAs(store);
    chosen.put("api/chosen/key", "k".toCharArray());
    assertThat(text(chosen.get("api/chosen/key"))).isEqualTo("k");
    assertThat(root.resolve("unused")).doesNotExist();
  }

  @Test
  void leavesNoSecretInPlainTextUnderHome() {
    List<String> secrets = List.of("plain-text-canary-7f3a9c", "sk-canary-QmFzZTY0IGNhbmFyeQ");
    for (int i = 0; i < secrets.size(); i++) {
      store.put(SecretRef.apiKey("canary" + i), secrets.get(i).toCharArray());
    }
    assertThat(SecretScan.count(keyring.home()))
        .as("the keyring's files were scanned")
        .isPositive();
    assertThat(SecretScan.filesMentioning(secrets, keyring.home())).isEmpty();
  }

  @Test
  void aKeyringNobodyUnlockedFailsClearlyWithoutTheSecret() {
    try (PrivateKeyring locked = PrivateKeyring.startWithoutUnlocking(root.resolve("locked"))) {
      SecretServiceStore lockedStore = new SecretServiceStore(locked.environment(), TIMEOUT);
      assertThatThrownBy(
              () -> lockedStore.put("api/locked/key", "locked-canary-secret".toCharArray()))
          .isInstanceOf(SecretStoreException.class)
          .hasMessageStartingWith("the Secret Service could not store 'api/locked/key'")
          .hasMessageNotContaining("locked-canary-secret");
    }
  }
}
