package io.clipdeck.db.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.HealthMonitor;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.TempPostgresCluster;
import io.clipdeck.testing.TempPostgresCluster.StopMode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * "The app starts with every server down and stays responsive, showing 'unreachable' within 6 s":
 * profiles on closed ports and on a stopped PostgreSQL, with the desktop pool settings (5 s
 * pool_timeout).
 */
@Tag("reliability")
class AllServersDownTest {

  private static final Duration UNREACHABLE_WITHIN = Duration.ofSeconds(6);

  @Test
  void everyProfileIsReportedUnreachableWithin6sAndNothingBlocksOrThrows() throws Exception {
    try (TempPostgresCluster stopped = TempPostgresCluster.started()) {
      stopped.stop(StopMode.FAST);
      List<ConnectionProfile> profiles =
          List.of(
              ConnectionProfile.server(
                  "pg-closed", DatabaseKind.POSTGRESQL, "127.0.0.1", closedPort(), "app", "app"),
              ConnectionProfile.server(
                  "mysql-closed", DatabaseKind.MYSQL, "127.0.0.1", closedPort(), "app", "app"),
              stopped.profile("pg-stopped"));

      ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
      ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
      try (DatabaseRegistry registry = new DatabaseRegistry(Clock.systemUTC());
          HealthMonitor monitor =
              new HealthMonitor(registry, workers, scheduler, Duration.ofSeconds(30))) {
        Map<String, HealthReport> published = new ConcurrentHashMap<>();
        monitor.addListener(report -> published.put(report.profile(), report));

        // Opening the console: watching every profile must not wait on any server.
        long start = System.nanoTime();
        List<CompletableFuture<HealthReport>> checks = new ArrayList<>();
        for (ConnectionProfile profile : profiles) {
          checks.add(monitor.watch(profile));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));

        await()
            .atMost(UNREACHABLE_WITHIN)
            .pollInterval(Duration.ofMillis(50))
            .until(() -> published.size() == profiles.size());
        for (ConnectionProfile profile : profiles) {
          HealthReport report = published.get(profile.name());
          assertThat(report.health()).isEqualTo(HealthReport.Health.DOWN);
          assertThat(report.problem().orElseThrow())
              .startsWith(
                  "cannot reach "
                      + profile.name()
                      + " at 127.0.0.1:"
                      + profile.port()
                      + " within 5 s")
              .contains("is the server up");
          assertThat(report.latency()).isLessThan(UNREACHABLE_WITHIN);
          assertThat(monitor.latest(profile.name())).contains(report);
        }
        assertThat(checks).allMatch(CompletableFuture::isDone);
      } finally {
        scheduler.shutdownNow();
        workers.shutdownNow();
        assertThat(workers.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
      }
    }
  }

  @Test
  void checkHealthOnADownServerReturnsAReportAndNeverThrows() throws Exception {
    try (TempPostgresCluster stopped = TempPostgresCluster.started()) {
      stopped.stop(StopMode.IMMEDIATE);
      try (PooledDatabase database =
          new PooledDatabase(stopped.profile("pg-stopped"), Clock.systemUTC())) {
        for (int round = 0; round < 2; round++) {
          long start = System.nanoTime();
          HealthReport report = database.checkHealth();
          Duration took = Duration.ofNanos(System.nanoTime() - start);

          assertThat(took).isLessThan(UNREACHABLE_WITHIN);
          assertThat(report.isUp()).isFalse();
          assertThat(report.problem().orElseThrow()).startsWith("cannot reach pg-stopped at");
          assertThat(database.stats().total()).isZero();
        }
      }
    }
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return socket.getLocalPort();
    }
  }
}
