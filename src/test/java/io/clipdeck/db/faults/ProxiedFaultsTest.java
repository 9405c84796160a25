package io.clipdeck.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clipdeck.data.DataException;
import io.clipdeck.data.Jdbc;
import io.clipdeck.data.RetryPolicy;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.FaultProxy;
import io.clipdeck.testing.FaultProxy.Cut;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults between the app and the server, made by a TCP proxy: a connection cut while COMMIT is on
 * the wire (before and after the server got it), a silent network, and resets of every pooled
 * connection. Nothing is lost or doubled, no borrower waits past its timeout, and the pool heals.
 */
@Tag("reliability")
class ProxiedFaultsTest {

  private static final Duration POOL_TIMEOUT = Duration.ofSeconds(1);
  private static final int POOL_SIZE = 2;
  private static final int POOL_MAX = POOL_SIZE + 1;

  /** Commits cut per test: a few in the default run, more in the reliability suite. */
  private static final int CUT_ROUNDS = Boolean.getBoolean("clipdeck.test.reliability") ? 25 : 3;

  /** The socket timeout the stall test gives the driver: how long a silent read may wait. */
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);

  static Stream<DatabaseKind> servers() {
    return Stream.of(DatabaseKind.POSTGRESQL, DatabaseKind.MYSQL);
  }

  @ParameterizedTest
  @MethodSource("servers")
  void aCommitCutAfterTheServerGotItIsReconciledWithoutADuplicate(DatabaseKind kind)
      throws Exception {
    cutCommits(kind, Cut.AFTER_FORWARDING, "cut after COMMIT reached the server");
  }

  @ParameterizedTest
  @MethodSource("servers")
  void aCommitCutBeforeTheServerGotItRunsAgainOnce(DatabaseKind kind) throws Exception {
    cutCommits(kind, Cut.BEFORE_FORWARDING, "cut before COMMIT reached the server");
  }

  /**
   * A COMMIT that takes the server a second (a deferred trigger sleeps in it) and whose answer is
   * lost: the look for the row must wait until the server finished it, or it finds nothing yet and
   * the work runs a second time.
   */
  @Test
  void aCommitTheServerIsStillRunningIsWaitedForNotRunAgain() throws Exception {
    try (Setup setup = Setup.of(DatabaseKind.POSTGRESQL)) {
      setup.jdbc.withConnection(
          c -> {
            try (Statement ddl = c.createStatement()) {
              ddl.execute(
                  "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql"
                      + " AS $$ BEGIN PERFORM pg_sleep(1); RETURN NULL; END $$");
              ddl.execute(
                  "CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON ledger"
                      + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()");
            }
            return null;
          });
      String token = UUID.randomUUID().toString();
      setup.proxy.cutWhenClientSends("COMMIT", Cut.AFTER_FORWARDING);

      long id = setup.jdbc.inTransaction(tx -> insert(tx.connection(), token), setup.find(token));

      assertThat(setup.proxy.cuts()).isEqualTo(1);
      assertThat(setup.rowsWith(token)).isEqualTo(1);
      assertThat(setup.find(token).find()).contains(id);
    }
  }

  /** Cuts the COMMIT of {@link #CUT_ROUNDS} transactions: each must leave exactly one row. */
  private static void cutCommits(DatabaseKind kind, Cut when, String what) throws Exception {
    try (Setup setup = Setup.of(kind)) {
      int lost = 0;
      int doubled = 0;
      for (int round = 0; round < CUT_ROUNDS; round++) {
        String token = UUID.randomUUID().toString();
        setup.proxy.cutWhenClientSends("COMMIT", when);

        long id = setup.jdbc.inTransaction(tx -> insert(tx.connection(), token), setup.find(token));

        long rows = setup.rowsWith(token);
        lost += rows == 0 ? 1 : 0;
        doubled += rows > 1 ? 1 : 0;
        assertThat(setup.find(token).find()).contains(id);
      }
      assertThat(setup.proxy.cuts()).isEqualTo(CUT_ROUNDS);
      Measured.report(
          kind + " " + what,
          CUT_ROUNDS + " commits cut: " + lost + " lost, " + doubled + " doubled");
      assertThat(lost).isZero();
      assertThat(doubled).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("servers")
  void withoutACheckTheCallerIsToldTheCommitIsInDoubt(DatabaseKind kind) throws Exception {
    try (Setup setup = Setup.of(kind)) {
      String token = UUID.randomUUID().toString();
      setup.proxy.cutWhenClientSends("COMMIT", Cut.AFTER_FORWARDING);

      assertThatThrownBy(() -> setup.jdbc.inTransaction(tx -> insert(tx.connection(), token)))
          .isInstanceOfSatisfying(
              DataException.Unavailable.class, lost -> assertThat(lost.commitInDoubt()).isTrue())
          .hasMessageContaining("may or may not have been applied");
      // It was applied (the server got the COMMIT); the caller was not told otherwise.
      assertThat(setup.rowsWith(token)).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("servers")
  void aSilentNetworkFailsBorrowersWithinTheirTimeoutsAndThePoolHeals(DatabaseKind kind)
      throws Exception {
    try (Setup setup = Setup.of(kind)) {
      setup.jdbc.withConnection(c -> c.isValid(1));
      setup.proxy.stall(true);

      long started = System.nanoTime();
      assertThatThrownBy(() -> setup.jdbc.withConnection(Setup::selectOne))
          .isInstanceOfAny(DataException.Unavailable.class, DataException.Timeout.class);
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      Measured.report(
          kind + " silent network", "borrower failed after " + waited.toMillis() + " ms");
      // The pool's wait, one validation and one socket timeout at most: never an endless hang.
      assertThat(waited).isLessThan(POOL_TIMEOUT.plus(SOCKET_TIMEOUT).plusSeconds(3));

      setup.proxy.stall(false);
      setup.proxy.resetAll();
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> setup.jdbc.withConnection(Setup::selectOne) == 1);
    }
  }

  @ParameterizedTest
  @MethodSource("servers")
  void resetsOfEveryConnectionUnderALoopCostEachRoundAtMostOneError(DatabaseKind kind)
      throws Exception {
    try (Setup setup = Setup.of(kind);
        QueryLoop loop = new QueryLoop("proxy-reset-loop", setup.database, "SELECT 1")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.successes() >= 20);
      int resets = 0;
      for (int round = 0; round < 5; round++) {
        long before = loop.successes();
        resets += setup.proxy.resetAll();
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.successes() >= before + 20);
      }
      Measured.report(
          kind + " resets",
          resets + " sockets reset in 5 rounds; " + loop.failures().size() + " failed queries");
      assertThat(resets).isPositive();
      // A reset can fail the query in flight and, once, each other pooled connection the pool
      // hands out before it notices (HikariCP skips validation of a connection used in the last
      // 500 ms): at most the pool's maximum per round, and the loop went on after every round.
      assertThat(loop.failures()).hasSizeLessThanOrEqualTo(5 * POOL_MAX);
    }
  }

  @ParameterizedTest
  @MethodSource("servers")
  void aServerThatRefusesConnectionsFailsBorrowersFastAndIsUsedAgainWhenBack(DatabaseKind kind)
      throws Exception {
    try (Setup setup = Setup.of(kind)) {
      setup.proxy.refuseNewConnections(true);
      setup.proxy.resetAll();

      long started = System.nanoTime();
      assertThatThrownBy(() -> setup.jdbc.withConnection(Setup::selectOne))
          .isInstanceOf(DataException.class);
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      assertThat(waited).isLessThan(POOL_TIMEOUT.plusSeconds(6));

      setup.proxy.heal();
      await()
          .atMost(Duration.ofSeconds(10))
          .ignoreExceptions()
          .until(() -> setup.jdbc.withConnection(Setup::selectOne) == 1);
    }
  }

  private static long insert(Connection connection, String token) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO ledger (token, amount) VALUES (?, 10)", Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, token);
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** A scratch database reached through a fault proxy, with a pool and a table of its own. */
  private record Setup(
      ScratchDatabase scratch, FaultProxy proxy, PooledDatabase database, Jdbc jdbc)
      implements AutoCloseable {

    static Setup of(DatabaseKind kind) throws SQLException {
      ScratchDatabase scratch =
          kind == DatabaseKind.POSTGRESQL ? TestDatabases.postgres() : TestDatabases.mariadb();
      ConnectionProfile direct = scratch.profile();
      FaultProxy proxy = FaultProxy.to(direct.host(), direct.port());
      ConnectionProfile proxied =
          direct.toBuilder()
              .port(proxy.port())
              .pool(
                  PoolSettings.DESKTOP.toBuilder()
                      .poolSize(POOL_SIZE)
                      .maxOverflow(POOL_MAX - POOL_SIZE)
                      .poolTimeout(POOL_TIMEOUT)
                      .connectArgs(socketTimeout(kind))
                      .applicationName("clipdeck-proxy-test")
                      .build())
              .build();
      PooledDatabase database = new PooledDatabase(proxied, Clock.systemUTC());
      Jdbc jdbc =
          new Jdbc(
              database,
              new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(1)),
              tables -> {});
      jdbc.withConnection(
          c -> {
            // No UNIQUE on token: a second row must be kept out by the commit check's
            // reconciliation, so that a doubled commit shows as a second row here instead of
            // being refused by a constraint the count could never get past.
            try (Statement ddl = c.createStatement()) {
              ddl.execute(
                  kind == DatabaseKind.POSTGRESQL
                      ? "CREATE TABLE ledger (id bigserial PRIMARY KEY,"
                          + " token varchar(64) NOT NULL, amount int NOT NULL)"
                      : "CREATE TABLE ledger (id bigint AUTO_INCREMENT PRIMARY KEY,"
                          + " token varchar(64) NOT NULL, amount int NOT NULL)");
              ddl.execute("CREATE INDEX ledger_token_idx ON ledger (token)");
            }
            return null;
          });
      return new Setup(scratch, proxy, database, jdbc);
    }

    private static Map<String, String> socketTimeout(DatabaseKind kind) {
      // prepareThreshold=0: pgJDBC would otherwise turn its COMMIT into a named server-side
      // statement after a few uses, and the proxy could no longer see the word on the wire.
      return kind == DatabaseKind.POSTGRESQL
          ? Map.of(
              "socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()), "prepareThreshold", "0")
          : Map.of("socketTimeout", Long.toString(SOCKET_TIMEOUT.toMillis()));
    }

    /** Looks for the row by its unique token, on a fresh connection, outside any transaction. */
    io.clipdeck.data.CommitCheck<Long> find(String token) {
      Supplier<Optional<Long>> lookup =
          () ->
              jdbc.withConnection(
                  c -> {
                    try (PreparedStatement select =
                        c.prepareStatement("SELECT id FROM ledger WHERE token = ?")) {
                      select.setString(1, token);
                      try (ResultSet rows = select.executeQuery()) {
                        return rows.next() ? Optional.of(rows.getLong(1)) : Optional.empty();
                      }
                    }
                  });
      return lookup::get;
    }

    long rowsWith(String token) {
      return jdbc.withConnection(
          c -> {
            try (PreparedStatement count =
                c.prepareStatement("SELECT count(*) FROM ledger WHERE token = ?")) {
              count.setString(1, token);
              try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
              }
            }
          });
    }

    static int selectOne(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT 1")) {
        rows.next();
        return rows.getInt(1);
      }
    }

    @Override
    public void close() {
      database.close();
      proxy.close();
      scratch.close();
    }
  }
}
