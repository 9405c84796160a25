package io.clipdeck.soak;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.config.DashboardSettings;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.logging.LogBuffer;
import io.clipdeck.testing.Measured;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import io.clipdeck.ui.dashboard.DashboardViewModel;
import io.clipdeck.ui.fx.AnsweringDialogs;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's dashboard left running: five open profiles (two SQLite files, two PostgreSQL
 * databases, one MariaDB database) refreshed every second under a light query load, for {@code
 * clipdeck.soak.minutes} (30 in the soak run). Heap after GC and the thread count must stay flat,
 * and no pool reports a leaked connection.
 *
 * <p>The dashboard's view model runs without a toolkit here; its FX-thread work goes to one thread
 * of its own, in order, as the FX thread would run it.
 */
@Tag("soak")
class DashboardSoakTest {

  private static final Duration RUN = Duration.ofMinutes(Long.getLong("clipdeck.soak.minutes", 30));
  private static final Duration SAMPLE_EVERY = Duration.ofSeconds(30);
  private static final Duration WARM_UP = Duration.ofMinutes(1);

  @TempDir Path root;

  @Test
  void fiveProfilesAtOneSecondRefreshStayFlat() throws Exception {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (ScratchDatabase pgA = TestDatabases.postgres();
        ScratchDatabase pgB = TestDatabases.postgres();
        ScratchDatabase maria = TestDatabases.mariadb();
        AppContext context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
        LogBuffer log = new LogBuffer(10_000).attach();
        ExecutorService fxThread = Executors.newSingleThreadExecutor()) {
      List<ConnectionProfile> profiles = new ArrayList<>();
      profiles.add(context.profiles().active());
      profiles.add(ConnectionProfile.sqlite("Second SQLite", root.resolve("second.db")));
      profiles.add(pgA.profile());
      profiles.add(pgB.profile());
      profiles.add(maria.profile());
      profiles.forEach(profile -> context.profiles().put(profile));
      List<PooledDatabase> open = profiles.stream().map(context.databases()::open).toList();

      DashboardViewModel dashboard =
          new DashboardViewModel(
              context.dashboard(),
              context.jobs(),
              new AnsweringDialogs(),
              context.clock(),
              context.scheduler(),
              context.workers(),
              fxThread,
              () -> DashboardSettings.DEFAULTS.withRefreshInterval(Duration.ofSeconds(1)));
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicLong queries = new AtomicLong();
      List<Thread> load = open.stream().map(db -> lightLoad(db, running, queries)).toList();
      dashboard.start();

      List<long[]> samples = new ArrayList<>(); // {elapsed s, heap bytes, threads}
      long started = System.nanoTime();
      long end = started + RUN.toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(SAMPLE_EVERY);
        System.gc();
        long elapsed = Duration.ofNanos(System.nanoTime() - started).toSeconds();
        samples.add(
            new long[] {elapsed, memory.getHeapMemoryUsage().getUsed(), threads.getThreadCount()});
      }
      dashboard.stop();
      running.set(false);
      for (Thread thread : load) {
        thread.join(Duration.ofSeconds(10));
      }

      long[] first =
          samples.stream()
              .filter(s -> s[0] >= WARM_UP.toSeconds())
              .findFirst()
              .orElse(samples.getFirst());
      long[] last = samples.getLast();
      long peakHeap = samples.stream().mapToLong(s -> s[1]).max().orElse(0);
      long peakThreads = samples.stream().mapToLong(s -> s[2]).max().orElse(0);
      List<String> leaks =
          log.snapshot().stream()
              .map(LogBuffer.Entry::message)
              .filter(message -> message.toLowerCase(Locale.ROOT).contains("leak"))
              .toList();
      Measured.report(
          "soak",
          String.format(
              Locale.ROOT,
              "%d min, 5 profiles, 1 s refresh, %d load queries: heap after GC %.1f MB after"
                  + " warm-up, %.1f MB at the end (peak %.1f MB); threads %d → %d (peak %d); %d"
                  + " leak warnings",
              RUN.toMinutes(),
              queries.get(),
              mb(first[1]),
              mb(last[1]),
              mb(peakHeap),
              first[2],
              last[2],
              peakThreads,
              leaks.size()));

      assertThat(dashboard.cards()).isNotEmpty();
      assertThat(leaks).isEmpty();
      // Flat: the end is within 20 MB of the start after warm-up (samples after GC wobble by a
      // few MB), and no thread was added that stayed.
      assertThat(last[1]).isLessThan(first[1] + 20L * 1024 * 1024);
      assertThat(last[2]).isLessThanOrEqualTo(first[2] + 4);
      assertThat(Optional.ofNullable(context.profiles().active())).isPresent();
    }
  }

  /** One query every 50 ms on the profile's pool: the "light load" a console sees. */
  private static Thread lightLoad(PooledDatabase database, AtomicBoolean running, AtomicLong n) {
    return Thread.ofVirtual()
        .name("soak-load-" + database.profile().name())
        .start(
            () -> {
              while (running.get()) {
                try (Connection connection = database.connection();
                    Statement statement = connection.createStatement()) {
                  statement.execute("SELECT 1");
                  n.incrementAndGet();
                } catch (SQLException e) {
                  // Counted by the pool's own metrics; the soak looks at resources, not errors.
                }
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
