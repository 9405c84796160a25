package io.clipdeck.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.NetworkNamespace;
import io.clipdeck.testing.TempMariaDbServer;
import io.clipdeck.testing.TempPostgresCluster;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A real network partition, on PostgreSQL and on MariaDB: the server runs in a network namespace
 * whose link the test takes down, so packets vanish with no reset. Borrowers fail within the pool's
 * and the socket's timeouts (no hang), and the pool serves again soon after the link is back.
 */
@Tag("reliability")
class NetworkPartitionTest {

  private static final Duration POOL_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration PARTITION = Duration.ofSeconds(8);

  @Test
  void aPostgresPartitionFailsQueriesWithinTheirTimeoutsAndThePoolHealsAfterIt() throws Exception {
    try (NetworkNamespace namespace = NetworkNamespace.create();
        TempPostgresCluster cluster = TempPostgresCluster.createIn(namespace)) {
      cluster.start();
      partitionAndHeal(
          namespace,
          cluster.profile("partition"),
          Map.of("socketTimeout", Long.toString(SOCKET_TIMEOUT.toSeconds()), "connectTimeout", "2"),
          "network partition");
    }
  }

  @Test
  void aMariadbPartitionFailsQueriesWithinTheirTimeoutsAndThePoolHealsAfterIt() throws Exception {
    try (NetworkNamespace namespace = NetworkNamespace.create();
        TempMariaDbServer server = TempMariaDbServer.createIn(namespace)) {
      server.start();
      // Connector/J counts its timeouts in milliseconds.
      partitionAndHeal(
          namespace,
          server.profile("partition"),
          Map.of(
              "socketTimeout", Long.toString(SOCKET_TIMEOUT.toMillis()), "connectTimeout", "2000"),
          "MariaDB network partition");
    }
  }

  private static void partitionAndHeal(
      NetworkNamespace namespace,
      ConnectionProfile server,
      Map<String, String> timeouts,
      String what)
      throws Exception {
    ConnectionProfile profile =
        server.withPool(
            PoolSettings.DESKTOP.toBuilder()
                .poolSize(2)
                .maxOverflow(1)
                .poolTimeout(POOL_TIMEOUT)
                .connectArgs(timeouts)
                .applicationName("clipdeck-partition-test")
                .build());
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC());
        QueryLoop loop = new QueryLoop("partition-loop", database, "SELECT 1")) {
      await()
          .atMost(Duration.ofSeconds(10))
          .failFast("the loop cannot reach the server", () -> loop.failures().size() > 3)
          .until(() -> loop.successes() >= 20);

      namespace.partition();
      long cutAt = System.nanoTime();
      Thread.sleep(PARTITION);
      long successesDuring = loop.successesAfter(cutAt + Duration.ofMillis(200).toNanos());
      namespace.heal();
      long healedAt = System.nanoTime();

      await()
          .atMost(Duration.ofSeconds(20))
          .pollInterval(Duration.ofMillis(20))
          .until(() -> loop.firstSuccessAfter(healedAt).isPresent());
      Duration heal = Duration.ofNanos(loop.firstSuccessAfter(healedAt).get() - healedAt);
      // The loop runs one query at a time, so a hang would show as fewer failures than the
      // partition's length allows with these timeouts.
      List<QueryLoop.Failure> failedRounds = loop.failuresAfter(cutAt);
      long failuresDuring = failedRounds.size();
      Duration longestRound =
          failedRounds.stream()
              .map(QueryLoop.Failure::took)
              .max(Duration::compareTo)
              .orElse(Duration.ZERO);
      Measured.report(
          what,
          PARTITION.toSeconds()
              + " s cut: "
              + failuresDuring
              + " failed rounds, "
              + successesDuring
              + " successes during it, the longest failed round "
              + longestRound.toMillis()
              + " ms; first query "
              + heal.toMillis()
              + " ms after the link came back");

      assertThat(successesDuring).isZero();
      assertThat(failuresDuring).isGreaterThanOrEqualTo(1);
      // Never hangs: each failed round ended within the pool's wait plus one socket timeout.
      Duration roundBound = POOL_TIMEOUT.plus(SOCKET_TIMEOUT).plusSeconds(2);
      assertThat(failedRounds)
          .allSatisfy(
              round ->
                  assertThat(round.took())
                      .as("a failed round (%s)", round.message())
                      .isLessThanOrEqualTo(roundBound));
      // No round waited longer than the pool's wait plus one socket timeout (and some slack).
      assertThat(heal).isLessThan(SOCKET_TIMEOUT.plus(POOL_TIMEOUT).plusSeconds(5));
    }
  }
}
