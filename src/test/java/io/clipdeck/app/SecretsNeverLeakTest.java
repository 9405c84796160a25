package io.clipdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.HealthReport;
import io.clipdeck.logging.LogBuffer;
import io.clipdeck.secrets.SecretRef;
import io.clipdeck.testing.SecretScan;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole application with profiles, passwords and API keys in use, including a login the server
 * refuses: no secret in any file it wrote, in its log or in an error it showed.
 */
class SecretsNeverLeakTest {

  @TempDir Path root;

  @Test
  void noSecretReachesFilesLogsOrMessages() throws Exception {
    String master = "master-" + System.nanoTime();
    String dbPassword = "db-Pa55-" + System.nanoTime();
    String apiKey = "sk-live-" + System.nanoTime();
    Path temp = Files.createDirectories(root.resolve("tmp"));
    AppContext.Options options =
        new AppContext.Options(
            AppPaths.under(root),
            Clock.systemUTC(),
            Duration.ofSeconds(10),
            1_000,
            // No D-Bus: the encrypted vault is used; the master password comes from here.
            Map.of("CLIPDECK_MASTER_PASSWORD", master, "TMPDIR", temp.toString()));
    String problem;
    List<LogBuffer.Entry> log;
    try (AppContext context = new AppContext(options)) {
      ConnectionProfile refused =
          ConnectionProfile.server(
                  "refused",
                  DatabaseKind.MYSQL,
                  TestDatabases.MARIADB_HOST,
                  TestDatabases.MARIADB_PORT,
                  "mysql",
                  "clipdeck_no_such_user")
              .toBuilder()
              .passwordRef(SecretRef.profilePassword("refused"))
              .build();
      context.secrets().put(refused.passwordRef(), dbPassword.toCharArray());
      context.secrets().put(SecretRef.apiKey("openai"), apiKey.toCharArray());
      context.profiles().put(refused);

      HealthReport report = context.health().checkNow(refused).get(15, TimeUnit.SECONDS);
      assertThat(report.isUp()).isFalse();
      problem = report.problem().orElseThrow();
      assertThat(problem).contains("refused the login");
      assertThat(new String(context.secrets().get(SecretRef.apiKey("openai")).orElseThrow()))
          .isEqualTo(apiKey);
      log = context.logBuffer().snapshot();
    }

    List<String> secrets = List.of(master, dbPassword, apiKey);
    assertThat(SecretScan.filesMentioning(secrets, root)).isEmpty();
    assertThat(root.resolve("config/vault.json")).exists();
    assertThat(root.resolve("config/profiles.json")).exists();
    assertThat(SecretScan.count(root)).as("files scanned").isGreaterThanOrEqualTo(2);
    String logText =
        log.stream()
            .map(entry -> entry.logger() + " " + entry.message())
            .collect(Collectors.joining("\n"));
    assertThat(SecretScan.textMentioning("log", logText, secrets)).isEmpty();
    assertThat(SecretScan.textMentioning("health problem", problem, secrets)).isEmpty();
  }
}
