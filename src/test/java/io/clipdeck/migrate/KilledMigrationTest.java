package io.clipdeck.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration's process killed with {@code kill -9} in the middle of its script. PostgreSQL rolls
 * the whole migration back, so the next run applies it cleanly; MariaDB keeps the DDL that ran, so
 * the next start reports the interrupted migration and refuses to re-run it until repair.
 */
@Tag("reliability")
class KilledMigrationTest {

  private static final String SLOW = "V900__slow_migration.sql";

  @TempDir Path dir;

  @Test
  void onPostgresqlAKilledMigrationIsRolledBackAndAppliedOnTheNextRun() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.postgres();
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      MigrationService migrations = prepared(database, "SELECT pg_sleep(4);");

      killDuringTheSleep(
          scratch.profile(),
          database,
          "SELECT count(*) FROM pg_stat_activity"
              + " WHERE datname = current_database() AND query LIKE 'SELECT pg_sleep(4)%'");

      // The killed client's backend finishes its statement, finds the client gone, rolls back.
      await().atMost(Duration.ofSeconds(20)).until(() -> !tableExists(database, "slow_a"));
      assertThat(migrations.status().interrupted()).isEmpty();
      MigrateOutcome again = migrations.migrate(Optional.empty(), line -> {});
      assertThat(again.succeeded()).as(again.toString()).isTrue();
      assertThat(again.applied()).containsExactly("900");
      assertThat(tableExists(database, "slow_a")).isTrue();
      Measured.report(
          "kill -9 during a PostgreSQL migration",
          "rolled back by the server, applied once on the next run");
      assertThat(tableExists(database, "slow_b")).isTrue();
    }
  }

  @Test
  void onMariadbAKilledMigrationIsReportedAndNotReRunUntilRepaired() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.mariadb();
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      MigrationService migrations = prepared(database, "SELECT SLEEP(4);");

      killDuringTheSleep(
          scratch.profile(),
          database,
          "SELECT count(*) FROM information_schema.tables WHERE table_schema = DATABASE()"
              + " AND table_name = 'slow_a'");

      MigrationStatus status = migrations.status();
      assertThat(status.interrupted()).isPresent();
      assertThat(status.interrupted().get().describe())
          .contains("V900 slow migration was interrupted")
          .contains("run repair");
      MigrateOutcome refused = migrations.migrate(Optional.empty(), line -> {});
      assertThat(refused.succeeded()).isFalse();
      assertThat(refused.applied()).isEmpty();
      assertThat(tableExists(database, "slow_b")).isFalse();
      assertThat(status.rows().stream().filter(row -> row.version().equals("900")))
          .allMatch(MigrationRow::pending);

      // The user undoes the half that ran, repairs, and migrates.
      execute(database, "DROP TABLE slow_a");
      assertThat(migrations.repair()).contains("cleared 1 interrupted-migration mark");
      assertThat(migrations.status().interrupted()).isEmpty();
      MigrateOutcome again = migrations.migrate(Optional.empty(), line -> {});
      assertThat(again.succeeded()).as(again.toString()).isTrue();
      assertThat(again.applied()).containsExactly("900");
      assertThat(tableExists(database, "slow_b")).isTrue();
      Measured.report(
          "kill -9 during a MariaDB migration",
          "interrupted run reported on the next start; migrate refused until repair; applied once");
    }
  }

  /** Migrates the built-in schema, then adds a user migration that sleeps between two tables. */
  private MigrationService prepared(PooledDatabase database, String sleep) throws Exception {
    MigrationService migrations = service(database);
    assertThat(migrations.migrate(Optional.empty(), line -> {}).succeeded()).isTrue();
    Path up = migrations.locations().userUp();
    Files.createDirectories(up);
    Files.writeString(
        up.resolve(SLOW),
        "CREATE TABLE slow_a (id int);\n" + sleep + "\nCREATE TABLE slow_b (id int);\n");
    return migrations;
  }

  private MigrationService service(PooledDatabase database) {
    return new MigrationService(
        database,
        MigrationLocations.of(database.profile(), dir.resolve("migrations")),
        new ScratchDatabases(profile -> new PooledDatabase(profile, Clock.systemUTC())),
        Clock.systemUTC());
  }

  /** Runs the migration in a child JVM and kills it once {@code sleeping} counts one. */
  private void killDuringTheSleep(
      ConnectionProfile profile, PooledDatabase database, String sleeping) throws Exception {
    Process child = MigrateInChildProcess.start(profile, dir.resolve("migrations"));
    try {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> !child.isAlive() || count(database, sleeping) > 0);
      assertThat(child.isAlive())
          .as(Files.readString(dir.resolve("migrations/child.log")))
          .isTrue();
      child.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback from the client side
      assertThat(child.waitFor()).isNotZero();
    } finally {
      child.destroyForcibly();
    }
  }

  private static long count(PooledDatabase database, String sql) throws SQLException {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private static boolean tableExists(PooledDatabase database, String table) throws SQLException {
    try (Connection connection = database.connection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE table_name = ?"
                    + " AND table_schema = "
                    + (database.profile().kind() == DatabaseKind.POSTGRESQL
                        ? "current_schema()"
                        : "DATABASE()"))) {
      query.setString(1, table);
      try (ResultSet rows = query.executeQuery()) {
        rows.next();
        return rows.getLong(1) > 0;
      }
    }
  }

  private static void execute(PooledDatabase database, String sql) throws SQLException {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
