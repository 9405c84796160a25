package io.clipdeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clipdeck.config.AppPaths;
import io.clipdeck.testing.SecretScan;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Stores secrets the way Clipdeck does, then looks for them, and for the master password, in every
 * file under the configuration, data and cache directories, in every log line and in every error
 * message: raw, Base64, hex and UTF-16.
 */
@Tag("reliability")
class SecretScanTest {

  private static final String MASTER = "Master-Pa55phrase-for-the-scan";
  private static final List<String> SECRETS =
      List.of(
          "pg-prod-password-Xy7!",
          "sk-live-51HcQ2eZvKYlo2CmRkM4xT0aBcDeFgHiJkLmNoPqRsTuVwXyZ",
          "pässwörd-ünïcødé-密码",
          "AKIAIOSFODNN7EXAMPLE/wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");

  @TempDir Path root;

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger rootLogger;
  private Level previousLevel;

  @BeforeEach
  void captureLogs() {
    rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previousLevel = rootLogger.getLevel();
    rootLogger.setLevel(Level.TRACE);
    logs.start();
    rootLogger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    rootLogger.detachAppender(logs);
    rootLogger.setLevel(previousLevel);
  }

  @Test
  void noSecretIsFoundInAnyFileLogLineOrMessage() throws Exception {
    AppPaths paths = AppPaths.under(root).createDirectories();
    Map<String, String> environment =
        Map.of(
            MasterPassword.ENVIRONMENT_VARIABLE,
            MASTER,
            "DBUS_SESSION_BUS_ADDRESS",
            "unix:path=" + root.resolve("no-bus"));
    SecretStore store = SecretStores.choose(paths, environment);
    assertThat(store).isInstanceOf(EncryptedFileVault.class);

    List<String> refs = new ArrayList<>();
    for (int i = 0; i < SECRETS.size(); i++) {
      refs.add(i % 2 == 0 ? SecretRef.profilePassword("db" + i) : SecretRef.apiKey("provider" + i));
      store.put(refs.get(i), SECRETS.get(i).toCharArray());
    }
    store.put(refs.getFirst(), (SECRETS.getFirst() + "-rotated").toCharArray());
    store.remove(refs.get(1));
    store.put(refs.get(1), SECRETS.get(1).toCharArray());
    for (int i = 0; i < SECRETS.size(); i++) {
      assertThat(store.get(refs.get(i)).map(String::new)).isPresent();
    }

    List<String> messages = new ArrayList<>();
    messages.add(store.toString());
    messages.add(store.describe());
    messages.add(
        String.valueOf(catchThrowable(() -> store.put("bad\nref", SECRETS.get(2).toCharArray()))));
    messages.add(String.valueOf(catchThrowable(() -> store.put("api/x/key", new char[0]))));
    EncryptedFileVault vault = (EncryptedFileVault) store;
    messages.add(
        String.valueOf(
            catchThrowable(
                () ->
                    new EncryptedFileVault(
                            vault.file(),
                            (MASTER + "x")::toCharArray,
                            new java.security.SecureRandom())
                        .get(refs.getFirst()))));
    Path damaged = root.resolve("config/damaged.json");
    byte[] content = Files.readAllBytes(vault.file());
    content[content.length / 2] ^= 1;
    Files.write(damaged, content);
    messages.add(
        String.valueOf(
            catchThrowable(
                () ->
                    new EncryptedFileVault(
                            damaged, MASTER::toCharArray, new java.security.SecureRandom())
                        .put(refs.getFirst(), SECRETS.get(3).toCharArray()))));
    logs.list.forEach(
        event -> {
          messages.add(event.getFormattedMessage());
          if (event.getThrowableProxy() != null) {
            messages.add(event.getThrowableProxy().getMessage());
          }
        });

    List<String> everything = new ArrayList<>(SECRETS);
    everything.add(SECRETS.getFirst() + "-rotated");
    everything.add(MASTER);
    assertThat(SecretScan.count(paths.configDir(), paths.dataDir(), paths.cacheDir()))
        .as("the vault and the damaged copy were scanned")
        .isGreaterThanOrEqualTo(2);
    assertThat(
            SecretScan.filesMentioning(
                everything, paths.configDir(), paths.dataDir(), paths.cacheDir()))
        .isEmpty();
    List<String> leaks = new ArrayList<>();
    for (String message : messages) {
      leaks.addAll(SecretScan.textMentioning(message, message, everything));
    }
    assertThat(leaks).isEmpty();
    assertThat(logs.list).as("choosing a store is logged").isNotEmpty();
  }

  @Test
  void theScanFindsWhatItLooksFor() throws Exception {
    // A scan that cannot fail proves nothing: plant each form once and expect it found.
    String secret = SECRETS.get(2);
    Path dir = Files.createDirectories(root.resolve("planted"));
    int i = 0;
    for (Map.Entry<String, byte[]> form : SecretScan.forms(secret).entrySet()) {
      byte[] padded = new byte[form.getValue().length + 7];
      System.arraycopy(form.getValue(), 0, padded, 3, form.getValue().length);
      Files.write(dir.resolve("f" + i++), padded);
    }
    Files.writeString(
        dir.resolve("embedded.json"),
        "{\"x\": \""
            + java.util.Base64.getEncoder()
                .encodeToString(
                    ("ab" + secret + "cd").getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "\"}");
    List<String> found = SecretScan.filesMentioning(List.of(secret), dir);
    assertThat(found).hasSizeGreaterThanOrEqualTo(i + 1);
    assertThat(found).anyMatch(f -> f.contains("embedded.json"));
  }
}
