package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration commands end to end, in-process on a temporary home: on the default SQLite profile
 * and on a PostgreSQL scratch profile, with the reference guides' user_preferences migration.
 */
class MigrationCommandsTest {

  private static final String SQLITE_PREFERENCES =
      """
      CREATE TABLE user_preferences (
          id INTEGER PRIMARY KEY AUTOINCREMENT,
          user_id INTEGER NOT NULL REFERENCES users (id),
          theme TEXT NOT NULL DEFAULT 'light',
          language TEXT NOT NULL DEFAULT 'en',
          notifications_enabled INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      );
      CREATE INDEX idx_user_preferences_user_id ON user_preferences (user_id);
      """;

  private static final String POSTGRES_PREFERENCES =
      """
      CREATE TABLE user_preferences (
          id SERIAL PRIMARY KEY,
          user_id BIGINT NOT NULL REFERENCES users (id),
          theme VARCHAR(20) NOT NULL DEFAULT 'light',
          language VARCHAR(10) NOT NULL DEFAULT 'en',
          notifications_enabled BOOLEAN NOT NULL DEFAULT TRUE,
          created_at TIMESTAMPTZ NOT NULL DEFAULT now()
      );
      CREATE INDEX idx_user_preferences_user_id ON user_preferences (user_id);
      """;

  @TempDir Path root;
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void theDefaultSqliteProfileMigratesTakesANewMigrationAndRollsBack() throws Exception {
    Path down = root.resolve("down.sql");
    Files.writeString(down, "-- undo\nDROP TABLE IF EXISTS user_preferences;\n");
    walkThrough(List.of(), SQLITE_PREFERENCES, List.of("--down-file", down.toString()));
  }

  @Test
  void aPostgresProfileMigratesTakesANewMigrationAndRollsBack() throws Exception {
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
              "--environment=development");
      assertThat(add.exitCode()).as(add.err()).isZero();

      walkThrough(
          List.of("--profile", "pg"),
          POSTGRES_PREFERENCES,
          List.of("--down", "DROP TABLE IF EXISTS user_preferences CASCADE;"));
    }
  }

  /** The whole story on one profile: info, dry run, migrate, new, rollback refused and allowed. */
  private void walkThrough(List<String> profile, String upSql, List<String> downOption)
      throws Exception {
    CliRun fresh = run(profile, "info");
    assertThat(fresh.exitCode()).as(fresh.err()).isZero();
    assertThat(fresh.out())
        .contains("no version yet; 0 applied, 2 pending, 0 failed")
        .containsPattern("VERSION\\s+DESCRIPTION\\s+STATE\\s+INSTALLED ON\\s+TIME\\s+DOWN")
        .containsPattern("(?m)^1\\s+clipdeck schema\\s+pending\\s+yes$")
        .containsPattern("(?m)^2\\s+browser sort indexes\\s+pending\\s+yes$");

    CliRun dryRun = run(profile, "migrate", "--dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
    assertThat(dryRun.out())
        .contains("-- V1 clipdeck schema (V1__clipdeck_schema.sql)", "CREATE TABLE users")
        .contains(
            "-- V2 browser sort indexes (V2__browser_sort_indexes.sql)",
            "CREATE INDEX videos_created_at_id_idx");
    assertThat(run(profile, "info").out()).contains("2 pending");

    CliRun migrate = run(profile, "migrate");
    assertThat(migrate.exitCode()).as(migrate.err()).isZero();
    assertThat(migrate.out())
        .contains("Applying V1 clipdeck schema…", "Applied V1 clipdeck schema")
        .contains("Applied V2 browser sort indexes")
        .contains("to version 2: applied V1, V2.");
    assertThat(run(profile, "info").out())
        .contains("at version 2; 2 applied, 0 pending, 0 failed")
        .containsPattern(
            "(?m)^1\\s+clipdeck schema\\s+success\\s+\\d{4}-\\d\\d-\\d\\d .*ms\\s+yes$")
        .containsPattern(
            "(?m)^2\\s+browser sort indexes\\s+success\\s+\\d{4}-\\d\\d-\\d\\d .*ms\\s+yes$");
    assertThat(run(profile, "migrate").out()).contains("is up to date at version 2");

    List<String> create =
        new ArrayList<>(
            List.of(
                "new",
                "add_user_preferences",
                "--description",
                "Add user preferences table",
                "--up",
                upSql));
    create.addAll(downOption);
    create.addAll(profile);
    CliRun created = CliRun.run(root, create.toArray(String[]::new));
    assertThat(created.exitCode()).as(created.err()).isZero();
    List<String> paths = created.out().lines().toList();
    assertThat(paths).hasSize(2);
    Path upFile = Path.of(paths.get(0));
    Path downFile = Path.of(paths.get(1));
    assertThat(upFile.getParent().getFileName()).hasToString("up");
    assertThat(downFile.getParent().getFileName()).hasToString("down");
    assertThat(upFile.getFileName()).isEqualTo(downFile.getFileName());
    assertThat(upFile.getFileName().toString()).matches("V\\d{14}__add_user_preferences\\.sql");
    assertThat(upFile.getParent().getParent().getParent())
        .isEqualTo(root.resolve("data/migrations"));
    assertThat(Files.readString(upFile)).startsWith("-- Add user preferences table\n");
    assertThat(Files.readString(downFile)).contains("DROP TABLE IF EXISTS user_preferences");
    String version = upFile.getFileName().toString().substring(1, 15);

    CliRun pendingOne = run(profile, "info");
    assertThat(pendingOne.out())
        .contains("2 applied, 1 pending")
        .containsPattern("(?m)^" + version + "\\s+add user preferences\\s+pending\\s+yes$");
    CliRun second = run(profile, "migrate");
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).contains("applied V" + version + ".");

    JsonNode info = json.readTree(run(profile, "info", "--json").out());
    assertThat(info.get("current_version").asText()).isEqualTo(version);
    assertThat(info.get("applied").asInt()).isEqualTo(3);
    assertThat(info.get("pending").asInt()).isZero();
    assertThat(info.get("migrations")).hasSize(3);
    JsonNode preferences = info.get("migrations").get(2);
    assertThat(preferences.get("state").asText()).isEqualTo("success");
    assertThat(preferences.get("down_script").asBoolean()).isTrue();
    assertThat(preferences.get("installed_on").asText()).isNotBlank();
    assertThat(preferences.get("execution_ms").isInt()).isTrue();

    CliRun validate = run(profile, "validate");
    assertThat(validate.exitCode()).as(validate.out()).isZero();
    assertThat(validate.out()).contains("the migrations agree with their files");

    CliRun refused = run(profile, "rollback", "V1");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .startsWith("clipdeck: V1 cannot be rolled back alone")
        .contains("V2", "V" + version, "were applied after it");
    assertThat(run(profile, "info").out()).contains("3 applied, 0 pending");

    CliRun rollbackDryRun = run(profile, "rollback", "1", "--with-later", "--dry-run");
    assertThat(rollbackDryRun.exitCode()).as(rollbackDryRun.err()).isZero();
    assertThat(rollbackDryRun.out())
        .contains("-- undo V" + version, "DROP TABLE IF EXISTS user_preferences")
        .contains("-- undo V2 browser sort indexes", "DROP INDEX videos_created_at_id_idx")
        .contains("-- undo V1 clipdeck schema", "DROP TABLE IF EXISTS users")
        .contains("DELETE FROM flyway_schema_history WHERE version = '1';");
    assertThat(rollbackDryRun.out().indexOf("-- undo V" + version))
        .as("newest first")
        .isLessThan(rollbackDryRun.out().indexOf("-- undo V2 "));
    assertThat(rollbackDryRun.out().indexOf("-- undo V2 "))
        .as("newest first")
        .isLessThan(rollbackDryRun.out().indexOf("-- undo V1 "));
    assertThat(run(profile, "info").out()).contains("3 applied, 0 pending");

    CliRun verify = run(profile, "verify-rollback", version);
    assertThat(verify.exitCode()).as(verify.out() + verify.err()).isZero();
    assertThat(verify.out()).contains("the down script exactly undoes the up script");
    CliRun verifyIndexes = run(profile, "verify-rollback", "2");
    assertThat(verifyIndexes.exitCode()).as(verifyIndexes.out() + verifyIndexes.err()).isZero();
    assertThat(verifyIndexes.out()).contains("the down script exactly undoes the up script");

    CliRun rollback = run(profile, "rollback", "1", "--with-later", "--json");
    assertThat(rollback.exitCode()).as(rollback.err()).isZero();
    JsonNode undone = json.readTree(rollback.out());
    assertThat(undone.get("rolled_back").toString()).isEqualTo("[\"" + version + "\",\"2\",\"1\"]");
    assertThat(undone.get("version").isNull()).isTrue();

    CliRun after = run(profile, "info");
    assertThat(after.out())
        .contains("no version yet; 0 applied, 3 pending, 0 failed")
        .containsPattern("(?m)^1\\s+clipdeck schema\\s+pending\\s+yes$")
        .containsPattern("(?m)^2\\s+browser sort indexes\\s+pending\\s+yes$")
        .containsPattern("(?m)^" + version + "\\s+add user preferences\\s+pending\\s+yes$");
  }

  @Test
  void aFailingMigrationIsDescribedAndExitsOne() throws Exception {
    assertThat(CliRun.run(root, "migrate").exitCode()).isZero();
    CliRun created =
        CliRun.run(
            root,
            "new",
            "broken",
            "--up",
            "CREATE TABLE fine (id INTEGER PRIMARY KEY);\nCREATE TABLE broken (id NOSUCHTYPE ((;\n",
            "--down",
            "DROP TABLE fine;");
    assertThat(created.exitCode()).as(created.err()).isZero();

    CliRun failed = CliRun.run(root, "migrate");

    assertThat(failed.exitCode()).isEqualTo(1);
    assertThat(failed.err())
        .startsWith("clipdeck: Migration ")
        .contains("__broken.sql) failed at line 2:")
        .contains("statement: CREATE TABLE broken")
        .contains("next: nothing of V");
    JsonNode asJson = json.readTree(CliRun.run(root, "migrate", "--json").out());
    assertThat(asJson.get("succeeded").asBoolean()).isFalse();
    assertThat(asJson.get("failure").get("line").asInt()).isEqualTo(2);
    assertThat(asJson.get("failure").get("description").asText()).contains("failed at line 2");
    assertThat(CliRun.run(root, "info").out()).contains("at version 2; 2 applied, 1 pending");
  }

  @Test
  void aProductionRollbackNeedsTheProfileNameAndTargetStopsEarly() throws Exception {
    CliRun add =
        CliRun.run(
            root,
            "profiles",
            "add",
            "prod",
            "--kind=sqlite",
            "--file=" + root.resolve("prod.db"),
            "--environment=production");
    assertThat(add.exitCode()).as(add.err()).isZero();
    CliRun.run(
        root,
        "new",
        "themes",
        "--profile",
        "prod",
        "--up",
        "CREATE TABLE themes (name TEXT PRIMARY KEY);",
        "--down",
        "DROP TABLE themes;");

    CliRun refused = CliRun.run(root, "migrate", "--profile", "prod", "--target", "1");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err())
        .isEqualTo(
            "clipdeck: prod is a Production profile: add --confirm 'prod' to migrate it to V1"
                + System.lineSeparator());
    CliRun toOne =
        CliRun.run(root, "migrate", "--profile", "prod", "--target", "1", "--confirm", "prod");
    assertThat(toOne.exitCode()).as(toOne.err()).isZero();
    assertThat(CliRun.run(root, "info", "-p", "prod").out()).contains("1 applied, 2 pending");

    CliRun unconfirmed = CliRun.run(root, "rollback", "1", "--profile", "prod");
    assertThat(unconfirmed.exitCode()).isEqualTo(1);
    assertThat(unconfirmed.err())
        .isEqualTo(
            "clipdeck: prod is a Production profile: add --confirm 'prod' to roll back V1"
                + System.lineSeparator());
    CliRun wrongName = CliRun.run(root, "rollback", "1", "-p", "prod", "--confirm", "Prod");
    assertThat(wrongName.exitCode()).isEqualTo(1);

    CliRun confirmed = CliRun.run(root, "rollback", "1", "-p", "prod", "--confirm", "prod");
    assertThat(confirmed.exitCode()).as(confirmed.err()).isZero();
    assertThat(confirmed.out()).contains("Rolled back V1 on prod; it is pending again.");
    assertThat(CliRun.run(root, "info").out())
        .as("the active profile was not touched")
        .contains("Local SQLite (sqlite, development): no version yet");
  }

  @Test
  void baselineRepairAndAMigrationWithoutDownScript() throws Exception {
    CliRun baseline = CliRun.run(root, "baseline", "--baseline-version", "1");
    assertThat(baseline.exitCode()).as(baseline.err()).isZero();
    assertThat(baseline.out()).contains("Baselined Local SQLite at version 1.");
    assertThat(CliRun.run(root, "info").out()).contains("at version 1");

    CliRun repair = CliRun.run(root, "repair");
    assertThat(repair.exitCode()).as(repair.err()).isZero();
    assertThat(repair.out()).startsWith("Repaired the migration history only");

    CliRun noDown = CliRun.run(root, "new", "no_down", "--up", "CREATE TABLE t (id INTEGER);");
    assertThat(noDown.exitCode()).as(noDown.err()).isZero();
    assertThat(noDown.err()).contains("no down SQL given", "before rolling it back");
  }

  @Test
  void commandsAreListedInTheHelp() {
    CliRun help = CliRun.run(root, "--help");

    assertThat(help.out())
        .contains(
            "info", "migrate", "validate", "repair", "baseline", "rollback", "verify-rollback");
    assertThat(CliRun.run(root, "new", "x").exitCode())
        .as("--up or --up-file is required")
        .isEqualTo(2);
  }

  private CliRun run(List<String> profile, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(profile);
    return CliRun.run(root, all.toArray(String[]::new));
  }
}
