package io.clipdeck.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.TempPostgresCluster;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A PostgreSQL restart or crash under a query loop: the pool must serve again within 5 s of the
 * server accepting connections.
 */
@Tag("reliability")
class PostgresRestartTest {

  private static final Duration HEAL_WITHIN = Duration.ofSeconds(5);

  private static final PoolSettings POOL =
      PoolSettings.DESKTOP.toBuilder()
          .poolSize(2)
          .maxOverflow(1)
          .poolRecycle(Duration.ofMinutes(5))
          .applicationName("clipdeck-restart-test")
          .build();

  @Test
  void aFastRestartDuringAQueryLoopHealsWithin5sOfTheServerAcceptingAgain() throws Exception {
    try (TempPostgresCluster cluster = TempPostgresCluster.started();
        PooledDatabase database = new PooledDatabase(profile(cluster), Clock.systemUTC());
        QueryLoop loop = new QueryLoop("restart-loop", database, "SELECT pg_sleep(0.005)");
        AcceptWatcher watcher = new AcceptWatcher(cluster::acceptsConnections)) {
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.successes() >= 20);
      watcher.arm();

      cluster.restart();

      // The watcher saw the server refuse, then accept again.
      await().atMost(Duration.ofSeconds(10)).until(watcher::sawComeback);
      long acceptedAt = watcher.acceptedAgainAt();
      await()
          .atMost(HEAL_WITHIN.plusSeconds(10))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> loop.firstSuccessAfter(watcher.refusedAt()).isPresent());
      Duration heal = heal(loop, watcher.refusedAt(), acceptedAt);
      Measured.report(
          "restart -m fast",
          "first pooled query "
              + heal.toMillis()
              + " ms after the server accepted again; "
              + loop.failures().size()
              + " failed rounds");

      assertThat(heal).isLessThanOrEqualTo(HEAL_WITHIN);
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.successesAfter(acceptedAt) >= 20);
      assertThat(loop.isAlive()).isTrue();
    }
  }

  @Test
  void kill9OfThePostmasterThenStartHealsThePool() throws Exception {
    try (TempPostgresCluster cluster = TempPostgresCluster.started();
        PooledDatabase database = new PooledDatabase(profile(cluster), Clock.systemUTC());
        QueryLoop loop = new QueryLoop("kill9-loop", database, "SELECT pg_sleep(0.005)")) {
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.successes() >= 20);

      cluster.kill9();
      long killedAt = System.nanoTime();
      // The loop notices: its rounds fail while the server is gone.
      await().atMost(Duration.ofSeconds(10)).until(() -> !loop.failures().isEmpty());
      assertThat(loop.firstSuccessAfter(killedAt)).isEmpty();

      cluster.start();
      long acceptedAt = System.nanoTime();
      await()
          .atMost(HEAL_WITHIN.plusSeconds(10))
          .pollInterval(Duration.ofMillis(10))
          .until(() -> loop.firstSuccessAfter(killedAt).isPresent());
      Duration heal = heal(loop, killedAt, acceptedAt);
      Measured.report(
          "kill -9 + start",
          "first pooled query "
              + heal.toMillis()
              + " ms after pg_ctl start returned; "
              + loop.failures().size()
              + " failed rounds");

      assertThat(heal).isLessThanOrEqualTo(HEAL_WITHIN);
      await().atMost(Duration.ofSeconds(10)).until(() -> loop.successesAfter(acceptedAt) >= 20);
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> database.stats().total() >= POOL.poolSize());
    }
  }

  private static ConnectionProfile profile(TempPostgresCluster cluster) {
    return cluster.profile("restart").withPool(POOL);
  }

  /** From the server accepting again to the first pooled query that succeeded after the outage. */
  private static Duration heal(QueryLoop loop, long outageAt, long acceptedAt) {
    long firstSuccess = loop.firstSuccessAfter(outageAt).orElseThrow();
    return Duration.ofNanos(Math.max(0, firstSuccess - acceptedAt));
  }
}
