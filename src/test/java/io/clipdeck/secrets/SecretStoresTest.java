package io.clipdeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.config.AppPaths;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With no Secret Service answering, secrets go to the vault file, within the probe's time limit.
 */
class SecretStoresTest {

  private static final Duration LIMIT = Duration.ofSeconds(2);

  /** Process start-up and JVM warm-up on a busy 2-core machine. */
  private static final Duration SLACK = Duration.ofSeconds(4);

  @TempDir Path root;

  private SecretStore chooseWith(Map<String, String> environment) {
    return SecretStores.choose(
        new SecretServiceStore(environment, LIMIT),
        root.resolve("config/vault.json"),
        "a test master password"::toCharArray);
  }

  private static Map<String, String> path() {
    return Map.of("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
  }

  @Test
  void anEmptyEnvironmentFallsBackToTheVault() {
    long start = System.nanoTime();
    SecretStore store = chooseWith(Map.of());
    assertThat(store).isInstanceOf(EncryptedFileVault.class);
    assertThat(store.describe())
        .isEqualTo("encrypted vault file " + root.resolve("config/vault.json"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT.plus(SLACK));
  }

  @Test
  void aBogusBusAddressFallsBackToTheVault() {
    long start = System.nanoTime();
    SecretStore store =
        chooseWith(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + root.resolve("no-such-bus")));
    assertThat(store).isInstanceOf(EncryptedFileVault.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT.plus(SLACK));
    store.put("api/a/key", "k".toCharArray());
    assertThat(store.get("api/a/key").map(String::new)).contains("k");
  }

  @Test
  void aMissingSecretToolFallsBackToTheVault() {
    SecretServiceStore missing = new SecretServiceStore("/nonexistent/secret-tool", path(), LIMIT);
    assertThat(missing.isAvailable()).isFalse();
    assertThatThrownBy(() -> missing.get("api/a/key"))
        .isInstanceOf(SecretStoreException.class)
        .hasMessageContaining("libsecret-tools");
    assertThat(
            SecretStores.choose(
                missing, root.resolve("vault.json"), "a test master password"::toCharArray))
        .isInstanceOf(EncryptedFileVault.class);
  }

  @Test
  void aBusThatNeverAnswersIsGivenUpOnWithinTheTimeLimit() throws Exception {
    Path socket = root.resolve("silent-bus");
    List<SocketChannel> held = new CopyOnWriteArrayList<>();
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    Thread acceptor = null;
    try {
      server.bind(UnixDomainSocketAddress.of(socket));
      acceptor =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      while (true) {
                        held.add(server.accept());
                      }
                    } catch (IOException closed) {
                      // the test is over
                    }
                  });
      Map<String, String> environment = Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=" + socket);
      SecretServiceStore silent = new SecretServiceStore(environment, LIMIT);

      long start = System.nanoTime();
      assertThat(
              SecretStores.choose(
                  silent, root.resolve("vault.json"), "a test master password"::toCharArray))
          .isInstanceOf(EncryptedFileVault.class);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isGreaterThanOrEqualTo(LIMIT.minusMillis(100)).isLessThan(LIMIT.plus(SLACK));
      assertThat(held).as("secret-tool did connect and wait").isNotEmpty();

      start = System.nanoTime();
      assertThatThrownBy(() -> silent.put("api/a/key", "never-shown-secret".toCharArray()))
          .isInstanceOf(SecretStoreException.class)
          .hasMessageContaining("did not answer within 2000 ms")
          .hasMessageNotContaining("never-shown-secret");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(LIMIT.plus(SLACK));
    } finally {
      server.close();
      if (acceptor != null) {
        acceptor.join(Duration.ofSeconds(5));
      }
      for (SocketChannel channel : held) {
        channel.close();
      }
    }
  }

  @Test
  void theHeadlessChoicePutsTheVaultInTheConfigDirectory() {
    AppPaths paths = AppPaths.under(root);
    SecretStore store =
        SecretStores.choose(
            paths,
            Map.of(
                "DBUS_SESSION_BUS_ADDRESS",
                "unix:path=" + root.resolve("none"),
                MasterPassword.ENVIRONMENT_VARIABLE,
                "from-the-environment"));
    assertThat(store).isInstanceOf(EncryptedFileVault.class);
    assertThat(((EncryptedFileVault) store).file())
        .isEqualTo(paths.configDir().resolve("vault.json"));
    store.put(SecretRef.apiKey("openai"), "sk-1".toCharArray());
    EncryptedFileVault sameFile =
        new EncryptedFileVault(
            paths.configDir().resolve("vault.json"),
            "from-the-environment"::toCharArray,
            new java.security.SecureRandom());
    assertThat(sameFile.get(SecretRef.apiKey("openai")).map(String::new)).contains("sk-1");
  }
}
