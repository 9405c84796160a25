package io.clipdeck.db.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.failover.FailoverEvent.Kind;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.TempPostgresCluster;
import io.clipdeck.testing.TempPostgresCluster.StopMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A failover group over two real PostgreSQL clusters of its own: stop the primary, the group serves
 * from the failover; start it again, the group returns after the hysteresis; stop both, the group
 * says so, naming each member's problem.
 */
@Tag("reliability")
class FailoverGroupPostgresTest {

  private static final int FAILURES = 3;
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration HYSTERESIS = Duration.ofSeconds(3);

  /** A check of a dead server lasts pool_timeout: keep it well under the check interval. */
  private static final PoolSettings POOL =
      PoolSettings.DESKTOP.toBuilder()
          .poolSize(1)
          .maxOverflow(2)
          .poolTimeout(Duration.ofMillis(500))
          .poolRecycle(Duration.ofMinutes(5))
          .build();

  @Test
  void stopThePrimaryFailsOverWithinNChecksThenFailsBackAfterTheHysteresis() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    ConcurrentHashMap<Kind, Long> heardAt = new ConcurrentHashMap<>();
    try (TempPostgresCluster primary = TempPostgresCluster.started();
        TempPostgresCluster failover = TempPostgresCluster.started();
        DatabaseRegistry registry = new DatabaseRegistry(Clock.systemUTC());
        FailoverGroup group =
            new FailoverGroup(
                "orders",
                primary.profile("orders-a").withPool(POOL),
                List.of(failover.profile("orders-b").withPool(POOL)),
                FailoverPolicy.automatic(FAILURES, INTERVAL, HYSTERESIS),
                registry,
                Clock.systemUTC())) {
      group.addListener(event -> heardAt.putIfAbsent(event.kind(), System.nanoTime()));
      group.start(scheduler, workers);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> group.status().members().stream().allMatch(m -> m.lastHealth().isUp()));
      assertThat(serverPort(group.healthyDatabase())).isEqualTo(primary.port());

      // The primary goes away: N failed checks, then the failover serves.
      primary.stop(StopMode.FAST);
      long stoppedAt = System.nanoTime();
      await()
          .atMost(Duration.ofSeconds(15))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> heardAt.containsKey(Kind.FAILOVER));
      Duration failoverTime = Duration.ofNanos(heardAt.get(Kind.FAILOVER) - stoppedAt);
      Duration failoverBound = INTERVAL.multipliedBy(FAILURES).plusSeconds(1);
      Measured.report("failover", failoverTime.toMillis() + " ms after the primary stopped");
      assertThat(failoverTime).isLessThanOrEqualTo(failoverBound);

      FailoverStatus failedOver = group.status();
      assertThat(failedOver.serving()).isEqualTo("orders-b");
      FailoverEvent event = failedOver.lastEvent().orElseThrow();
      assertThat(event.from()).isEqualTo("orders-a");
      assertThat(event.to()).isEqualTo("orders-b");
      assertThat(event.reason())
          .startsWith("orders-a failed 3 checks in a row: cannot reach orders-a at 127.0.0.1:");
      assertThat(failedOver.member("orders-a").consecutiveFailures())
          .isGreaterThanOrEqualTo(FAILURES);
      assertThat(serverPort(group.healthyDatabase())).isEqualTo(failover.port());

      // The primary comes back: the group waits for the hysteresis, then returns.
      primary.start();
      long startedAt = System.nanoTime();
      await()
          .atMost(HYSTERESIS.plusSeconds(15))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> heardAt.containsKey(Kind.FAILBACK));
      Duration failbackTime = Duration.ofNanos(heardAt.get(Kind.FAILBACK) - startedAt);
      Measured.report(
          "failback", failbackTime.toMillis() + " ms after the primary accepted connections again");
      assertThat(failbackTime).isGreaterThanOrEqualTo(HYSTERESIS);
      // The first successful check comes within an interval (plus HikariCP's reconnect backoff).
      assertThat(failbackTime)
          .isLessThanOrEqualTo(HYSTERESIS.plus(INTERVAL.multipliedBy(2)).plusSeconds(5));
      assertThat(group.status().serving()).isEqualTo("orders-a");
      assertThat(serverPort(group.healthyDatabase())).isEqualTo(primary.port());

      // Both go away: the group says so, naming each member's problem.
      primary.stop(StopMode.FAST);
      failover.stop(StopMode.FAST);
      await()
          .atMost(INTERVAL.multipliedBy(FAILURES).plusSeconds(10))
          .pollInterval(Duration.ofMillis(50))
          .untilAsserted(
              () ->
                  assertThatThrownBy(group::healthyDatabase)
                      .isInstanceOf(NoHealthyMemberException.class)
                      .hasMessageStartingWith(
                          "Failover group 'orders' has no healthy member: orders-a (primary):"
                              + " cannot reach orders-a at 127.0.0.1:"
                              + primary.port())
                      .hasMessageContaining(
                          "; orders-b: cannot reach orders-b at 127.0.0.1:" + failover.port()));
      assertThat(group.status().serving()).isEqualTo("orders-a");
    } finally {
      scheduler.shutdownNow();
      workers.shutdownNow();
      assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static int serverPort(PooledDatabase database) throws Exception {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT inet_server_port()")) {
      result.next();
      return result.getInt(1);
    }
  }
}
