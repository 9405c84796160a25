package io.clipdeck.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Environment;
import io.clipdeck.testing.MutableClock;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The console's core on each real database. */
class SqlConsoleServiceTest {

  @TempDir Path dir;

  private static List<Outcome> runAll(Execution execution) throws Exception {
    List<Outcome> outcomes = new ArrayList<>();
    for (var next = execution.next(); next.isPresent(); next = execution.next()) {
      Outcome outcome = next.get();
      if (outcome instanceof ResultCursor cursor) {
        cursor.fetch(10);
      }
      outcomes.add(outcome);
    }
    return outcomes;
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aScriptGivesResultSetsAndUpdateCountsWithTheValuesAsStored(DatabaseKind kind)
      throws Exception {
    try (SqlFixture fixture = SqlFixture.open(kind, dir);
        ConsoleSession session = fixture.service.openSession()) {
      String t = fixture.table();
      String script =
          "INSERT INTO "
              + t
              + " (id, "
              + fixture.name()
              + ") VALUES (3, 'semi;colon'), (4, 'Ünïcode');\n"
              + "SELECT id, "
              + fixture.name()
              + ", note, data, doc FROM "
              + t
              + " ORDER BY id;\n"
              + "UPDATE "
              + t
              + " SET note = 'n' WHERE id >= 3;\n"
              + "SELECT count(*) AS n FROM "
              + t
              + ";";
      Execution execution = session.execute(script, false);
      List<Outcome> outcomes = new ArrayList<>();
      List<Object[]> rows = null;
      for (var next = execution.next(); next.isPresent(); next = execution.next()) {
        outcomes.add(next.get());
        if (next.get() instanceof ResultCursor cursor && rows == null) {
          assertThat(cursor.columns()).extracting(Column::name).contains("Näme");
          rows = cursor.fetch(100);
          assertThat(cursor.exhausted()).isTrue();
        }
      }
      assertThat(outcomes).hasSize(4);
      assertThat(outcomes.get(0)).isInstanceOf(Outcome.Update.class);
      assertThat(((Outcome.Update) outcomes.get(0)).count()).isEqualTo(2);
      assertThat(outcomes.get(2))
          .isInstanceOfSatisfying(
              Outcome.Update.class, update -> assertThat(update.count()).isEqualTo(2));
      assertThat(outcomes.get(3)).isInstanceOf(ResultCursor.class);

      assertThat(rows).hasSize(4);
      Object[] first = rows.get(0);
      assertThat(((Number) first[0]).intValue()).isEqualTo(1);
      assertThat(first[1]).isEqualTo("Zoë 東京");
      assertThat((String) first[2]).startsWith("ééé").endsWith("(10000 characters)");
      assertThat(first[3]).isEqualTo("\\xdeadbeef");
      assertThat((String) first[4]).contains("\"a\"");
      assertThat(rows.get(1)).containsOnly(2, null, null, null, null).hasSize(5);
      assertThat(rows.get(2)[1]).isEqualTo("semi;colon");
      assertThat(rows.get(3)[1]).isEqualTo("Ünïcode");

      ResultCursor count = (ResultCursor) outcomes.get(3);
      assertThat(((Number) count.fetch(1).getFirst()[0]).intValue()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void anErrorCarriesTheServersMessageAndItsPlaceInTheScript(DatabaseKind kind) throws Exception {
    try (SqlFixture fixture = SqlFixture.open(kind, dir);
        ConsoleSession session = fixture.service.openSession()) {
      String script = "SELECT 1;\nSELECT * FROM " + fixture.table() + " WHERE id = = 1;\nSELECT 2;";
      List<Outcome> outcomes = runAll(session.execute(script, false));

      assertThat(outcomes).hasSize(2);
      Outcome.Failure failure = (Outcome.Failure) outcomes.get(1);
      assertThat(failure.message()).isNotBlank();
      assertThat(failure.line()).isEqualTo(2);
      int secondEquals = script.indexOf("= 1");
      switch (kind) {
        case POSTGRESQL, MYSQL -> assertThat(failure.position()).isEqualTo(secondEquals);
        case SQLITE -> assertThat(failure.position()).isEqualTo(script.indexOf("="));
      }

      Outcome.Failure missing =
          (Outcome.Failure)
              runAll(session.execute("SELECT 1;\n  SELECT nope FROM no_such_table", false)).get(1);
      assertThat(missing.message()).containsIgnoringCase("no_such_table");
      assertThat(missing.line()).isEqualTo(2);
      assertThat(missing.position()).isGreaterThanOrEqualTo(12);
    }
  }

  /** A statement that runs for a minute unless cancelled, and fails when it is. */
  private static String longStatement(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL -> "SELECT pg_sleep(60)";
      // SLEEP alone returns 1 when killed; as part of a query the query fails as interrupted.
      case MYSQL -> "SELECT 1 FROM DUAL WHERE SLEEP(60) = 0";
      case SQLITE ->
          "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c";
    };
  }

  /**
   * Runs {@link #longStatement} on a virtual thread; the future gives how it ended: the server's
   * error (from the statement or its first fetch), or "finished" when it was not stopped.
   */
  private static CompletableFuture<String> runLong(ConsoleSession session, DatabaseKind kind) {
    return CompletableFuture.supplyAsync(
        () -> {
          try {
            Outcome outcome = session.execute(longStatement(kind), false).next().orElseThrow();
            if (outcome instanceof Outcome.Failure failure) {
              return failure.sqlState() + " " + failure.message();
            }
            ((ResultCursor) outcome).fetch(1);
            return "finished";
          } catch (java.sql.SQLException e) {
            return e.getSQLState() + " " + e.getMessage();
          } catch (Exception e) {
            return e.toString();
          }
        },
        Thread::startVirtualThread);
  }

  private static void assertCancelledAndUsable(
      DatabaseKind kind, ConsoleSession session, String ended) throws Exception {
    switch (kind) {
      case POSTGRESQL -> assertThat(ended).startsWith("57014 ").contains("cancel");
      case MYSQL -> assertThat(ended).startsWith("70100 ").containsIgnoringCase("interrupted");
      case SQLITE -> assertThat(ended).containsIgnoringCase("interrupt");
    }
    assertThat(session.isRunning()).isFalse();
    ResultCursor after = (ResultCursor) session.execute("SELECT 7", false).next().orElseThrow();
    assertThat(((Number) after.fetch(1).getFirst()[0]).intValue()).isEqualTo(7);
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void cancelEndsALongStatementPromptly(DatabaseKind kind) throws Exception {
    try (SqlFixture fixture = SqlFixture.open(kind, dir);
        ConsoleSession session = fixture.service.openSession()) {
      CompletableFuture<String> running = runLong(session, kind);
      await().atMost(Duration.ofSeconds(10)).until(session::isRunning);
      long start = System.nanoTime();
      session.cancel();
      String ended = running.get(10, TimeUnit.SECONDS);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertCancelledAndUsable(kind, session, ended);
    }
  }

  /**
   * The server's own cancel, as used when the driver's did not stop the statement: it reaches the
   * session's backend from another connection, and only the statement ends.
   */
  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MYSQL"})
  void theServersCancelStopsTheStatementFromAnotherConnection(DatabaseKind kind) throws Exception {
    try (SqlFixture fixture = SqlFixture.open(kind, dir);
        ConsoleSession session = fixture.service.openSession()) {
      session.execute("SELECT 1", false).next().orElseThrow();
      CompletableFuture<String> running = runLong(session, kind);
      // Running on the server, not only in the driver: the server's cancel needs a statement there.
      await().atMost(Duration.ofSeconds(10)).until(() -> serverRuns(fixture, longStatement(kind)));
      assertThat(session.cancelOnServer()).isTrue();
      assertCancelledAndUsable(kind, session, running.get(10, TimeUnit.SECONDS));
    }
  }

  /**
   * The driver's cancel lost (its new connection refused, as a firewall or a full server would):
   * after {@link RunningStatement#GRACE} the console asks the server on a pooled connection, and
   * the statement still ends cancelled.
   */
  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MYSQL"})
  void whenTheDriversCancelIsLostTheServerIsAsked(DatabaseKind kind) throws Exception {
    int serverPort =
        kind == DatabaseKind.POSTGRESQL
            ? io.clipdeck.testing.TestDatabases.PG_PORT
            : io.clipdeck.testing.TestDatabases.MARIADB_PORT;
    try (io.clipdeck.testing.FaultProxy proxy =
            io.clipdeck.testing.FaultProxy.to("127.0.0.1", serverPort);
        SqlFixture fixture =
            SqlFixture.open(
                kind,
                dir,
                profile -> profile.toBuilder().host("127.0.0.1").port(proxy.port()).build(),
                java.time.Clock.systemUTC());
        ConsoleSession session = fixture.service.openSession()) {
      // Two pooled connections open before the proxy refuses new ones: the session's, and one
      // left idle for the server-side cancel (and the test's own look at the server).
      try (Connection one = fixture.database.connection();
          Connection two = fixture.database.connection()) {
        assertThat(one).isNotSameAs(two);
      }
      session.execute("SELECT 1", false).next().orElseThrow();
      proxy.refuseNewConnections(true);

      CompletableFuture<String> running = runLong(session, kind);
      await().atMost(Duration.ofSeconds(10)).until(() -> serverRuns(fixture, longStatement(kind)));
      long start = System.nanoTime();
      session.cancel();
      String ended = running.get(10, TimeUnit.SECONDS);
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      // Not stopped by the driver within the grace: the server's cancel did it.
      assertThat(took).isBetween(RunningStatement.GRACE, Duration.ofSeconds(8));
      proxy.refuseNewConnections(false);
      assertCancelledAndUsable(kind, session, ended);
    }
  }

  @org.junit.jupiter.api.Test
  void sqliteHasNoServerSideCancel() throws Exception {
    try (SqlFixture fixture = SqlFixture.open(DatabaseKind.SQLITE, dir);
        ConsoleSession session = fixture.service.openSession()) {
      session.execute("SELECT 1", false).next().orElseThrow();
      assertThat(session.cancelOnServer()).isFalse();
    }
  }

  private static boolean serverRuns(SqlFixture fixture, String statement) throws Exception {
    String sql =
        fixture.kind == DatabaseKind.POSTGRESQL
            ? "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query = ?"
            : "SELECT count(*) FROM information_schema.processlist WHERE info = ?";
    try (Connection connection = fixture.database.connection();
        var check = connection.prepareStatement(sql)) {
      check.setString(1, statement);
      try (ResultSet row = check.executeQuery()) {
        return row.next() && row.getInt(1) > 0;
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aLargeResultStreamsInBoundedWindows(DatabaseKind kind) throws Exception {
    try (SqlFixture fixture = SqlFixture.open(kind, dir);
        ConsoleSession session = fixture.service.openSession()) {
      int total = 200_000;
      String query =
          switch (kind) {
            case POSTGRESQL ->
                "SELECT g, repeat('x', 500) FROM generate_series(1, " + total + ") g";
            case MYSQL -> "SELECT seq, REPEAT('x', 500) FROM seq_1_to_" + total;
            case SQLITE ->
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT "
                    + total
                    + ") SELECT x, printf('%.500c', 'x') FROM c";
          };
      ResultCursor cursor = (ResultCursor) session.execute(query, false).next().orElseThrow();
      long heapAtStart = usedHeapAfterGc();
      long read = 0;
      long last = 0;
      long heapMidway = 0;
      while (!cursor.exhausted()) {
        List<Object[]> window = cursor.fetch(500);
        assertThat(window.size()).isLessThanOrEqualTo(500);
        for (Object[] row : window) {
          long value = ((Number) row[0]).longValue();
          assertThat(value).isEqualTo(last + 1);
          last = value;
        }
        read += window.size();
        if (heapMidway == 0 && read >= total / 2) {
          heapMidway = usedHeapAfterGc();
        }
      }
      assertThat(read).isEqualTo(total);
      assertThat(cursor.isClosed()).isTrue();
      // All rows held at once would be over 100 MB; a window of 500 is a few hundred KB.
      assertThat(heapMidway - heapAtStart).isLessThan(48L << 20);
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void leavingAHugeResultEarlyIsQuickAndTheNextStatementRuns(DatabaseKind kind) throws Exception {
    try (SqlFixture fixture = SqlFixture.open(kind, dir);
        ConsoleSession session = fixture.service.openSession()) {
      String query =
          switch (kind) {
            case POSTGRESQL -> "SELECT g FROM generate_series(1, 5000000) g";
            case MYSQL -> "SELECT seq FROM seq_1_to_5000000";
            case SQLITE ->
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 5000000)"
                    + " SELECT x FROM c";
          };
      ResultCursor cursor = (ResultCursor) session.execute(query, false).next().orElseThrow();
      assertThat(cursor.fetch(500)).hasSize(500);
      long start = System.nanoTime();
      Outcome next = session.execute("SELECT 7", false).next().orElseThrow();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
      assertThat(cursor.isClosed()).isTrue();
      assertThat(((Number) ((ResultCursor) next).fetch(1).getFirst()[0]).intValue()).isEqualTo(7);
      assertThat(fixture.service.history().search(query, 1))
          .singleElement()
          .satisfies(entry -> assertThat(entry.rows()).isEqualTo(500));
    }
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void explainGivesAPlanTreeWithTheMostExpensiveNodeMarked(DatabaseKind kind) throws Exception {
    try (SqlFixture fixture = SqlFixture.open(kind, dir);
        ConsoleSession session = fixture.service.openSession()) {
      String t = fixture.table();
      String query =
          "SELECT a.id, b."
              + fixture.name()
              + " FROM "
              + t
              + " a JOIN "
              + t
              + " b ON b.id = a.id WHERE a.note IS NULL ORDER BY a."
              + fixture.name();
      ExplainPlan plan = session.explain(query, false);
      assertThat(plan.root().flatten()).hasSizeGreaterThan(1);
      // PostgreSQL names the table; MariaDB and SQLite name it by its alias.
      assertThat(plan.root().flatten())
          .extracting(PlanNode::relation)
          .containsAnyOf("Mixed Case", "a", "b");
      assertThat(plan.mostExpensive()).isPresent();
      assertThat(plan.root().flatten().stream().filter(PlanNode::mostExpensive)).hasSize(1);
      if (kind != DatabaseKind.SQLITE) {
        assertThat(plan.root().flatten()).anyMatch(node -> node.rowsEstimated() != null);

        ExplainPlan analyzed = session.explain(query, true);
        assertThat(analyzed.analyzed()).isTrue();
        assertThat(analyzed.root().flatten()).anyMatch(node -> node.rowsActual() != null);
        assertThat(analyzed.root().flatten()).anyMatch(node -> node.timeMs() != null);

        // ANALYZE of a write runs it, then rolls it back.
        session.explain("DELETE FROM " + t + " WHERE id = 1", true);
        ResultCursor count =
            (ResultCursor) session.execute("SELECT count(*) FROM " + t, false).next().orElseThrow();
        assertThat(((Number) count.fetch(1).getFirst()[0]).intValue()).isEqualTo(2);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void readOnlyModeRefusesAWriteAndIsUndoneOnClose(DatabaseKind kind) throws Exception {
    try (SqlFixture fixture = SqlFixture.open(kind, dir)) {
      String insert = "INSERT INTO " + fixture.table() + " (id) VALUES (10)";
      try (ConsoleSession session = fixture.service.openSession()) {
        session.setReadOnly(true);
        Outcome refused = session.execute(insert, false).next().orElseThrow();
        assertThat(refused).isInstanceOf(Outcome.Failure.class);
        assertThat(((Outcome.Failure) refused).message()).containsIgnoringCase("read");
        Outcome read =
            session.execute("SELECT count(*) FROM " + fixture.table(), false).next().orElseThrow();
        assertThat(read).isInstanceOf(ResultCursor.class);
      }
      try (ConsoleSession next = fixture.service.openSession()) {
        assertThat(next.execute(insert, false).next().orElseThrow())
            .isInstanceOf(Outcome.Update.class);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void productionAsksBeforeWritesAndKeepsAnExplicitTransaction(DatabaseKind kind) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    try (SqlFixture fixture =
            SqlFixture.open(
                kind,
                dir,
                profile -> profile.toBuilder().environment(Environment.PRODUCTION).build(),
                clock);
        ConsoleSession session = fixture.service.openSession()) {
      String insert = "INSERT INTO " + fixture.table() + " (id) VALUES (20)";
      assertThat(session.autoCommit()).isFalse();
      assertThatThrownBy(() -> session.execute("SELECT 1;\n" + insert, false))
          .isInstanceOfSatisfying(
              ConfirmationRequired.class,
              e -> assertThat(e.writes()).extracting(SqlStatement::sql).containsExactly(insert));
      assertThat(session.transactionOpen()).isFalse();

      assertThat(session.execute(insert, true).next().orElseThrow())
          .isInstanceOf(Outcome.Update.class);
      assertThat(session.transactionOpen()).isTrue();
      clock.advance(Duration.ofMinutes(3));
      assertThat(session.idleInTransaction()).contains(Duration.ofMinutes(3));
      assertThat(countFromAnotherConnection(fixture)).isEqualTo(2);

      session.commit();
      assertThat(session.transactionOpen()).isFalse();
      assertThat(countFromAnotherConnection(fixture)).isEqualTo(3);

      session.execute("DELETE FROM " + fixture.table() + " WHERE id = 20", true).next();
      session.rollback();
      assertThat(countFromAnotherConnection(fixture)).isEqualTo(3);
    }
  }

  private static int countFromAnotherConnection(SqlFixture fixture) throws Exception {
    try (Connection other = fixture.database.connection();
        Statement statement = other.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + fixture.table())) {
      rows.next();
      int count = rows.getInt(1);
      if (!other.getAutoCommit()) {
        other.rollback();
      }
      return count;
    }
  }

  @ParameterizedTest
  @EnumSource(value = DatabaseKind.class, names = "SQLITE")
  void historySurvivesReopeningAndIsSearchable(DatabaseKind kind) throws Exception {
    try (SqlFixture fixture = SqlFixture.open(kind, dir)) {
      try (ConsoleSession session = fixture.service.openSession()) {
        runAll(session.execute("SELECT 'needle' AS x;\nSELECT * FROM nowhere;", false));
        runAll(session.execute("UPDATE " + fixture.table() + " SET note = 'a'", false));
      }
      fixture.service.history().saveSnippet(new ConsoleHistory.Snippet("count", "SELECT 1"));

      ConsoleHistory reopened = ConsoleHistory.forProfile(dir, fixture.database.profile().name());
      List<ConsoleHistory.Entry> all = reopened.search("", 10);
      assertThat(all).hasSize(3);
      assertThat(all.get(0).statement()).startsWith("UPDATE");
      assertThat(all.get(0).rows()).isEqualTo(2);
      assertThat(reopened.search("NEEDLE", 10))
          .singleElement()
          .satisfies(entry -> assertThat(entry.rows()).isEqualTo(1));
      assertThat(reopened.search("nowhere", 10))
          .singleElement()
          .satisfies(entry -> assertThat(entry.error()).containsIgnoringCase("nowhere"));
      assertThat(reopened.snippets())
          .containsExactly(new ConsoleHistory.Snippet("count", "SELECT 1"));
      assertThat(java.nio.file.Files.getPosixFilePermissions(reopened.file()))
          .isEqualTo(io.clipdeck.config.PrivateJsonFile.FILE);
    }
  }
}
