package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clipdeck.api.InMemoryQuotaLedger;
import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.data.DataException;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.failover.FailoverGroup;
import io.clipdeck.db.failover.FailoverPolicy;
import io.clipdeck.db.failover.WorkTarget;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.TempPostgresCluster;
import io.clipdeck.testing.TempPostgresCluster.StopMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's own work through a failover group while the primary is stopped and its streaming
 * replica promoted: a reader pages through the videos and a worker runs 1,000 enrichment tasks,
 * both on the group's data layer. Reads go on (retried once on the new member), the replica refuses
 * writes before they are sent, and after the promotion the worker finishes with nothing lost and
 * nothing doubled.
 */
@Tag("reliability")
class GroupFailoverWorkTest {

  private static final int VIDEOS = 500;
  private static final int TASKS = 2 * VIDEOS;
  private static final Set<Step> STEPS = EnumSet.of(Step.METADATA, Step.CLIPS);
  private static final int FAILURES = 2;
  private static final Duration INTERVAL = Duration.ofMillis(500);
  private static final Duration WAIT = Duration.ofSeconds(60);

  /** The bound for the first read on the new member: interval × threshold + 1 s. */
  private static final Duration FIRST_READ_WITHIN =
      INTERVAL.multipliedBy(FAILURES).plus(Duration.ofSeconds(1));

  private static final PoolSettings POOL =
      PoolSettings.DESKTOP.toBuilder()
          .poolSize(4)
          .maxOverflow(8)
          .poolTimeout(Duration.ofMillis(400))
          .build();

  @TempDir Path dir;

  @Test
  void pagesAndAThousandTasksRunThroughAStoppedPrimaryAndAPromotedReplica() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    try (TempPostgresCluster a = TempPostgresCluster.started();
        EnrichFixture fixture = EnrichFixture.on(a.profile("work-a"), dir);
        ProviderSimulator simulator =
            ProviderSimulator.start(
                SimulatorSettings.defaults().latency(Duration.ofMillis(5), Duration.ofMillis(25)));
        ProviderClients clients =
            DemoProviders.clients(
                simulator, EnrichFixture::quickClients, new InMemoryQuotaLedger())) {
      List<Long> ids = fixture.videos(VIDEOS, "group");
      new TaskQueue(fixture.data, EnrichFixture.FAST_QUEUE, Clock.systemUTC()).enqueue(ids, STEPS);
      try (TempPostgresCluster b = TempPostgresCluster.standbyOf(a);
          DatabaseRegistry registry = new DatabaseRegistry(Clock.systemUTC())) {
        b.start();
        try (FailoverGroup group =
            new FailoverGroup(
                "work",
                a.profile("work-a").withPool(POOL),
                List.of(b.profile("work-b").withPool(POOL)),
                FailoverPolicy.manual(FAILURES, INTERVAL),
                registry,
                Clock.systemUTC())) {
          group.start(scheduler, checks);
          DataLayer data =
              new DataLayer(
                  WorkTarget.of(group),
                  QueryExecutor.Settings.DEFAULTS,
                  Clock.systemUTC(),
                  DataLayer.DEFAULT_CACHE_TTL);
          await().atMost(WAIT).until(() -> roleOf(group, "work-b").equals("replica"));

          Reader reader = new Reader(data, b.port());
          CompletableFuture<Void> reading =
              CompletableFuture.runAsync(reader::run, Thread::startVirtualThread);
          Worker worker = new Worker(data, clients, fixture.settings(), Clock.systemUTC());
          CompletableFuture<Long> working =
              CompletableFuture.supplyAsync(() -> drain(worker), Thread::startVirtualThread);
          await().atMost(WAIT).until(() -> done(data) >= TASKS / 5);

          // The primary stops mid-run: reads move to the replica, which refuses every write.
          a.stop(StopMode.FAST);
          long stoppedAt = System.nanoTime();
          reader.stoppedAt.set(stoppedAt);
          await().atMost(WAIT).until(() -> reader.firstOnReplica.get() != 0);
          Duration firstRead = Duration.ofNanos(reader.firstOnReplica.get() - stoppedAt);
          Measured.report(
              "group: first read on the new member",
              firstRead.toMillis()
                  + " ms after the primary stopped (bound "
                  + FIRST_READ_WITHIN.toMillis()
                  + " ms)");
          assertThat(firstRead).isLessThanOrEqualTo(FIRST_READ_WITHIN);
          assertThat(group.status().serving()).isEqualTo("work-b");
          assertThatThrownBy(
                  () ->
                      data.executor()
                          .update(
                              "UPDATE videos SET title = 'replica' WHERE id = ?",
                              List.of(ids.getFirst()),
                              Set.of("videos")))
              .isInstanceOf(DataException.PermissionDenied.class)
              .hasMessageContaining("serves from work-b, a replica")
              .hasMessageContaining("the write was not sent");

          // The DBA promotes the replica: the worker carries on there.
          long doneBefore = done(data);
          b.promote();
          long promotedAt = System.nanoTime();
          await().atMost(WAIT).until(() -> done(data) > doneBefore);
          Measured.report(
              "group: first task committed on the promoted member",
              millisSince(promotedAt) + " ms after pg_ctl promote returned");

          long committed = working.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
          reader.stop.set(true);
          reading.get(WAIT.toSeconds(), TimeUnit.SECONDS);

          // A commit that landed as its connection was lost is counted in the database, not here.
          assertThat(committed).as("tasks this worker committed").isPositive();
          assertThat(reader.failed.get()).as("reads that failed after their retry").isZero();
          assertThat(reader.pages.get()).as("pages read").isPositive();
          assertThat(count(data, "SELECT COUNT(*) FROM enrichment_task WHERE state = 'done'"))
              .as("0 lost")
              .isEqualTo(TASKS);
          assertThat(
                  count(data, "SELECT COUNT(*) FROM enrichment_task WHERE lease_until IS NOT NULL"))
              .isZero();
          assertThat(count(data, "SELECT COUNT(*) FROM videos WHERE status = 'completed'"))
              .isEqualTo(VIDEOS);
          assertThat(count(data, "SELECT COUNT(*) FROM clips"))
              .as("0 doubled: two clips a video")
              .isEqualTo(2L * VIDEOS);
          assertThat(count(data, "SELECT COUNT(*) FROM model_usage")).isEqualTo(2L * VIDEOS);
          assertThat(count(data, "SELECT COUNT(DISTINCT request_id) FROM model_usage"))
              .isEqualTo(2L * VIDEOS);
        }
      }
    } finally {
      scheduler.shutdownNow();
      checks.shutdownNow();
      assertThat(checks.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  /** Pages through the videos by id, over and over, noting which server answered each page. */
  private static final class Reader {
    final DataLayer data;
    final int replicaPort;
    final AtomicBoolean stop = new AtomicBoolean();
    final AtomicLong stoppedAt = new AtomicLong();
    final AtomicLong firstOnReplica = new AtomicLong();
    final AtomicInteger pages = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();

    Reader(DataLayer data, int replicaPort) {
      this.data = data;
      this.replicaPort = replicaPort;
    }

    void run() {
      long after = 0;
      while (!stop.get()) {
        try {
          List<long[]> page =
              data.executor()
                  .query(
                      "SELECT id, inet_server_port() FROM videos WHERE id > ? ORDER BY id LIMIT 50",
                      List.of(after),
                      row -> new long[] {row.getLong(1), row.getLong(2)});
          pages.incrementAndGet();
          after = page.isEmpty() ? 0 : page.getLast()[0];
          if (!page.isEmpty()
              && page.getFirst()[1] == replicaPort
              && stoppedAt.get() != 0
              && firstOnReplica.get() == 0) {
            firstOnReplica.set(System.nanoTime());
          }
        } catch (DataException e) {
          failed.incrementAndGet();
        }
      }
    }
  }

  private static long done(DataLayer data) {
    return count(data, "SELECT COUNT(*) FROM enrichment_task WHERE state = 'done'");
  }

  private static long count(DataLayer data, String sql) {
    return data.executor().query(sql, List.of(), row -> row.getLong(1)).getFirst();
  }

  private static String roleOf(FailoverGroup group, String member) {
    return group.status().member(member).lastHealth().role().orElse("unknown");
  }

  private static long drain(Worker worker) {
    try {
      return worker.run(STEPS, true, Duration.ofMinutes(5), line -> {});
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static long millisSince(long nanos) {
    return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
  }
}
