package io.clipdeck.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server ends every pooled session under busy borrowers (pg_terminate_backend, MariaDB's KILL):
 * each borrower may see one error, never more, and the pool opens new connections by itself.
 */
@Tag("reliability")
class KilledConnectionsTest {

  private static final Logger log = LoggerFactory.getLogger(KilledConnectionsTest.class);

  private static final int POOL_SIZE = 3;
  private static final int BORROWERS = 4;
  private static final int ROUNDS = Integer.getInteger("clipdeck.test.killRounds", 3);

  @Test
  void pgTerminateBackendOfEveryPooledSession() throws Exception {
    String applicationName = uniqueApplicationName();
    try (ScratchDatabase scratch = TestDatabases.postgres();
        PooledDatabase database =
            new PooledDatabase(withPool(scratch.profile(), applicationName), Clock.systemUTC());
        Connection admin = postgresAdmin()) {
      String db = scratch.profile().database();
      runKillRounds(
          database,
          "SELECT pg_sleep(0.01)",
          new Sessions() {
            @Override
            public int count() throws SQLException {
              return countPostgresSessions(admin, db);
            }

            @Override
            public int killAll() throws SQLException {
              return terminatePostgresBackends(admin, db, applicationName);
            }
          });
    }
  }

  @Test
  void mariadbKillOfEveryPooledConnection() throws Exception {
    String applicationName = uniqueApplicationName();
    try (ScratchDatabase scratch = TestDatabases.mariadb();
        PooledDatabase database =
            new PooledDatabase(withPool(scratch.profile(), applicationName), Clock.systemUTC());
        Connection admin = mariadbAdmin()) {
      String db = scratch.profile().database();
      runKillRounds(
          database,
          "SELECT SLEEP(0.01)",
          new Sessions() {
            @Override
            public int count() throws SQLException {
              return mariadbConnectionIds(admin, db).size();
            }

            @Override
            public int killAll() throws SQLException {
              return killMariadbConnections(admin, db);
            }
          });
    }
  }

  /**
   * The server shows the pool's application_name, so that an operator can find (and kill)
   * Clipdeck's sessions.
   */
  @Test
  void postgresShowsThePoolsApplicationName() throws Exception {
    String applicationName = uniqueApplicationName();
    try (ScratchDatabase scratch = TestDatabases.postgres();
        PooledDatabase database =
            new PooledDatabase(withPool(scratch.profile(), applicationName), Clock.systemUTC());
        Connection admin = postgresAdmin()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> database.stats().total() >= POOL_SIZE);
      List<String> names = new ArrayList<>();
      try (PreparedStatement statement =
          admin.prepareStatement(
              "SELECT DISTINCT application_name FROM pg_stat_activity WHERE datname = ?")) {
        statement.setString(1, scratch.profile().database());
        try (ResultSet result = statement.executeQuery()) {
          while (result.next()) {
            names.add(result.getString(1));
          }
        }
      }
      assertThat(names)
          .as("the application_name sessions of this pool show in pg_stat_activity")
          .containsExactly(applicationName);
    }
  }

  private void runKillRounds(PooledDatabase database, String sql, Sessions sessions)
      throws Exception {
    List<QueryLoop> borrowers = new ArrayList<>();
    try {
      for (int i = 0; i < BORROWERS; i++) {
        borrowers.add(new QueryLoop("borrower-" + i, database, sql));
      }
      await()
          .atMost(Duration.ofSeconds(15))
          .until(
              () ->
                  borrowers.stream().allMatch(borrower -> borrower.successes() >= 10)
                      && database.stats().total() >= POOL_SIZE);
      assertThat(borrowers).allMatch(borrower -> borrower.failures().isEmpty());
      int errors = 0;
      int kills = 0;

      for (int round = 1; round <= ROUNDS; round++) {
        // The server shows at least pool_size sessions of ours (the pool has refilled).
        await().atMost(Duration.ofSeconds(20)).until(() -> sessions.count() >= POOL_SIZE);
        long before = System.nanoTime();
        int killed = sessions.killAll();
        // Usually pool_size or more; fewer when the pool was just closing a connection itself.
        assertThat(killed).isPositive();
        kills += killed;

        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> borrowers.stream().allMatch(b -> b.successesAfter(before) >= 10));
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> database.stats().total() >= POOL_SIZE && sessions.count() >= POOL_SIZE);

        int thisRound = round;
        assertThat(borrowers)
            .as("round %d: each borrower errs at most once", thisRound)
            .allSatisfy(
                borrower ->
                    assertThat(borrower.failuresAfter(before))
                        .as("%s", borrower)
                        .hasSizeLessThanOrEqualTo(1));
        assertThat(database.stats().total()).isGreaterThanOrEqualTo(POOL_SIZE);
        errors += borrowers.stream().mapToInt(b -> b.failuresAfter(before).size()).sum();
      }
      Measured.report(
          database.profile().kind().displayName(),
          kills + " sessions killed in " + ROUNDS + " rounds, " + errors + " borrower errors");
    } finally {
      for (QueryLoop borrower : borrowers) {
        borrower.close();
      }
    }
  }

  /**
   * Terminates the pool's sessions: those with its application_name if the server shows it, else
   * every session on the scratch database (which only this pool uses).
   */
  private static int terminatePostgresBackends(
      Connection admin, String database, String applicationName) throws SQLException {
    int byName = terminate(admin, "application_name", applicationName);
    if (byName > 0) {
      return byName;
    }
    log.warn(
        "no session with application_name {}: terminating every session on {}",
        applicationName,
        database);
    return terminate(admin, "datname", database);
  }

  private static int countPostgresSessions(Connection admin, String database) throws SQLException {
    try (PreparedStatement statement =
        admin.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = ?"
                + " AND backend_type = 'client backend'")) {
      statement.setString(1, database);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  private static int terminate(Connection admin, String column, String value) throws SQLException {
    try (PreparedStatement statement =
        admin.prepareStatement(
            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE "
                + column
                + " = ? AND pid <> pg_backend_pid() AND backend_type = 'client backend'")) {
      statement.setString(1, value);
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }

  private static List<Long> mariadbConnectionIds(Connection admin, String database)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement statement =
        admin.prepareStatement(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
      statement.setString(1, database);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          ids.add(result.getLong(1));
        }
      }
    }
    return ids;
  }

  /** One KILL CONNECTION per pooled connection, one after the other, as an operator would. */
  private static int killMariadbConnections(Connection admin, String database) throws SQLException {
    List<Long> ids = mariadbConnectionIds(admin, database);
    int killed = 0;
    try (Statement statement = admin.createStatement()) {
      for (long id : ids) {
        try {
          statement.execute("KILL CONNECTION " + id);
          killed++;
        } catch (SQLException e) {
          // ended by itself meanwhile (ER_NO_SUCH_THREAD)
          if (e.getErrorCode() != 1094) {
            throw e;
          }
        }
      }
    }
    return killed;
  }

  private static ConnectionProfile withPool(ConnectionProfile profile, String applicationName) {
    return profile.withPool(
        PoolSettings.DESKTOP.toBuilder()
            .poolSize(POOL_SIZE)
            .maxOverflow(BORROWERS - POOL_SIZE)
            .poolRecycle(Duration.ofMinutes(5))
            .applicationName(applicationName)
            .build());
  }

  private static String uniqueApplicationName() {
    return "clipdeck-kill-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Connection postgresAdmin() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", TestDatabases.PG_USER);
    properties.setProperty("connectTimeout", "5");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + TestDatabases.PG_HOST + ":" + TestDatabases.PG_PORT + "/postgres",
        properties);
  }

  private static Connection mariadbAdmin() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", TestDatabases.MARIADB_USER);
    properties.setProperty("connectTimeout", "5000");
    return DriverManager.getConnection(
        "jdbc:mysql://" + TestDatabases.MARIADB_HOST + ":" + TestDatabases.MARIADB_PORT + "/",
        properties);
  }

  /** The pool's sessions as the server sees them. */
  private interface Sessions {
    int count() throws SQLException;

    int killAll() throws SQLException;
  }
}
