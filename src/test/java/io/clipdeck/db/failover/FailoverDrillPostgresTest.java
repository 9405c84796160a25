package io.clipdeck.db.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clipdeck.data.DataException;
import io.clipdeck.data.SqlErrors;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.failover.FailoverEvent.Kind;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.TempPostgresCluster;
import io.clipdeck.testing.TempPostgresCluster.StopMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The failover drill a DBA runs on a streaming-replication pair, through a Clipdeck failover group:
 * stop the primary, the group serves reads from the replica while the replica refuses every write;
 * promote it, writes go on; the old primary comes back with old data and the group does not go back
 * to it; the DBA rebuilds it as a replica and switches over; the group ends on it with every row.
 */
@Tag("reliability")
class FailoverDrillPostgresTest {

  private static final int FAILURES = 2;
  private static final Duration INTERVAL = Duration.ofMillis(500);
  private static final Duration HYSTERESIS = Duration.ofSeconds(2);
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final PoolSettings POOL =
      PoolSettings.DESKTOP.toBuilder()
          .poolSize(1)
          .maxOverflow(2)
          .poolTimeout(Duration.ofMillis(400))
          .poolRecycle(Duration.ofMinutes(5))
          .build();

  @Test
  void stopThePrimaryPromoteTheReplicaThenSwitchBackLosesNoWriteAndNoReplicaTakesOne()
      throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    try (TempPostgresCluster a = TempPostgresCluster.started()) {
      a.execute("CREATE TABLE drill (id int PRIMARY KEY, written_on text NOT NULL)");
      try (TempPostgresCluster b = TempPostgresCluster.standbyOf(a);
          DatabaseRegistry registry = new DatabaseRegistry(Clock.systemUTC())) {
        b.start();
        try (FailoverGroup group =
            new FailoverGroup(
                "drill",
                a.profile("drill-a").withPool(POOL),
                List.of(b.profile("drill-b").withPool(POOL)),
                FailoverPolicy.automatic(FAILURES, INTERVAL, HYSTERESIS),
                registry,
                Clock.systemUTC())) {
          group.start(scheduler, workers);
          await().atMost(WAIT).until(() -> roleOf(group, "drill-b").equals("replica"));
          assertThat(roleOf(group, "drill-a")).isEqualTo("primary");

          write(group, 1, 10, "a");
          awaitReplayed(b, a);

          // 1. The primary stops: the group serves from the replica, which takes no write.
          a.stop(StopMode.FAST);
          long stoppedAt = System.nanoTime();
          await().atMost(WAIT).until(() -> group.status().serving().equals("drill-b"));
          Measured.report(
              "drill: failover to the replica", millisSince(stoppedAt) + " ms after a stopped");
          assertThat(group.status().lastEvent().orElseThrow().kind()).isEqualTo(Kind.FAILOVER);
          assertThat(count(group)).isEqualTo(10);
          assertThatThrownBy(() -> write(group, 11, 11, "replica"))
              .isInstanceOfSatisfying(
                  SQLException.class,
                  e -> {
                    assertThat(e.getSQLState()).isEqualTo("25006");
                    DataException mapped =
                        SqlErrors.translate(DatabaseKind.POSTGRESQL, "drill-b", e);
                    assertThat(mapped).isInstanceOf(DataException.PermissionDenied.class);
                    assertThat(mapped.getMessage()).contains("Send writes to the primary");
                  });

          // 2. The DBA promotes the replica: writes go on through the same group.
          b.promote();
          long promotedAt = System.nanoTime();
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(
                  () -> {
                    write(group, 11, 20, "b");
                    return true;
                  });
          Measured.report(
              "drill: first write after promotion",
              millisSince(promotedAt) + " ms after pg_ctl promote returned");

          // 3. The old primary comes back with its old data: the group must not return to it.
          a.start();
          await().atMost(WAIT).until(() -> roleOf(group, "drill-a").equals("primary"));
          Thread.sleep(HYSTERESIS.plus(INTERVAL.multipliedBy(4)).toMillis()); // past a failback
          assertThat(group.status().serving()).isEqualTo("drill-b");
          assertThat(group.status().failbackHeld().orElseThrow())
              .contains("drill-b was promoted to primary while serving");
          assertThat(group.status().events())
              .extracting(FailoverEvent::kind)
              .doesNotContain(Kind.FAILBACK);

          // 4. Rebuilt as a replica of b, then the switchover: b stops, a is promoted.
          a.stop(StopMode.FAST);
          a.rebuildAsStandbyOf(b);
          a.start();
          await().atMost(WAIT).until(() -> roleOf(group, "drill-a").equals("replica"));
          assertThat(group.status().failbackHeld().orElseThrow()).contains("drill-a is a replica");
          awaitReplayed(a, b);
          b.stop(StopMode.FAST);
          a.promote();
          long switchedAt = System.nanoTime();
          await().atMost(WAIT).until(() -> group.status().serving().equals("drill-a"));
          await()
              .atMost(WAIT)
              .ignoreExceptions()
              .until(
                  () -> {
                    write(group, 21, 30, "a again");
                    return true;
                  });
          Measured.report(
              "drill: switchover back to a",
              millisSince(switchedAt) + " ms from pg_ctl promote to a write on a");

          assertThat(count(group)).as("every write of every phase, once").isEqualTo(30);
          assertThat(writtenOn(group, 15)).isEqualTo("b");
        }
      }
    } finally {
      scheduler.shutdownNow();
      workers.shutdownNow();
      assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static String roleOf(FailoverGroup group, String member) {
    return group.status().member(member).lastHealth().role().orElse("unknown");
  }

  /** Inserts ids {@code from..to} in one transaction through the group's serving member. */
  private static void write(FailoverGroup group, int from, int to, String on) throws Exception {
    try (Connection connection = group.healthyDatabase().connection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO drill (id, written_on) VALUES (?, ?)")) {
        for (int id = from; id <= to; id++) {
          insert.setInt(1, id);
          insert.setString(2, on);
          insert.addBatch();
        }
        insert.executeBatch();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e.getNextException() != null && e.getSQLState() == null ? e.getNextException() : e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static long count(FailoverGroup group) throws Exception {
    try (Connection connection = group.healthyDatabase().connection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT count(DISTINCT id) FROM drill")) {
      result.next();
      return result.getLong(1);
    }
  }

  private static String writtenOn(FailoverGroup group, int id) throws Exception {
    try (Connection connection = group.healthyDatabase().connection();
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery("SELECT written_on FROM drill WHERE id = " + id)) {
      result.next();
      return result.getString(1);
    }
  }

  /** Waits until {@code standby} has replayed everything {@code primary} wrote so far. */
  private static void awaitReplayed(TempPostgresCluster standby, TempPostgresCluster primary) {
    long target = primary.walPosition();
    await().atMost(WAIT).until(() -> standby.walPosition() >= target);
  }

  private static long millisSince(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
  }
}
