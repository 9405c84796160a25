package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfilesAndHealthCommandTest {

  @TempDir Path root;

  @Test
  void listsTheDefaultProfileAsActive() {
    CliRun run = CliRun.run(root, "profiles", "list");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).containsPattern("\\* Local SQLite\\s+sqlite\\s+development");
  }

  @Test
  void addsTestsAndRemovesAPostgresProfile() {
    try (ScratchDatabase pg = TestDatabases.postgres()) {
      var profile = pg.profile();
      CliRun add =
          CliRun.run(
              root,
              "profiles",
              "add",
              "pg",
              "--kind=postgresql",
              "--host=" + profile.host(),
              "--port=" + profile.port(),
              "--database=" + profile.database(),
              "--user=" + profile.user(),
              "--statement-timeout=30000",
              "--connect-arg=options=-c TimeZone=UTC");
      assertThat(add.exitCode()).as(add.err()).isZero();

      CliRun test = CliRun.run(root, "profiles", "test", "pg");
      assertThat(test.exitCode()).as(test.err()).isZero();
      assertThat(test.out()).startsWith("pg: up, PostgreSQL 15");

      CliRun remove = CliRun.run(root, "profiles", "remove", "pg");
      assertThat(remove.exitCode()).isZero();
      assertThat(CliRun.run(root, "profiles", "list").out()).doesNotContain("pg ");
    }
  }

  @Test
  void aProfileAddedWithoutEnvironmentIsUnlabelledAndSaysSo() {
    CliRun add =
        CliRun.run(
            root, "profiles", "add", "somewhere", "--kind=mysql", "--host=db1", "--database=x");
    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out())
        .contains("Added somewhere (mysql, db1:3306/x, unlabelled)")
        .contains("guarded like production until you label it");
    assertThat(CliRun.run(root, "profiles", "list").out())
        .containsPattern("somewhere\\s+mysql\\s+unlabelled");

    CliRun labelled =
        CliRun.run(
            root,
            "profiles",
            "add",
            "dev",
            "--kind=mysql",
            "--host=db1",
            "--database=x",
            "--environment=dev");
    assertThat(labelled.out()).contains("Added dev (mysql, db1:3306/x, development)");
  }

  @Test
  void aHostOrDatabaseCarryingDriverSettingsIsRefused() {
    CliRun add =
        CliRun.run(
            root,
            "profiles",
            "add",
            "evil",
            "--kind=mysql",
            "--host=127.0.0.1",
            "--database=x?allowLoadLocalInfile=true");
    assertThat(add.exitCode()).isEqualTo(1);
    assertThat(add.err()).contains("Profile 'evil': database 'x?allowLoadLocalInfile=true'");
    assertThat(CliRun.run(root, "profiles", "list").out()).doesNotContain("evil");
  }

  @Test
  void aRefusedDriverPropertyIsAClearErrorAndNothingIsSaved() {
    CliRun add =
        CliRun.run(
            root,
            "profiles",
            "add",
            "evil",
            "--kind=mysql",
            "--host=127.0.0.1",
            "--database=x",
            "--connect-arg=allowLoadLocalInfile=true");

    assertThat(add.exitCode()).isEqualTo(1);
    assertThat(add.err())
        .isEqualTo(
            "clipdeck: Profile 'evil': connect_args 'allowLoadLocalInfile' is refused: it lets"
                + " the server read files from this machine"
                + System.lineSeparator());
    assertThat(CliRun.run(root, "profiles", "list").out()).doesNotContain("evil");
  }

  @Test
  void aPasswordFromStandardInputGoesToTheVaultNeverToTheProfileFile() throws Exception {
    String password = "Sw0rdfish-" + System.nanoTime();
    InputStream stdin = System.in;
    CliRun add;
    try {
      System.setIn(new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)));
      add =
          CliRun.run(
              root,
              // No D-Bus session here: the encrypted vault file is chosen.
              Map.of("CLIPDECK_MASTER_PASSWORD", "master-" + System.nanoTime()),
              "profiles",
              "add",
              "secured",
              "--kind=postgresql",
              "--host=db.example",
              "--database=clips",
              "--user=dba",
              "--password-stdin");
    } finally {
      System.setIn(stdin);
    }

    assertThat(add.exitCode()).as(add.err()).isZero();
    assertThat(add.out()).contains("password kept in");
    String profiles = Files.readString(root.resolve("config/profiles.json"));
    assertThat(profiles).contains("\"password_ref\" : \"profile/secured/password\"");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(file, StandardCharsets.ISO_8859_1))
            .as(file.toString())
            .doesNotContain(password);
      }
    }
  }

  @Test
  void healthIsZeroOnlyWhenEveryProfileAnswersAndLiveWhenOneDoes() throws Exception {
    try (ScratchDatabase pg = TestDatabases.postgres()) {
      var profile = pg.profile();
      CliRun.run(
          root,
          "profiles",
          "add",
          "pg",
          "--kind=postgresql",
          "--host=" + profile.host(),
          "--port=" + profile.port(),
          "--database=" + profile.database(),
          "--user=" + profile.user());

      CliRun healthy = CliRun.run(root, "health", "--json");
      assertThat(healthy.exitCode()).as(healthy.out()).isZero();
      JsonNode json = new ObjectMapper().readTree(healthy.out());
      assertThat(json.get("healthy").asBoolean()).isTrue();
      assertThat(json.get("profiles")).hasSize(2);

      CliRun.run(
          root,
          "profiles",
          "add",
          "gone",
          "--kind=mysql",
          "--host=127.0.0.1",
          "--port=1",
          "--database=x",
          "--pool-timeout=1");
      CliRun unhealthy = CliRun.run(root, "health");
      assertThat(unhealthy.exitCode()).isEqualTo(1);
      assertThat(unhealthy.out())
          .contains("down gone")
          .contains("cannot reach gone at 127.0.0.1:1")
          .contains("healthy: false, ready: true, live: true");
      assertThat(CliRun.run(root, "health", "--live").exitCode()).isZero();
      assertThat(CliRun.run(root, "health", "--profile", "pg").exitCode()).isZero();
    }
  }
}
