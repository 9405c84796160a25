package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.GroupDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands on a project of the user's (a folder and its flyway.toml), not Clipdeck's schema:
 * project import, aligned info, migrate, rollback by an undo file, --json errors and --confirm.
 */
class ForeignProjectCommandsTest {

  private static final String LONG =
      "a description far longer than thirty characters to test the columns";

  @TempDir Path root;
  private Path app;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeEach
  void writeTheProject() throws Exception {
    app = root.resolve("app");
    Path sql = Files.createDirectories(app.resolve("db/migration"));
    Files.writeString(
        sql.resolve("V1__accounts.sql"),
        "CREATE TABLE accounts (id INTEGER PRIMARY KEY, region TEXT DEFAULT '${region}');\n");
    Files.writeString(
        sql.resolve("V1.1__" + LONG.replace(' ', '_') + ".sql"),
        "CREATE TABLE notes (id INTEGER PRIMARY KEY);\n");
    Files.writeString(
        sql.resolve("U1.1__" + LONG.replace(' ', '_') + ".sql"), "DROP TABLE notes;\n");
    Files.writeString(
        sql.resolve("R__account_view.sql"),
        "DROP VIEW IF EXISTS account_view;\nCREATE VIEW account_view AS SELECT id FROM accounts;\n");
    Files.writeString(
        app.resolve("flyway.toml"),
        """
        [environments.default]
        url = "jdbc:sqlite:app.db"

        [flyway]
        environment = "default"
        locations = ["filesystem:db/migration"]
        table = "app_history"
        validateMigrationNaming = true

        [flyway.placeholders]
        region = "eu"
        """);
    CliRun add =
        CliRun.run(
            root,
            "profiles",
            "add",
            "app",
            "--kind=sqlite",
            "--file=" + root.resolve("app.db"),
            "--environment=development");
    assertThat(add.exitCode()).as(add.err()).isZero();
  }

  @Test
  void aProjectImportedFromItsFlywayTomlMigratesAndRollsBack() throws Exception {
    CliRun chosen =
        CliRun.run(root, "project", "-p", "app", "--config", app.resolve("flyway.toml").toString());
    assertThat(chosen.exitCode()).as(chosen.err()).isZero();
    assertThat(chosen.out())
        .isEqualTo(
            "app now follows: "
                + app.resolve("db/migration")
                + " · table app_history · 1 placeholder(s)"
                + System.lineSeparator());

    CliRun info = CliRun.run(root, "info", "-p", "app");
    assertThat(info.exitCode()).as(info.err()).isZero();
    List<String> lines = info.out().lines().toList();
    String header =
        lines.stream().filter(line -> line.startsWith("VERSION")).findFirst().orElseThrow();
    int stateColumn = header.indexOf("STATE");
    // Every row's state starts under STATE, however long its description.
    assertThat(lines.subList(lines.indexOf(header) + 1, lines.size()))
        .hasSize(3)
        .allSatisfy(line -> assertThat(line.substring(stateColumn)).startsWith("pending"));
    assertThat(info.out()).contains(LONG, "account view").doesNotContain("null");

    assertThat(info.out()).containsPattern("(?m)^Database: \\d+ tables?, [\\d.]+ (bytes|KB|MB)$");

    CliRun migrate = CliRun.run(root, "migrate", "-p", "app");
    assertThat(migrate.exitCode()).as(migrate.err()).isZero();
    assertThat(migrate.out())
        .contains("Migrated app to version 1.1: applied V1, V1.1, R account view.");

    CliRun dry = CliRun.run(root, "rollback", "1.1", "-p", "app", "--dry-run");
    assertThat(dry.out())
        .contains("DROP TABLE notes;", "DELETE FROM app_history WHERE version = '1.1'");
    CliRun rollback = CliRun.run(root, "rollback", "v1.1", "-p", "app");
    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    assertThat(rollback.out())
        .contains("Rolled back V1.1 on app; it is pending again. app is now at version 1.");

    JsonNode after = json.readTree(CliRun.run(root, "info", "-p", "app", "--json").out());
    assertThat(after.get("current_version").asText()).isEqualTo("1");
    // accounts, the history table and the view's base: at least the two tables.
    assertThat(after.get("table_count").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(after.get("size_bytes").asLong()).isPositive();
    JsonNode view = after.get("migrations").get(1);
    assertThat(view.get("category").asText()).isEqualTo("repeatable");
    assertThat(view.get("label").asText()).isEqualTo("R account view");
    assertThat(view.get("version").asText()).isEmpty();

    CliRun back = CliRun.run(root, "project", "-p", "app", "--clipdeck-schema");
    assertThat(back.out()).contains("app now follows: Clipdeck's built-in schema");
  }

  @Test
  void locationAndTableFlagsWorkForOneCommandWithoutSaving() {
    // A relative folder, from the working directory: shown as given, not made absolute.
    String relative =
        Path.of("").toAbsolutePath().relativize(app.resolve("db/migration")).toString();
    CliRun info =
        CliRun.run(root, "info", "-p", "app", "--location", relative, "--table", "app_history");
    assertThat(info.exitCode()).as(info.err()).isZero();
    assertThat(info.out()).contains("Project: " + relative + " · table app_history", "accounts");

    CliRun missing = CliRun.run(root, "info", "-p", "app", "--location", "no/such/folder");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo(
            "clipdeck: The migration folder no/such/folder does not exist (a relative folder is"
                + " taken from the working directory)"
                + System.lineSeparator());

    CliRun plain = CliRun.run(root, "info", "-p", "app");
    assertThat(plain.out()).contains("clipdeck schema");
  }

  @Test
  void aGroupsMembersAreShownSideBySideWithChecksumDrift() throws Exception {
    for (String name : List.of("east", "west")) {
      CliRun add =
          CliRun.run(
              root,
              "profiles",
              "add",
              name,
              "--kind=sqlite",
              "--file=" + root.resolve(name + ".db"),
              "--environment=development");
      assertThat(add.exitCode()).as(add.err()).isZero();
      assertThat(
              CliRun.run(
                      root,
                      "project",
                      "-p",
                      name,
                      "--config",
                      app.resolve("flyway.toml").toString())
                  .exitCode())
          .isZero();
    }
    try (AppContext context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)))) {
      context
          .profiles()
          .saveGroup(
              new GroupDefinition("pair", List.of("east", "west"), 3, null, false, null),
              Optional.empty());
    }
    assertThat(CliRun.run(root, "migrate", "-p", "east").exitCode()).isZero();
    // The script changes before the second member runs it: the two histories disagree on V1.
    Path v1 = app.resolve("db/migration/V1__accounts.sql");
    Files.writeString(v1, Files.readString(v1) + "-- reviewed\n");
    assertThat(CliRun.run(root, "migrate", "-p", "west", "--target", "1").exitCode()).isZero();

    CliRun text = CliRun.run(root, "info", "--group", "pair");
    assertThat(text.exitCode()).isEqualTo(1);
    assertThat(text.out())
        .contains("east: at version 1.1", "west: at version 1")
        .containsPattern("(?m)^V1 accounts\\s+success\\s+success\\s+checksum differs$")
        .containsPattern("(?m)^V1\\.1 " + LONG + "\\s+success\\s+pending\\s*$");

    JsonNode matrix = json.readTree(CliRun.run(root, "info", "--group", "pair", "--json").out());
    assertThat(matrix.get("group").asText()).isEqualTo("pair");
    assertThat(matrix.get("members").get(1).get("current_version").asText()).isEqualTo("1");
    JsonNode first = matrix.get("migrations").get(0);
    assertThat(first.get("version").asText()).isEqualTo("1");
    assertThat(first.get("states").get("west").asText()).isEqualTo("success");
    assertThat(first.get("checksum_drift").asBoolean()).isTrue();
    JsonNode view = matrix.get("migrations").get(2);
    assertThat(view.get("category").asText()).isEqualTo("repeatable");
    assertThat(view.get("states").get("east").asText()).isEqualTo("success");
  }

  @Test
  void errorsArePrintedAsJsonUnderJsonWithTheSameExitCode() throws Exception {
    CliRun run = CliRun.run(root, "rollback", "7", "-p", "app", "--json");

    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode error = json.readTree(run.out());
    assertThat(error.get("command").asText()).isEqualTo("rollback");
    assertThat(error.get("error").asText()).isEqualTo("V7 is not an applied migration");
    assertThat(run.err())
        .isEqualTo("clipdeck: V7 is not an applied migration" + System.lineSeparator());
  }

  @Test
  void writesToAProductionProfileNeedConfirmByName() throws Exception {
    CliRun add =
        CliRun.run(
            root,
            "profiles",
            "add",
            "live",
            "--kind=sqlite",
            "--file=" + root.resolve("live.db"),
            "--environment=production");
    assertThat(add.exitCode()).as(add.err()).isZero();

    for (List<String> command :
        List.of(
            List.of("migrate"), List.of("repair"), List.of("baseline"), List.of("rollback", "1"))) {
      String[] args =
          java.util.stream.Stream.concat(command.stream(), java.util.stream.Stream.of("-p", "live"))
              .toArray(String[]::new);
      CliRun refused = CliRun.run(root, args);
      assertThat(refused.exitCode()).as(String.join(" ", command)).isEqualTo(1);
      assertThat(refused.err())
          .startsWith("clipdeck: live is a Production profile: add --confirm 'live' to ");
    }
    CliRun json = CliRun.run(root, "migrate", "-p", "live", "--json");
    assertThat(this.json.readTree(json.out()).get("error").asText()).contains("--confirm 'live'");
    CliRun confirmed = CliRun.run(root, "migrate", "-p", "live", "--confirm", "live");
    assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
    assertThat(CliRun.run(root, "migrate", "-p", "live", "--dry-run").exitCode()).isZero();
  }
}
