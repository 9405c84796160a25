package io.clipdeck.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.HealthReport.Health;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.MutableClock;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The dashboard's probes on real PostgreSQL, MariaDB and SQLite. */
class DatabaseMonitorTest {

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.startingAtNewYear();

  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MYSQL"})
  void aSleepingSessionIsListedLongestFirstAndCancelEndsOnlyItsStatement(DatabaseKind kind)
      throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        DatabaseRegistry databases = new DatabaseRegistry(clock)) {
      DatabaseMonitor monitor =
          new DatabaseMonitor(
              databases, clock, Duration.ofMinutes(5), 5, HistoryStore.MEMORY, QueryFigures.NONE);
      ConnectionProfile profile = scratch.profile();
      try (PooledDatabase other = new PooledDatabase(profile, clock);
          Connection sleeper = other.connection()) {
        // The server is shared with other tests (and their own sleeps): only this one is ours.
        long sleeperId = sessionId(sleeper, kind);
        CompletableFuture<Throwable> sleeping =
            CompletableFuture.supplyAsync(
                () -> {
                  try (Statement statement = sleeper.createStatement()) {
                    statement.execute(
                        kind == DatabaseKind.POSTGRESQL
                            ? "SELECT pg_sleep(30)"
                            : "SELECT SLEEP(30)");
                    return null;
                  } catch (SQLException e) {
                    return e;
                  }
                });

        DatabaseCard card =
            sampleUntil(
                monitor,
                profile,
                c ->
                    c.sessions().stream()
                        .anyMatch(
                            s ->
                                s.id() == sleeperId
                                    && s.query().toLowerCase(Locale.ROOT).contains("sleep(30)")));

        assertThat(card.sessions())
            .extracting(ServerSession::running)
            .as("longest-running first")
            .isSortedAccordingTo(Comparator.reverseOrder());
        ServerSession sleepingSession = session(card, sleeperId);
        assertThat(sleepingSession.query()).containsIgnoringCase("sleep(30)");
        assertThat(sleepingSession.database()).isEqualTo(profile.database());
        assertThat(sleepingSession.active()).isTrue();
        assertThat(card.health().health()).isEqualTo(Health.UP);
        assertThat(card.server()).isPresent();
        assertThat(card.server().get().maxConnections()).isPositive();
        if (kind == DatabaseKind.POSTGRESQL) {
          assertThat(sleepingSession.clipdeck()).isTrue();
          assertThat(sleepingSession.application()).isEqualTo("Clipdeck");
        }

        assertThat(monitor.cancel(profile, sleepingSession.id())).isTrue();

        Throwable ended = sleeping.get(20, TimeUnit.SECONDS);
        if (kind == DatabaseKind.POSTGRESQL) {
          assertThat(ended).isInstanceOf(SQLException.class).hasMessageContaining("cancel");
        }
        // MariaDB's SLEEP() returns 1 when killed instead of failing; either way it ended early.
        try (Statement statement = sleeper.createStatement()) {
          assertThat(statement.execute("SELECT 1")).as("the session survives a cancel").isTrue();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MYSQL"})
  void terminateEndsTheSessionAndCountersBecomeRates(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        DatabaseRegistry databases = new DatabaseRegistry(clock)) {
      DatabaseMonitor monitor =
          new DatabaseMonitor(
              databases, clock, Duration.ofMinutes(5), 5, HistoryStore.MEMORY, QueryFigures.NONE);
      ConnectionProfile profile = scratch.profile();
      DatabaseCard first = monitor.sample(profile);
      assertThat(first.rates()).isEmpty();
      try (PooledDatabase other = new PooledDatabase(profile, clock);
          Connection victim = other.connection()) {
        try (Statement statement = victim.createStatement()) {
          for (int i = 0; i < 50; i++) {
            statement.execute("SELECT " + i);
          }
        }
        clock.advance(Duration.ofSeconds(2));
        DatabaseCard second = monitor.sample(profile);

        String counter = kind == DatabaseKind.POSTGRESQL ? "commits" : "questions";
        assertThat(second.rates()).containsKey(counter);
        assertThat(second.rates().get(counter)).isGreaterThan(0);
        assertThat(monitor.history(profile.name())).hasSize(2);
        assertThat(monitor.history(profile.name()).getLast().values())
            .containsKeys("active", "idle", "waiting", "latency ms", counter + "/s");

        // Its own id, never "the first idle session": on a shared server that could be anyone's.
        long victimId = sessionId(victim, kind);
        ServerSession listed = session(second, victimId);
        assertThat(listed.active()).isFalse();
        assertThat(listed.database()).isEqualTo(profile.database());
        assertThat(monitor.terminate(profile, victimId)).isTrue();
        clock.advance(Duration.ofSeconds(2));
        sampleUntil(
            monitor,
            profile,
            card -> card.sessions().stream().noneMatch(session -> session.id() == victimId));
        assertThatThrownBy(() -> victim.createStatement().execute("SELECT 1"))
            .isInstanceOf(SQLException.class);
      }
    }
  }

  @Test
  @SuppressWarnings("try") // the two connections are held, not used: that fills the pool
  void aPoolAtItsMaximumIsDiagnosedInWordsWithItsFigures() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(DatabaseKind.POSTGRESQL, dir);
        DatabaseRegistry databases = new DatabaseRegistry(clock)) {
      ConnectionProfile profile =
          scratch
              .profile()
              .withPool(
                  scratch.profile().pool().toBuilder()
                      .poolSize(0)
                      .maxOverflow(2)
                      .poolTimeout(Duration.ofSeconds(2))
                      .build());
      DatabaseMonitor monitor =
          new DatabaseMonitor(
              databases, clock, Duration.ofMinutes(5), 5, HistoryStore.MEMORY, QueryFigures.NONE);
      PooledDatabase pool = databases.open(profile);
      try (Connection first = pool.connection();
          Connection second = pool.connection()) {
        CompletableFuture<Void> waiter =
            CompletableFuture.runAsync(
                () -> {
                  try (Connection third = pool.connection()) {
                    third.isValid(1);
                  } catch (SQLException expected) {
                    // It times out: that is what the card explains.
                  }
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (pool.stats().waiting() == 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }

        DatabaseCard card = monitor.sample(profile);

        assertThat(card.diagnosis())
            .get()
            .asString()
            .startsWith("The pool is at its maximum: 2 of 2 connections are lent out and 1")
            .contains("pool_size 0 + max_overflow 2", "Raise max_overflow")
            // Leak detection: who holds the two connections (this test method, on this thread).
            .contains(
                "Held longest: DatabaseMonitorTest.aPoolAtItsMaximumIsDiagnosedInWordsWithItsFigures");
        assertThat(card.holders())
            .hasSize(2)
            .allSatisfy(
                holder -> {
                  assertThat(holder.thread()).isEqualTo(Thread.currentThread().getName());
                  assertThat(holder.held()).isPositive();
                });
        waiter.get(10, TimeUnit.SECONDS);
      }
      assertThat(
              PoolDiagnosis.of(profile, pool.stats(), Optional.empty(), List.of())
                  .orElse("")
                  .contains("gave up after pool_timeout (2 s)"))
          .isTrue();
    }
  }

  @Test
  void aSqliteFileHasHealthAndPoolButNoServerSide() throws Exception {
    try (DatabaseRegistry databases = new DatabaseRegistry(clock)) {
      DatabaseMonitor monitor =
          new DatabaseMonitor(
              databases, clock, Duration.ofMinutes(5), 5, HistoryStore.MEMORY, QueryFigures.NONE);
      ConnectionProfile profile = ConnectionProfile.sqlite("local", dir.resolve("local.db"));

      DatabaseCard card = monitor.sample(profile);

      assertThat(card.health().health()).isEqualTo(Health.UP);
      assertThat(card.server()).isEmpty();
      assertThat(card.sessions()).isEmpty();
      assertThat(card.diagnosis()).isEmpty();
      assertThat(monitor.history("local")).singleElement();
    }
  }

  @Test
  void theHistoryKeepsOnlyTheWindow() throws Exception {
    try (DatabaseRegistry databases = new DatabaseRegistry(clock)) {
      DatabaseMonitor monitor =
          new DatabaseMonitor(
              databases, clock, Duration.ofSeconds(10), 5, HistoryStore.MEMORY, QueryFigures.NONE);
      ConnectionProfile profile = ConnectionProfile.sqlite("local", dir.resolve("local.db"));
      for (int i = 0; i < 8; i++) {
        monitor.sample(profile);
        clock.advance(Duration.ofSeconds(2));
      }
      // Ticks at 0, 2, … 14 s; the newest is at 14 s, so the window keeps 4 … 14 s.
      assertThat(monitor.history("local")).hasSize(6);
    }
  }

  /** The server's id of this connection's session: the one Cancel and Terminate name. */
  private static long sessionId(Connection connection, DatabaseKind kind) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                kind == DatabaseKind.POSTGRESQL
                    ? "SELECT pg_backend_pid()"
                    : "SELECT CONNECTION_ID()")) {
      row.next();
      return row.getLong(1);
    }
  }

  private static ServerSession session(DatabaseCard card, long id) {
    return card.sessions().stream()
        .filter(session -> session.id() == id)
        .findFirst()
        .orElseThrow(() -> new AssertionError("session " + id + " not listed: " + card.sessions()));
  }

  private static DatabaseCard sampleUntil(
      DatabaseMonitor monitor, ConnectionProfile profile, Predicate<DatabaseCard> condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    DatabaseCard card = monitor.sample(profile);
    while (!condition.test(card)) {
      assertThat(System.nanoTime()).as("waited 15 s for the server").isLessThan(deadline);
      card = monitor.sample(profile);
    }
    return card;
  }
}
