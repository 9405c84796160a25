package io.clipdeck.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.ForeignProject;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A project of another application's (not Clipdeck's schema): dotted versions, a repeatable view
 * over its tables, placeholders, its own history table and an undo file. Plain flyway-core applies
 * it first, as the application would on start; then Clipdeck reads, migrates, validates, rolls back
 * and re-applies it, on PostgreSQL, MariaDB and SQLite.
 */
class ForeignProjectTest {

  static final String TABLE = "app_history";
  static final Map<String, String> PLACEHOLDERS = Map.of("default_region", "eu", "hidden", "test");

  @TempDir Path dir;

  static Path writeProject(Path folder) throws Exception {
    return ForeignProject.write(folder);
  }

  static MigrationProject project(Path folder) {
    return new MigrationProject(
        false,
        List.of(folder.toString()),
        TABLE,
        "",
        PLACEHOLDERS,
        "${",
        "}",
        "1",
        false,
        false,
        true,
        "UTF-8");
  }

  /** The other application: plain flyway-core, its defaults but for its table and placeholders. */
  static void applyAsTheApplicationDoes(PooledDatabase database, Path folder, String target) {
    Flyway.configure()
        .dataSource(database.dataSource())
        .locations("filesystem:" + folder)
        .table(TABLE)
        .placeholders(PLACEHOLDERS)
        .target(target)
        .load()
        .migrate();
  }

  private MigrationService clipdeck(PooledDatabase database, Path folder) {
    return new MigrationService(
        database,
        MigrationLocations.of(database.profile(), dir.resolve("clipdeck"), project(folder)),
        new ScratchDatabases(profile -> new PooledDatabase(profile, Clock.systemUTC())),
        Clock.systemUTC());
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aProjectAppliedByPlainFlywayIsReadMigratedRolledBackAndReapplied(DatabaseKind kind)
      throws Exception {
    Path folder = writeProject(dir.resolve("app/db/migration"));
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      applyAsTheApplicationDoes(database, folder, "1.10");
      MigrationService migrations = clipdeck(database, folder);

      MigrationStatus status = migrations.status();
      // Flyway's order: 1 < 1.1 < 1.2 < 1.10 < 2; the repeatable by its description.
      assertThat(status.rows())
          .extracting(MigrationRow::label)
          .containsExactly(
              "V1 create accounts",
              "V1.1 create orders",
              "V1.2 index orders",
              "V1.10 add order note",
              "R order summary",
              "V2 create tags");
      assertThat(status.rows())
          .extracting(MigrationRow::state)
          .containsExactly("success", "success", "success", "success", "success", "pending");
      assertThat(status.currentVersion()).contains("1.10");
      assertThat(status.rows()).filteredOn(MigrationRow::repeatable).allMatch(r -> !r.downScript());
      assertThat(status.rows().getLast().downScript()).isTrue();
      assertThat(migrations.validate()).isEmpty();

      MigrateOutcome outcome = migrations.migrate(Optional.empty(), step -> {});
      assertThat(outcome.failure()).isEmpty();
      assertThat(outcome.applied()).containsExactly("2");
      assertThat(tables(database)).contains("accounts", "orders", "tags", TABLE);
      assertThat(migrations.validate()).isEmpty();

      // Rollback by the undo file, dry run first.
      assertThat(migrations.rollbackPlan("2").steps())
          .extracting(MigrationRow::version)
          .containsExactly("2");
      assertThat(migrations.dryRunRollback("2", false))
          .contains("DROP TABLE tags", "DELETE FROM " + TABLE + " WHERE version = '2'");
      assertThat(migrations.rollback("2", false, "")).containsExactly("2");
      assertThat(tables(database)).doesNotContain("tags");
      assertThat(migrations.status().currentVersion()).contains("1.10");
      assertThat(migrations.validate()).isEmpty();
      assertThat(migrations.verifyRollback("2")).isEmpty();

      assertThat(migrations.migrate(Optional.empty(), step -> {}).applied()).containsExactly("2");
      assertThat(tables(database)).contains("tags");

      // A changed repeatable is outdated, and migrate applies it again.
      Files.writeString(
          folder.resolve("R__order_summary.sql"),
          Files.readString(folder.resolve("R__order_summary.sql"))
              .replace("count(o.id)", "COUNT(o.id)"));
      assertThat(migrations.status().rows())
          .filteredOn(MigrationRow::repeatable)
          .extracting(MigrationRow::state)
          .contains("outdated");
      MigrateOutcome again = migrations.migrate(Optional.empty(), step -> {});
      assertThat(again.failure()).as(again.toString()).isEmpty();
      assertThat(again.applied()).containsExactly("R order summary");

      // The other application still agrees with the history Clipdeck kept.
      Flyway.configure()
          .dataSource(database.dataSource())
          .locations("filesystem:" + folder)
          .table(TABLE)
          .placeholders(PLACEHOLDERS)
          .load()
          .validate();
    }
  }

  @Test
  void anEditedAppliedScriptIsAValidationFailureNotAFailedMigration() throws Exception {
    Path folder = writeProject(dir.resolve("edited"));
    try (ScratchDatabase scratch = TestDatabases.create(DatabaseKind.SQLITE, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      applyAsTheApplicationDoes(database, folder, "1.10");
      Files.writeString(
          folder.resolve("V1__create_accounts.sql"),
          Files.readString(folder.resolve("V1__create_accounts.sql")) + "-- edited\n");
      MigrationService migrations = clipdeck(database, folder);

      assertThat(migrations.validate())
          .singleElement()
          .asString()
          .startsWith("V1 checksum differs: the file changed after it was applied");
      MigrateOutcome outcome = migrations.migrate(Optional.empty(), step -> {});

      MigrationFailure failure = outcome.failure().orElseThrow();
      assertThat(failure.kind()).isEqualTo(MigrationFailure.Kind.VALIDATION);
      assertThat(failure.describe())
          .startsWith("Migrate refused, nothing was run")
          .contains("V1 checksum differs: the file changed after it was applied")
          .doesNotContain("Migration ? ");
      assertThat(tables(database)).doesNotContain("tags");
    }
  }

  @Test
  void aVersionWithoutAnUndoFileSaysWhereToWriteOne() throws Exception {
    Path folder = writeProject(dir.resolve("no-undo"));
    try (ScratchDatabase scratch = TestDatabases.create(DatabaseKind.SQLITE, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      applyAsTheApplicationDoes(database, folder, "1.10");
      MigrationService migrations = clipdeck(database, folder);

      assertThat(migrations.rollbackPlan("1.10").withoutDownScript())
          .extracting(MigrationRow::version)
          .containsExactly("1.10");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> migrations.rollback("1.10", false, ""))
          .hasMessage(
              "V1.10 has no down script: write one at "
                  + folder.resolve("U1.10__add_order_note.sql")
                  + " (or "
                  + dir.resolve("clipdeck")
                      .resolve(MigrationLocations.slug(scratch.profile()))
                      .resolve("down/V1.10__add_order_note.sql")
                  + ")");
      assertThat(tables(database)).contains("orders");

      // Clipdeck's own down folder serves a foreign project too.
      Path own =
          dir.resolve("clipdeck")
              .resolve(MigrationLocations.slug(scratch.profile()))
              .resolve("down/V1.10__add_order_note.sql");
      Files.createDirectories(own.getParent());
      Files.writeString(own, "ALTER TABLE orders DROP COLUMN note;\n");
      assertThat(migrations.rollback("1.10", false, "")).containsExactly("1.10");
      assertThat(migrations.status().currentVersion()).contains("1.2");
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aFailingRepeatableNamesItsFileAndStatement(DatabaseKind kind) throws Exception {
    Path folder = writeProject(dir.resolve("repeatable"));
    Files.writeString(
        folder.resolve("R__broken_report.sql"),
        """
        -- a report, then a fill of a table nobody made
        CREATE VIEW broken_report AS SELECT id FROM accounts;
        INSERT INTO no_such_table (id) VALUES (1);
        """);
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      MigrationService migrations = clipdeck(database, folder);

      MigrateOutcome outcome = migrations.migrate(Optional.empty(), step -> {});

      MigrationFailure failure = outcome.failure().orElseThrow();
      assertThat(failure.version()).isEmpty();
      assertThat(failure.script()).isEqualTo(folder.resolve("R__broken_report.sql").toString());
      assertThat(failure.line()).isEqualTo(3);
      assertThat(failure.statement()).contains("INSERT INTO no_such_table");
      assertThat(failure.describe())
          .startsWith("Repeatable migration (" + folder.resolve("R__broken_report.sql"))
          .doesNotContain("null");
      MigrationStatus after = migrations.status();
      // Truthful history: every versioned one applied; the broken repeatable not a success.
      assertThat(after.currentVersion()).contains("2");
      assertThat(after.rows())
          .filteredOn(row -> row.description().equals("broken report"))
          .extracting(MigrationRow::state)
          .singleElement()
          .isIn("failed", "pending");
    }
  }

  @Test
  void onMariadbAMigrationFailingHalfWayListsOnlyWhatItLeftBehind() throws Exception {
    Path folder = writeProject(dir.resolve("halfway"));
    Files.writeString(
        folder.resolve("V3__audit.sql"),
        """
        CREATE TABLE audit_log (id INTEGER PRIMARY KEY, what VARCHAR(100));
        CREATE TABLE audit_archive (id INTEGER PRIMARY KEY);
        CREATE TABLE audit_broken (id INTEGER PRIMARY KEY, x NOSUCHTYPE);
        """);
    try (ScratchDatabase scratch = TestDatabases.mariadb();
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      applyAsTheApplicationDoes(database, folder, "1.10");
      MigrationService migrations = clipdeck(database, folder);

      MigrateOutcome outcome = migrations.migrate(Optional.empty(), step -> {});

      MigrationFailure failure = outcome.failure().orElseThrow();
      assertThat(failure.version()).isEqualTo("3");
      assertThat(failure.script()).isEqualTo(folder.resolve("V3__audit.sql").toString());
      assertThat(failure.line()).isEqualTo(3);
      assertThat(failure.statement()).contains("audit_broken");
      // V2 ran in the same run, before V3: it is not what V3 left behind.
      assertThat(failure.leftBehind())
          .anyMatch(line -> line.contains("audit_log"))
          .anyMatch(line -> line.contains("audit_archive"))
          .noneMatch(line -> line.contains("tags"))
          .noneMatch(line -> line.contains(TABLE))
          .noneMatch(line -> line.contains(RunMarkers.TABLE));
      assertThat(outcome.applied()).isEmpty();
      MigrationStatus after = migrations.status();
      assertThat(after.rows())
          .filteredOn(row -> row.version().equals("3"))
          .extracting(MigrationRow::state)
          .containsExactly("failed");
      assertThat(after.rows())
          .filteredOn(row -> row.version().equals("2"))
          .extracting(MigrationRow::state)
          .containsExactly("success");
    }
  }

  static List<String> tables(PooledDatabase database) throws Exception {
    try (Connection connection = database.connection()) {
      return SchemaSnapshot.read(connection).tableNames();
    }
  }

  static int count(PooledDatabase database, String sql) throws Exception {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getInt(1);
    }
  }
}
