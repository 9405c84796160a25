package io.clipdeck.bench;

import io.clipdeck.api.Provider;
import io.clipdeck.api.QuotaWindow;
import io.clipdeck.api.simulator.JournalEntry;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.enrich.DemoProviders;
import io.clipdeck.enrich.EnrichmentService;
import io.clipdeck.enrich.EnrichmentSettings;
import io.clipdeck.enrich.RunSummary;
import io.clipdeck.enrich.Step;
import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.ScratchDatabases;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The enrichment runner against a rate limit: {@code videos} videos through metadata and clips on a
 * SQLite profile, every provider limited to {@code limit} requests a second (the client's limit,
 * and the simulator's own at 60 times that a minute). The figure that matters is printed and
 * written to {@code enrichment.md}: the OpenAI requests per second over the run as a ratio to the
 * limit (goal at least 0.95), and the peak heap. One shot: the run is the measurement.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(
    value = 1,
    jvmArgs = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow",
      "-Xmx512m"
    })
@Warmup(iterations = 0)
@Measurement(iterations = 1)
public class EnrichmentThroughputBenchmark {

  @State(Scope.Benchmark)
  public static class Batch {
    @Param({"10000"})
    int videos;

    @Param({"50"})
    int limit;

    Path directory;
    PooledDatabase database;
    DataLayer data;
    DemoProviders providers;
    List<Long> videoIds;

    @Setup(Level.Trial)
    public void create() throws IOException {
      Path parent =
          Path.of(
              System.getProperty(
                  PoolBorrowBenchmark.DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir")));
      Files.createDirectories(parent);
      directory = Files.createTempDirectory(parent, "clipdeck-enrich-bench-");
      ConnectionProfile profile = ConnectionProfile.sqlite("bench", directory.resolve("bench.db"));
      database = new PooledDatabase(profile, Clock.systemUTC());
      new MigrationService(
              database,
              MigrationLocations.of(profile, directory.resolve("migrations")),
              new ScratchDatabases(p -> new PooledDatabase(p, Clock.systemUTC())),
              Clock.systemUTC())
          .migrate(Optional.empty(), step -> {});
      data = new DataLayer(database, Clock.systemUTC());
      long user = data.users().create(User.of("bench", "bench@example.com")).id();
      List<Video> rows = new ArrayList<>();
      for (int i = 0; i < videos; i++) {
        rows.add(Video.of("bench" + i, user, "https://youtu.be/bench" + i, null));
      }
      videoIds = data.videos().bulkCreate(rows);
      SimulatorSettings simulator =
          SimulatorSettings.demo()
              .limitPerMinute(Provider.YOUTUBE, limit * 60)
              .limitPerMinute(Provider.OPENAI, limit * 60);
      providers =
          DemoProviders.start(
              simulator, builder -> builder.limit(new QuotaWindow(Duration.ofSeconds(1), limit)));
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        pool.resetPeakUsage();
      }
    }

    @org.openjdk.jmh.annotations.TearDown(Level.Trial)
    public void delete() throws IOException {
      providers.close();
      database.close();
      try (var files = Files.walk(directory)) {
        for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  @Benchmark
  public RunSummary metadataAndClips(Batch batch) throws Exception {
    EnrichmentSettings settings =
        EnrichmentSettings.defaults(batch.directory.resolve("media"))
            .withConcurrency(Provider.OPENAI, 32)
            .withIdlePoll(Duration.ofMillis(50));
    try (EnrichmentService service =
        new EnrichmentService(
            batch.data,
            batch.providers::clients,
            settings,
            Clock.systemUTC(),
            Duration.ofSeconds(1))) {
      RunSummary summary =
          service
              .start(batch.videoIds, EnumSet.of(Step.METADATA, Step.CLIPS))
              .summary()
              .get(6, TimeUnit.HOURS);
      report(batch, summary);
      return summary;
    }
  }

  private static void report(Batch batch, RunSummary summary) throws IOException {
    List<JournalEntry> chats = batch.providers.simulator().journal().of(Provider.OPENAI);
    // The limit is a fixed one-second window: count the windows the calls fell in.
    long windows =
        chats.getLast().at().getEpochSecond() - chats.getFirst().at().getEpochSecond() + 1;
    double ratio = (double) chats.size() / (windows * batch.limit);
    double overall = chats.size() / (summary.duration().toMillis() / 1000.0) / batch.limit;
    long peakHeap = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peakHeap += pool.getPeakUsage().getUsed();
      }
    }
    String text =
        String.format(
            Locale.ROOT,
            "Enrichment: %d videos, metadata + clips, limit L = %d requests/s per provider%n"
                + "- OpenAI: %d requests in %d one-second windows = %.3f x L (goal >= 0.95)%n"
                + "- whole run: %s in %s = %.3f x L, start and the metadata ahead of the"
                + " first chat included%n"
                + "- peak heap: %.1f MB (-Xmx512m)%n",
            batch.videos,
            batch.limit,
            chats.size(),
            windows,
            ratio,
            summary.describe(),
            summary.duration(),
            overall,
            peakHeap / 1048576.0);
    System.out.print(text);
    Path output =
        Path.of(System.getProperty(PoolBorrowBenchmark.DIRECTORY_PROPERTY, "."))
            .resolve("enrichment.md");
    Files.writeString(output, text);
  }
}
