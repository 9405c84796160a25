package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.Provider;
import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker process is killed with SIGKILL ({@code destroyForcibly}) at random points, ten times,
 * and started again each time; a last run drains the queue. Every task ends done once, nothing is
 * left running, and no clip or usage row is doubled, though calls were repeated.
 */
class WorkerCrashTest {

  private static final int VIDEOS = 60;
  private static final int KILLS = 10;
  private static final long LEASE_MILLIS = 1000;

  @TempDir Path dir;

  @Test
  void killedTenTimesEveryTaskEndsDoneOnceWithNoDoubledRows() throws Exception {
    Random random = new Random();
    try (EnrichFixture fixture = EnrichFixture.open(DatabaseKind.POSTGRESQL, dir);
        ProviderSimulator simulator =
            ProviderSimulator.start(
                SimulatorSettings.defaults()
                    .latency(Duration.ofMillis(5), Duration.ofMillis(40)))) {
      List<Long> videos = fixture.videos(VIDEOS, "crash");
      new TaskQueue(fixture.data, EnrichFixture.FAST_QUEUE, Clock.systemUTC())
          .enqueue(videos, EnumSet.of(Step.METADATA, Step.CLIPS));
      List<Integer> exits = new ArrayList<>();
      for (int kill = 0; kill < KILLS; kill++) {
        Process worker = start(fixture, simulator, kill);
        // Past the JVM's start, so most kills land among claims, calls and commits.
        boolean ended = worker.waitFor(800 + random.nextInt(2200), TimeUnit.MILLISECONDS);
        if (!ended) {
          worker.destroyForcibly();
          worker.waitFor(10, TimeUnit.SECONDS);
        }
        exits.add(worker.exitValue());
      }
      Process last = start(fixture, simulator, KILLS);
      assertThat(last.waitFor(90, TimeUnit.SECONDS))
          .as("the last worker drains the queue")
          .isTrue();
      assertThat(last.exitValue()).isZero();

      assertThat(exits).as("kill -9 ends a JVM with 137").contains(137);
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state <> 'done'"))
          .isZero();
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task")).isEqualTo(2L * VIDEOS);
      assertThat(
              fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE lease_until IS NOT NULL"))
          .as("no task stuck with a lease")
          .isZero();
      assertThat(fixture.count("SELECT COUNT(*) FROM videos WHERE status = 'completed'"))
          .isEqualTo(VIDEOS);
      assertThat(fixture.count("SELECT COUNT(*) FROM clips")).isEqualTo(2L * VIDEOS);
      assertThat(fixture.count("SELECT COUNT(*) FROM model_usage")).isEqualTo(2L * VIDEOS);
      assertThat(fixture.count("SELECT COUNT(DISTINCT request_id) FROM model_usage"))
          .isEqualTo(2L * VIDEOS);
      assertThat(
              fixture.count(
                  "SELECT COUNT(*) FROM (SELECT video_id FROM clips GROUP BY video_id HAVING"
                      + " COUNT(*) <> 2) doubled"))
          .isZero();
      assertThat(simulator.journal().count(Provider.OPENAI))
          .as("calls cut off by a kill were made again")
          .isGreaterThanOrEqualTo(2L * VIDEOS);
    }
  }

  private Process start(EnrichFixture fixture, ProviderSimulator simulator, int run)
      throws java.io.IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            CrashWorkerMain.class.getName(),
            TestDatabases.PG_HOST,
            String.valueOf(TestDatabases.PG_PORT),
            fixture.profile.database(),
            TestDatabases.PG_USER,
            String.valueOf(simulator.port()),
            String.valueOf(LEASE_MILLIS),
            dir.resolve("media").toString());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("worker-" + run + ".log").toFile())
        .start();
  }
}
