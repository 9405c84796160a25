package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PooledDatabaseTest {

  /** The version as each server's own tools show it: name and number, no build suffix. */
  private static final java.util.Map<DatabaseKind, String> SHOWN_VERSION =
      java.util.Map.of(
          DatabaseKind.POSTGRESQL, "PostgreSQL \\d+\\.\\d+",
          DatabaseKind.MYSQL, "MariaDB \\d+\\.\\d+\\.\\d+",
          DatabaseKind.SQLITE, "SQLite \\d+\\.\\d+\\.\\d+");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void answersHealthChecksWithVersionAndLatency(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      HealthReport report = database.checkHealth();

      assertThat(report.health()).isEqualTo(HealthReport.Health.UP);
      assertThat(report.problem()).isEmpty();
      assertThat(report.serverVersion()).matches(SHOWN_VERSION.get(kind));
      assertThat(report.latency()).isPositive();
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void infoNamesVersionTablesSizeUserAndRole(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      try (Connection connection = database.connection();
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE videos (id INTEGER PRIMARY KEY, title VARCHAR(200))");
        statement.execute("CREATE TABLE clips (id INTEGER PRIMARY KEY, caption VARCHAR(200))");
      }

      DatabaseInfo info = database.info();

      assertThat(info.kind()).isEqualTo(kind);
      assertThat(info.serverVersion()).matches(SHOWN_VERSION.get(kind));
      assertThat(info.tableCount()).isEqualTo(2);
      assertThat(info.sizeBytes()).isPositive();
      assertThat(info.currentUser()).isNotBlank();
      assertThat(info.role()).isEqualTo(kind == DatabaseKind.SQLITE ? "file" : "primary");
      assertThat(info.isReplica()).isFalse();
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void countsActiveIdleAndBorrowsAsConnectionsComeAndGo(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      try (Connection first = database.connection();
          Connection second = database.connection()) {
        PoolStats busy = database.stats();
        assertThat(busy.active()).isEqualTo(2);
        assertThat(busy.total()).isGreaterThanOrEqualTo(2);
        assertThat(busy.max()).isEqualTo(PoolSettings.DESKTOP.maximumPoolSize());
        assertThat(busy.overflow()).isEqualTo(busy.total() - PoolSettings.DESKTOP.poolSize());
        assertThat(first).isNotSameAs(second);
      }
      PoolStats rested = database.stats();
      assertThat(rested.active()).isZero();
      assertThat(rested.idle()).isEqualTo(rested.total()).isGreaterThanOrEqualTo(2);
      assertThat(rested.borrows()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aBorrowerGivesUpAfterPoolTimeoutWhenThePoolIsExhausted(DatabaseKind kind) throws Exception {
    PoolSettings one =
        PoolSettings.DESKTOP.toBuilder()
            .poolSize(0)
            .maxOverflow(1)
            .poolTimeout(Duration.ofMillis(300))
            .poolRecycle(Duration.ofMinutes(5))
            .prePing(true)
            .build();
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database =
            new PooledDatabase(scratch.profile().withPool(one), Clock.systemUTC());
        Connection held = database.connection()) {
      assertThat(held.isValid(2)).isTrue();

      assertThatThrownBy(database::connection).isInstanceOf(SQLTransientConnectionException.class);
      assertThat(database.stats().borrowTimeouts()).isEqualTo(1);
      assertThat(database.stats().active()).isEqualTo(1);
    }
  }

  @Test
  void sqliteConnectionsRunInWalModeWithABusyTimeout() throws Exception {
    ConnectionProfile profile = ConnectionProfile.sqlite("wal", dir.resolve("wal.db"));
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC());
        Connection first = database.connection();
        Connection second = database.connection()) {
      for (Connection connection : new Connection[] {first, second}) {
        assertThat(pragma(connection, "journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(pragma(connection, "busy_timeout")).isEqualTo("5000");
        assertThat(pragma(connection, "foreign_keys")).isEqualTo("1");
      }
    }
  }

  @Test
  void anUnreachableServerIsReportedDownWithWhatToCheck() {
    ConnectionProfile nowhere =
        ConnectionProfile.server("nowhere", DatabaseKind.POSTGRESQL, "127.0.0.1", 1, "db", "u")
            .withPool(
                PoolSettings.DESKTOP.toBuilder()
                    .poolSize(0)
                    .maxOverflow(1)
                    .poolTimeout(Duration.ofSeconds(1))
                    .poolRecycle(Duration.ofMinutes(5))
                    .prePing(true)
                    .build());
    try (PooledDatabase database = new PooledDatabase(nowhere, Clock.systemUTC())) {
      HealthReport report = database.checkHealth();

      assertThat(report.health()).isEqualTo(HealthReport.Health.DOWN);
      assertThat(report.problem().orElseThrow())
          .startsWith("cannot reach nowhere at 127.0.0.1:1 within 1 s")
          .contains("is the server up");
      assertThat(report.latency()).isLessThan(Duration.ofSeconds(6));
    }
  }

  private static String pragma(Connection connection, String name) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA " + name)) {
      result.next();
      return result.getString(1);
    }
  }
}
