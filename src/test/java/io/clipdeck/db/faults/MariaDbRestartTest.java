package io.clipdeck.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.TempMariaDbServer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A private MariaDB server ({@link TempMariaDbServer}, never the shared one on 3306) is restarted
 * cleanly, or killed with SIGKILL and started again, under a pooled query loop: every failed round
 * ends within the pool's and the statement's timeouts (no borrower hangs), and the pool serves
 * again soon after the server accepts connections (the goal is 5 s; see {@link #HEAL_WITHIN}). One
 * round of each in the default run, five in the reliability suite.
 */
@Tag("reliability")
class MariaDbRestartTest {

  private static final int ROUNDS = Boolean.getBoolean("clipdeck.test.reliability") ? 5 : 1;

  /** The goal: the first pooled query within 5 s of the server accepting again (reported). */
  private static final Duration HEAL_GOAL = Duration.ofSeconds(5);

  /**
   * What the test asserts: the goal plus HikariCP 7.1.0's connection-creator backoff. While the
   * server is down, the pool's creator retries after 10 ms, doubling up to 5 s, and a borrower does
   * not wake it: after an outage longer than about 5 s (a crash, or a start on a loaded machine),
   * its next try can come up to 5 s after the server is back. The figures are reported against the
   * goal in docs/reliability.md.
   */
  private static final Duration HEAL_WITHIN = HEAL_GOAL.plusSeconds(5);

  private static final PoolSettings POOL =
      PoolSettings.DESKTOP.toBuilder()
          .poolSize(2)
          .maxOverflow(1)
          .poolRecycle(Duration.ofMinutes(5))
          .applicationName("clipdeck-restart-test")
          .build();

  /**
   * The longest a failed round may take: a borrow waits at most the pool timeout, and the statement
   * on a connection it got at most {@link QueryLoop}'s 10 s query timeout.
   */
  private static final Duration FAIL_WITHIN = POOL.poolTimeout().plusSeconds(10);

  private static final String QUERY = "SELECT SLEEP(0.005)";

  @Test
  void aCleanRestartDuringAQueryLoopHealsWithin5sOfTheServerAcceptingAgain() {
    try (TempMariaDbServer server = TempMariaDbServer.started();
        PooledDatabase database = new PooledDatabase(profile(server), Clock.systemUTC());
        QueryLoop loop = new QueryLoop("mariadb-restart-loop", database, QUERY)) {
      List<Long> heals = new ArrayList<>();
      long since = System.nanoTime();
      for (int round = 0; round < ROUNDS; round++) {
        long roundStart = since;
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.successesAfter(roundStart) >= 20);
        try (AcceptWatcher watcher = new AcceptWatcher(server::acceptsConnections)) {
          watcher.arm();

          server.restart(); // mariadb-admin shutdown, then mariadbd on the same data and port

          await().atMost(Duration.ofSeconds(10)).until(watcher::sawComeback);
          Duration heal = awaitHeal(loop, watcher.refusedAt(), watcher.acceptedAgainAt());
          heals.add(heal.toMillis());
          assertThat(heal).as("round %d heal", round).isLessThanOrEqualTo(HEAL_WITHIN);
          since = watcher.acceptedAgainAt();
        }
      }
      report("restart (mariadb-admin shutdown, start)", heals, loop);
      assertHealed(loop, database, since);
    }
  }

  @Test
  void kill9OfMariadbdThenStartHealsThePool() {
    try (TempMariaDbServer server = TempMariaDbServer.started();
        PooledDatabase database = new PooledDatabase(profile(server), Clock.systemUTC());
        QueryLoop loop = new QueryLoop("mariadb-kill9-loop", database, QUERY)) {
      List<Long> heals = new ArrayList<>();
      List<Long> downWaits = new ArrayList<>();
      long since = System.nanoTime();
      for (int round = 0; round < ROUNDS; round++) {
        long roundStart = since;
        await().atMost(Duration.ofSeconds(10)).until(() -> loop.successesAfter(roundStart) >= 20);
        int failuresBefore = loop.failures().size();

        server.kill9();
        long killedAt = System.nanoTime();
        // The server stays down until the loop has failed twice: the query in flight at the kill,
        // then a borrow that waited for a connection to the dead server and gave up at the pool
        // timeout; none succeeds meanwhile.
        await()
            .atMost(FAIL_WITHIN.multipliedBy(2))
            .until(() -> loop.failures().size() >= failuresBefore + 2);
        assertThat(loop.firstSuccessAfter(killedAt)).isEmpty();
        downWaits.add(loop.failures().get(failuresBefore + 1).took().toMillis());

        server.start(); // crash recovery, then accepting on the same port
        long acceptedAt = System.nanoTime();
        Duration heal = awaitHeal(loop, killedAt, acceptedAt);
        heals.add(heal.toMillis());
        assertThat(heal).as("round %d heal", round).isLessThanOrEqualTo(HEAL_WITHIN);
        since = acceptedAt;
      }
      report("kill -9 mariadbd, start", heals, loop);
      Measured.report(
          "MariaDB kill -9 mariadbd, start",
          "a borrow while the server was down failed after "
              + downWaits
              + " ms (pool timeout "
              + POOL.poolTimeout().toMillis()
              + " ms)");
      assertHealed(loop, database, since);
    }
  }

  private static ConnectionProfile profile(TempMariaDbServer server) {
    return server.profile("mariadb-restart").withPool(POOL);
  }

  /** From the server accepting again to the first pooled query that succeeded after the outage. */
  private static Duration awaitHeal(QueryLoop loop, long outageAt, long acceptedAt) {
    await()
        .atMost(HEAL_WITHIN.plusSeconds(10))
        .pollInterval(Duration.ofMillis(10))
        .until(() -> loop.firstSuccessAfter(outageAt).isPresent());
    long firstSuccess = loop.firstSuccessAfter(outageAt).orElseThrow();
    return Duration.ofNanos(Math.max(0, firstSuccess - acceptedAt));
  }

  private static void assertHealed(QueryLoop loop, PooledDatabase database, long since) {
    await().atMost(Duration.ofSeconds(10)).until(() -> loop.successesAfter(since) >= 20);
    await().atMost(Duration.ofSeconds(10)).until(() -> database.stats().total() >= POOL.poolSize());
    assertThat(loop.isAlive()).isTrue();
    assertThat(loop.longestFailure())
        .as("every failed round ended within the pool and statement timeouts")
        .isLessThanOrEqualTo(FAIL_WITHIN);
  }

  private static void report(String fault, List<Long> heals, QueryLoop loop) {
    Measured.report(
        "MariaDB " + fault,
        ROUNDS
            + " rounds; first pooled query "
            + heals
            + " ms after the server accepted again (max "
            + heals.stream().mapToLong(Long::longValue).max().orElse(0)
            + " ms, goal "
            + HEAL_GOAL.toMillis()
            + " ms); "
            + loop.failures().size()
            + " failed rounds, the longest "
            + loop.longestFailure().toMillis()
            + " ms");
  }
}
