package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.Provider;
import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker process is killed with SIGKILL ({@code destroyForcibly}) after a random number of
 * commits, with more claims, calls and commits in flight, and started again each time; a last run
 * drains the queue. Every task ends done once, nothing is left running, and no clip or usage row is
 * doubled, though calls were repeated.
 *
 * <p>The default run kills a worker 10 times over 200 tasks; the reliability suite ({@code
 * -Preliability}, which sets {@code clipdeck.test.reliability}) kills it 20 times ({@code
 * clipdeck.test.killRounds}) over 2,000 tasks.
 */
@Tag("reliability")
class WorkerCrashTest {

  private static final boolean FULL = Boolean.getBoolean("clipdeck.test.reliability");

  /** Each video gets two tasks (metadata and clips). */
  private static final int VIDEOS = FULL ? 1000 : 100;

  private static final int TASKS = 2 * VIDEOS;
  private static final int KILLS = FULL ? Integer.getInteger("clipdeck.test.killRounds", 20) : 10;
  private static final long LEASE_MILLIS = 1000;

  /**
   * The last worker's bound for what the kills left: generous (the machine is shared), and scaled
   * with the tasks so the full run is not failed by a slow drain rather than by a lost task.
   */
  private static final Duration DRAIN_WITHIN = Duration.ofSeconds(Math.max(90, TASKS / 8));

  /** A worker's JVM start plus its first commits, on a loaded machine. */
  private static final Duration WORKER_PROGRESS_WITHIN = Duration.ofSeconds(60);

  @TempDir Path dir;

  @Test
  void killedRepeatedlyEveryTaskEndsDoneOnceWithNoDoubledRows() throws Exception {
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
      int killedMidWork = 0;
      long started = System.nanoTime();
      for (int kill = 0; kill < KILLS; kill++) {
        long doneAtStart = done(fixture);
        Process worker = start(fixture, simulator, kill);
        // Killed once it has committed a few more tasks (how many is random), not at a time after
        // its start: a JVM's start on a loaded machine can take longer than any fixed wait, and
        // then every kill would land before the first claim. The rest of its claims, calls and
        // commits are in flight when SIGKILL comes.
        awaitCommits(
            fixture, worker, doneAtStart + commitsBeforeKill(random, doneAtStart, kill), kill);
        worker.destroyForcibly();
        assertThat(worker.waitFor(10, TimeUnit.SECONDS)).as("killed worker exits").isTrue();
        exits.add(worker.exitValue());
        if (done(fixture) < TASKS) {
          killedMidWork++;
        }
      }
      long doneBeforeDrain = done(fixture);
      Process last = start(fixture, simulator, KILLS);
      boolean drained = last.waitFor(DRAIN_WITHIN.toSeconds(), TimeUnit.SECONDS);
      if (!drained) {
        last.destroyForcibly();
        last.waitFor(10, TimeUnit.SECONDS);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - started);

      long killed = exits.stream().filter(exit -> exit == 137).count();
      long tasks = fixture.count("SELECT COUNT(*) FROM enrichment_task");
      long done = fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state = 'done'");
      long stuck =
          fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE lease_until IS NOT NULL");
      // Lost: a task not done, or a video whose clips never landed. Doubled, counted where no
      // constraint stops it: a video with more than its two clips, or with more than one usage row
      // per step (a call made again after a kill has a new request id, so model_usage's UNIQUE
      // (provider, request_id) would not stop a second commit of the same step).
      long notDone = TASKS - done;
      long videosWithoutClips =
          fixture.count(
              "SELECT COUNT(*) FROM videos v WHERE v.video_id LIKE 'crash%' AND NOT EXISTS"
                  + " (SELECT 1 FROM clips c WHERE c.video_id = v.id)");
      long lost = Math.max(notDone, videosWithoutClips);
      long clips = fixture.count("SELECT COUNT(*) FROM clips");
      long usage = fixture.count("SELECT COUNT(*) FROM model_usage");
      long extraUsage =
          fixture.count(
              "SELECT COALESCE(SUM(n - 2), 0) FROM (SELECT COUNT(*) AS n FROM model_usage GROUP BY"
                  + " video_id HAVING COUNT(*) > 2) doubled");
      long extraClips =
          fixture.count(
              "SELECT COALESCE(SUM(n - 2), 0) FROM (SELECT COUNT(*) AS n FROM clips GROUP BY"
                  + " video_id HAVING COUNT(*) > 2) doubled");
      long doubled = extraClips + extraUsage;
      long calls = simulator.journal().count(Provider.OPENAI);
      Measured.report(
          "worker kill -9 (enrichment)",
          tasks
              + " tasks, "
              + killed
              + " kills of "
              + KILLS
              + " runs, "
              + killedMidWork
              + " with tasks still open ("
              + doneBeforeDrain
              + " done before the last worker), lost "
              + lost
              + ", doubled "
              + doubled
              + ", stuck "
              + stuck
              + "; "
              + calls
              + " OpenAI calls for "
              + 2L * VIDEOS
              + " stored (calls cut off by a kill are made again); "
              + took.toSeconds()
              + " s in all");

      assertThat(drained).as("the last worker drains the queue within " + DRAIN_WITHIN).isTrue();
      assertThat(last.exitValue()).isZero();
      assertThat(exits).as("kill -9 ends a JVM with 137").containsOnly(137);
      assertThat(killedMidWork).as("every kill left tasks open").isEqualTo(KILLS);
      assertThat(tasks).isEqualTo(TASKS);
      assertThat(lost).as("lost").isZero();
      assertThat(doubled).as("doubled").isZero();
      assertThat(stuck).as("no task stuck with a lease").isZero();
      assertThat(fixture.count("SELECT COUNT(*) FROM videos WHERE status = 'completed'"))
          .isEqualTo(VIDEOS);
      assertThat(clips).isEqualTo(2L * VIDEOS);
      assertThat(usage).isEqualTo(2L * VIDEOS);
      assertThat(calls)
          .as("calls cut off by a kill were made again")
          .isGreaterThanOrEqualTo(2L * VIDEOS);
    }
  }

  /**
   * How many more commits this run makes before its kill: at most a quarter of what is left per
   * remaining kill, so every kill lands with tasks open. The worker commits what it has in flight
   * between the poll that sees the target and the kill (a few tasks a round). Drawn from the total
   * instead, a budget once set the target past the last task (seen in CI).
   */
  private static int commitsBeforeKill(Random random, long doneAtStart, int kill) {
    long left = TASKS - doneAtStart;
    int killsLeft = KILLS - kill;
    return 1 + random.nextInt((int) Math.max(1, left / (4L * killsLeft)));
  }

  private static long done(EnrichFixture fixture) throws java.sql.SQLException {
    return fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state = 'done'");
  }

  /** Waits (bounded) until {@code target} tasks are done, polling the queue every 10 ms. */
  private void awaitCommits(EnrichFixture fixture, Process worker, long target, int run)
      throws Exception {
    long deadline = System.nanoTime() + WORKER_PROGRESS_WITHIN.toNanos();
    while (done(fixture) < target) {
      if (!worker.isAlive()) {
        throw new AssertionError(
            "worker " + run + " exited (" + worker.exitValue() + ") before " + target + " done");
      }
      if (System.nanoTime() - deadline > 0) {
        worker.destroyForcibly();
        throw new AssertionError(
            "worker "
                + run
                + " did not reach "
                + target
                + " done tasks within "
                + WORKER_PROGRESS_WITHIN
                + "; see "
                + dir.resolve("worker-" + run + ".log"));
      }
      Thread.sleep(10); // polling the database: there is nothing to wait on
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
