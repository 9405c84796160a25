package io.clipdeck.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Environment;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.BuiltInMigrations;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The migration manager on real PostgreSQL, MariaDB and SQLite. */
class MigrationServiceTest {

  @TempDir Path dir;
  private int clockTick;

  /** Each service gets a clock a minute later, so created migrations get increasing versions. */
  private MigrationService service(PooledDatabase database) {
    Clock clock =
        Clock.fixed(
            Instant.parse("2026-11-25T10:00:00Z").plusSeconds(60L * clockTick++), ZoneOffset.UTC);
    return new MigrationService(
        database,
        MigrationLocations.of(database.profile(), dir.resolve("migrations")),
        new ScratchDatabases(profile -> new PooledDatabase(profile, Clock.systemUTC())),
        clock);
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void theBuiltInSchemaMigratesRollsBackAndMigratesAgain(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      MigrationService migrations = service(database);
      assertThat(migrations.status().pending()).isEqualTo(BuiltInMigrations.VERSIONS.size());
      List<String> progress = new ArrayList<>();

      MigrateOutcome outcome = migrations.migrate(Optional.empty(), progress::add);

      assertThat(outcome.succeeded()).isTrue();
      assertThat(outcome.applied()).containsExactlyElementsOf(BuiltInMigrations.VERSIONS);
      assertThat(progress)
          .contains("Applied V1 clipdeck schema", "Applied V2 browser sort indexes");
      assertThat(tables(database)).contains("users", "videos", "clips", "model_usage");
      assertThat(migrations.status().rows()).allMatch(MigrationRow::downScript);

      // V2 alone goes back to V1's schema: the tables stay, the browser's indexes go.
      assertThat(migrations.rollback("2", false, "")).containsExactly("2");
      assertThat(tables(database)).contains("videos");
      assertThat(migrations.status().currentVersion()).contains("1");
      assertThat(migrations.status().pending()).isEqualTo(1);
      // V1 now has nothing applied after it, so it goes back without --with-later.
      assertThat(migrations.rollback("1", false, "")).containsExactly("1");
      assertThat(tables(database)).doesNotContain("users", "videos", "clips");
      assertThat(migrations.status().pending()).isEqualTo(BuiltInMigrations.VERSIONS.size());
      assertThat(migrations.validate()).isEmpty();

      assertThat(migrations.migrate(Optional.empty(), step -> {}).applied())
          .containsExactlyElementsOf(BuiltInMigrations.VERSIONS);
      assertThat(migrations.rollback("1", true, "")).containsExactly("2", "1");
      assertThat(migrations.migrate(Optional.empty(), step -> {}).applied())
          .containsExactlyElementsOf(BuiltInMigrations.VERSIONS);
      assertThat(migrations.verifyRollback("1")).isEmpty();
      assertThat(migrations.verifyRollback("2")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aFailingThirdStatementIsReportedWithItsLineAndWhatRemains(DatabaseKind kind)
      throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      MigrationService migrations = service(database);
      migrations.migrate(Optional.empty(), step -> {});
      migrations.create(
          "three_steps",
          "two good statements and a bad one",
          """
          CREATE TABLE step_one (id INTEGER PRIMARY KEY);
          CREATE TABLE step_two (id INTEGER PRIMARY KEY);
          CREATE TABLE step_three (id INTEGER PRIMARY KEY, broken NOSUCHTYPE ((;
          """,
          "DROP TABLE step_two;\nDROP TABLE step_one;");

      MigrateOutcome outcome = service(database).migrate(Optional.empty(), step -> {});

      MigrationFailure failure = outcome.failure().orElseThrow();
      assertThat(failure.statement()).contains("step_three");
      assertThat(failure.line()).isEqualTo(4);
      assertThat(failure.script()).endsWith("__three_steps.sql");
      assertThat(failure.describe())
          .contains("failed at line 4", "statement: CREATE TABLE step_three");
      if (kind == DatabaseKind.MYSQL) {
        assertThat(failure.leftBehind()).anyMatch(line -> line.contains("step_one"));
        assertThat(failure.nextStep()).contains("repair");
        assertThat(migrations.status().failed()).isEqualTo(1);
        assertThat(migrations.repair()).startsWith("Repaired the migration history only");
      } else {
        assertThat(failure.leftBehind()).isEmpty();
        assertThat(failure.nextStep()).startsWith("nothing of V");
        assertThat(tables(database)).doesNotContain("step_one", "step_two");
        assertThat(migrations.status().currentVersion()).contains(BuiltInMigrations.LATEST);
      }
    }
  }

  @Test
  void anEditedAppliedScriptFailsValidationAndMigrateRefuses() throws Exception {
    try (PooledDatabase database = sqlite("edited")) {
      MigrationService migrations = service(database);
      List<Path> files =
          migrations.create("prefs", "", "CREATE TABLE prefs (id INTEGER);", "DROP TABLE prefs;");
      migrations.migrate(Optional.empty(), step -> {});
      Files.writeString(files.getFirst(), "CREATE TABLE prefs (id INTEGER, extra TEXT);\n");

      assertThat(migrations.validate()).singleElement().asString().contains("checksum mismatch");
      migrations.create("later", "", "CREATE TABLE later (id INTEGER);", "DROP TABLE later;");
      MigrateOutcome outcome = service(database).migrate(Optional.empty(), step -> {});
      assertThat(outcome.succeeded()).isFalse();
      assertThat(outcome.failure().orElseThrow().message()).containsIgnoringCase("checksum");
      assertThat(tables(database)).doesNotContain("later");
    }
  }

  @Test
  void rollingBackAMiddleMigrationIsRefusedUnlessTheLaterOnesGoToo() throws Exception {
    try (PooledDatabase database = sqlite("middle")) {
      MigrationService migrations = service(database);
      migrations.create(
          "user_preferences",
          "the reference guides' example",
          """
          CREATE TABLE user_preferences (
            id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL REFERENCES users(id),
            theme TEXT NOT NULL DEFAULT 'light',
            language TEXT NOT NULL DEFAULT 'en',
            notifications INTEGER NOT NULL DEFAULT 1
          );
          """,
          "DROP TABLE user_preferences;");
      service(database)
          .create(
              "themes", "", "CREATE TABLE themes (name TEXT PRIMARY KEY);", "DROP TABLE themes;");
      migrations.migrate(Optional.empty(), step -> {});
      List<MigrationRow> rows = migrations.status().rows();
      String preferences = rows.get(BuiltInMigrations.VERSIONS.size()).version();
      String themes = rows.get(BuiltInMigrations.VERSIONS.size() + 1).version();

      assertThatThrownBy(() -> migrations.rollback(preferences, false, ""))
          .hasMessageContaining("cannot be rolled back alone")
          .hasMessageContaining("V" + themes);
      assertThat(migrations.dryRunRollback(preferences, true))
          .contains("DROP TABLE themes", "DROP TABLE user_preferences");
      assertThat(tables(database)).contains("themes");

      assertThat(migrations.rollback(themes, false, "")).containsExactly(themes);
      assertThat(tables(database)).doesNotContain("themes").contains("user_preferences");
      assertThat(migrations.dryRunMigrate(Optional.empty())).contains("CREATE TABLE themes");
      assertThat(migrations.migrate(Optional.empty(), step -> {}).applied())
          .containsExactly(themes);
      assertThat(migrations.rollback(preferences, true, "")).containsExactly(themes, preferences);
      assertThat(tables(database)).doesNotContain("themes", "user_preferences");
      assertThat(migrations.status().pending()).isEqualTo(2);
    }
  }

  @Test
  void productionRollbackNeedsTheNameAndCleanOnlyDevelopment() throws Exception {
    ConnectionProfile production =
        ConnectionProfile.sqlite("prod", dir.resolve("prod.db")).toBuilder()
            .environment(Environment.PRODUCTION)
            .build();
    try (PooledDatabase database = new PooledDatabase(production, Clock.systemUTC())) {
      MigrationService migrations = service(database);
      migrations.migrate(Optional.empty(), step -> {});

      assertThatThrownBy(() -> migrations.rollback("1", true, "nope"))
          .hasMessageContaining("Production profile: type its name");
      assertThatThrownBy(() -> migrations.clean("prod"))
          .hasMessageContaining("only for Development profiles");
      assertThat(migrations.rollback("1", true, "prod")).containsExactly("2", "1");
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void cleanOnADevelopmentProfileDropsEverythingAndTheSchemaMigratesAgain(DatabaseKind kind)
      throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      MigrationService migrations = service(database);
      migrations.migrate(Optional.empty(), step -> {});
      assertThatThrownBy(() -> migrations.clean("not its name"))
          .hasMessageContaining("type its name to confirm");
      assertThat(tables(database)).contains("users");

      assertThat(migrations.clean(scratch.profile().name())).startsWith("Cleaned ");

      assertThat(tables(database)).isEmpty();
      assertThat(migrations.status().pending()).isEqualTo(BuiltInMigrations.VERSIONS.size());
      assertThat(migrations.migrate(Optional.empty(), step -> {}).applied())
          .containsExactlyElementsOf(BuiltInMigrations.VERSIONS);
      assertThat(tables(database)).contains("users", "videos", "clips");
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void tenClientsMigratingAtOnceApplyEachVersionOnce(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database =
            new PooledDatabase(
                scratch
                    .profile()
                    .withPool(
                        scratch.profile().pool().toBuilder().poolSize(0).maxOverflow(12).build()),
                Clock.systemUTC())) {
      MigrationService first = service(database);
      first.create(
          "extra", "", "CREATE TABLE extra (id INTEGER PRIMARY KEY);", "DROP TABLE extra;");
      List<Callable<MigrateOutcome>> clients = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        MigrationService client = service(database);
        clients.add(() -> client.migrate(Optional.empty(), step -> {}));
      }

      int applied = 0;
      try (ExecutorService threads = Executors.newFixedThreadPool(10)) {
        for (Future<MigrateOutcome> outcome : threads.invokeAll(clients)) {
          assertThat(outcome.get().failure()).isEmpty();
          applied += outcome.get().applied().size();
        }
      }

      // The built-in ones and "extra", each applied by one client only.
      int versions = BuiltInMigrations.VERSIONS.size() + 1;
      assertThat(applied).isEqualTo(versions);
      try (Connection connection = database.connection();
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT count(*) FROM "
                      + MigrationService.HISTORY
                      + " WHERE success = "
                      + (kind == DatabaseKind.POSTGRESQL ? "true" : "1"))) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(versions);
      }
    }
  }

  private PooledDatabase sqlite(String name) {
    return new PooledDatabase(
        ConnectionProfile.sqlite(name, dir.resolve(name + ".db")), Clock.systemUTC());
  }

  private static List<String> tables(PooledDatabase database) throws Exception {
    try (Connection connection = database.connection()) {
      return SchemaSnapshot.read(connection).tableNames();
    }
  }
}
