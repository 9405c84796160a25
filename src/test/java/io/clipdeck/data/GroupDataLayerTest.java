package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.failover.FailoverGroup;
import io.clipdeck.db.failover.FailoverPolicy;
import io.clipdeck.db.failover.WorkTarget;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A data layer on a failover group of two PostgreSQL databases: a read whose connection is lost
 * runs once more on the member the group switched to; a write whose connection is lost is reported
 * as outcome unknown, never run again.
 */
class GroupDataLayerTest {

  @Test
  void aReadLostInASwitchRunsOnceMoreOnTheNewMember() throws Exception {
    try (ScratchDatabase first = TestDatabases.postgres();
        ScratchDatabase second = TestDatabases.postgres();
        DatabaseRegistry registry = new DatabaseRegistry(Clock.systemUTC());
        FailoverGroup group = group(first, second, registry)) {
      DataLayer data = layer(group);
      CompletableFuture<String> read =
          CompletableFuture.supplyAsync(
              () ->
                  data.executor()
                      .query(
                          // Sleeps on the first member only: the retry on the second answers now.
                          "SELECT current_database()"
                              + " FROM pg_sleep(CASE WHEN current_database() = ? THEN 30 ELSE 0 END)",
                          List.of(first.profile().database()),
                          row -> row.getString(1))
                      .getFirst(),
              Thread::startVirtualThread);
      awaitRunning(first, "pg_sleep(CASE");

      group.simulateFailover("test");
      assertThat(terminate(first, "pg_sleep(CASE")).isEqualTo(1);

      assertThat(read.get(20, TimeUnit.SECONDS))
          .as("the read ran again, on the member the group serves from now")
          .isEqualTo(second.profile().database());
    }
  }

  @Test
  void aReadWhoseSessionAloneWasKilledRunsOnceMoreOnTheSameMember() throws Exception {
    try (ScratchDatabase first = TestDatabases.postgres();
        ScratchDatabase second = TestDatabases.postgres();
        DatabaseRegistry registry = new DatabaseRegistry(Clock.systemUTC());
        FailoverGroup group = group(first, second, registry)) {
      DataLayer data = layer(group);
      // Sleeps the first time only: the retry finds the marker table and answers now.
      data.executor().update("CREATE TABLE slept (n int)", List.of(), Set.of());
      CompletableFuture<String> read =
          CompletableFuture.supplyAsync(
              () ->
                  data.executor()
                      .query(
                          "SELECT current_database() FROM pg_sleep(CASE WHEN (SELECT count(*)"
                              + " FROM slept) = 0 THEN 30 ELSE 0 END)",
                          List.of(),
                          row -> row.getString(1))
                      .getFirst(),
              Thread::startVirtualThread);
      awaitRunning(first, "pg_sleep(CASE");
      data.executor().update("INSERT INTO slept VALUES (1)", List.of(), Set.of("slept"));

      assertThat(terminate(first, "pg_sleep(CASE")).isEqualTo(1);

      assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo(first.profile().database());
      assertThat(group.status().serving()).as("no switch").isEqualTo("a");
    }
  }

  @Test
  void aWriteLostAfterItWasSentIsOutcomeUnknownAndNotRunAgain() throws Exception {
    try (ScratchDatabase first = TestDatabases.postgres();
        ScratchDatabase second = TestDatabases.postgres();
        DatabaseRegistry registry = new DatabaseRegistry(Clock.systemUTC());
        FailoverGroup group = group(first, second, registry)) {
      DataLayer data = layer(group);
      data.executor().update("CREATE TABLE hits (n int)", List.of(), Set.of());
      CompletableFuture<Integer> write =
          CompletableFuture.supplyAsync(
              () ->
                  data.executor()
                      .update(
                          "INSERT INTO hits SELECT 1 FROM pg_sleep(30)", List.of(), Set.of("hits")),
              Thread::startVirtualThread);
      awaitRunning(first, "pg_sleep(30)");

      assertThat(terminate(first, "pg_sleep(30)")).isEqualTo(1);

      assertThatThrownBy(() -> write.get(60, TimeUnit.SECONDS))
          .cause()
          .isInstanceOfSatisfying(
              OutcomeUnknownException.class,
              unknown -> {
                assertThat(unknown.target()).isEqualTo("g");
                assertThat(unknown.member()).isEqualTo("a");
                assertThat(unknown.getMessage())
                    .contains("may or may not have been applied")
                    .contains("clipdeck groups status g")
                    .contains("before repeating it");
                assertThat(unknown.getCause()).isInstanceOf(DataException.Unavailable.class);
              });
      assertThat(
              data.executor()
                  .query("SELECT count(*) FROM hits", List.of(), row -> row.getLong(1))
                  .getFirst())
          .as("not run again")
          .isZero();
    }
  }

  private static FailoverGroup group(
      ScratchDatabase first, ScratchDatabase second, DatabaseRegistry registry) {
    return new FailoverGroup(
        "g",
        renamed(first.profile(), "a"),
        List.of(renamed(second.profile(), "b")),
        FailoverPolicy.manual(2, Duration.ofSeconds(1)),
        registry,
        Clock.systemUTC());
  }

  private static DataLayer layer(FailoverGroup group) {
    return new DataLayer(
        WorkTarget.of(group),
        QueryExecutor.Settings.DEFAULTS,
        Clock.systemUTC(),
        DataLayer.DEFAULT_CACHE_TTL);
  }

  private static ConnectionProfile renamed(ConnectionProfile profile, String name) {
    return profile.toBuilder().name(name).build();
  }

  private static void awaitRunning(ScratchDatabase database, String marker) {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> sessions(database, marker, "SELECT count(*)") == 1);
  }

  private static long terminate(ScratchDatabase database, String marker) throws Exception {
    return sessions(database, marker, "SELECT count(pg_terminate_backend(pid))");
  }

  /** Runs {@code select} over the other sessions on the database whose statement has a marker. */
  private static long sessions(ScratchDatabase database, String marker, String select)
      throws Exception {
    String url =
        "jdbc:postgresql://" + TestDatabases.PG_HOST + ":" + TestDatabases.PG_PORT + "/postgres";
    try (Connection admin = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
        PreparedStatement statement =
            admin.prepareStatement(
                select
                    + " FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()"
                    + " AND state = 'active' AND position(? in query) > 0")) {
      statement.setString(1, database.profile().database());
      statement.setString(2, marker);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
