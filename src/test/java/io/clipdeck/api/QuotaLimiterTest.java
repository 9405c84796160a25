package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.simulator.JournalEntry;
import io.clipdeck.api.youtube.YouTubeClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** Per-minute and per-hour limits hold under concurrency, checked in the server's journal. */
class QuotaLimiterTest {

  private static final int PER_MINUTE = 20;
  private static final int PER_HOUR = 150;

  private final SteppedTime time = new SteppedTime(Instant.parse("2026-03-02T12:00:00Z"));
  private final SimulatorFixture fixture =
      new SimulatorFixture(io.clipdeck.api.simulator.SimulatorSettings.defaults(), time);

  @AfterEach
  void close() {
    fixture.close();
  }

  private YouTubeClient limitedClient(QuotaLedger ledger) {
    return YouTubeClient.create(
        fixture
            .config(Provider.YOUTUBE)
            .limitPerMinute(PER_MINUTE)
            .limitPerHour(PER_HOUR)
            .maxLimiterWait(Duration.ofHours(2))
            .clock(time)
            .sleeper(time)
            .build(),
        ledger,
        SharedCache.none());
  }

  @Test
  void twoHundredCallsFromSixteenVirtualThreadsNeverExceedEitherLimit() throws Exception {
    try (YouTubeClient youtube = limitedClient(new InMemoryQuotaLedger())) {
      runConcurrently(200, 16, List.of(youtube), time);

      List<JournalEntry> requests = fixture.simulator.journal().of(Provider.YOUTUBE);
      assertThat(requests).hasSize(200);
      assertThat(maxPerWindow(requests, Duration.ofMinutes(1))).isLessThanOrEqualTo(PER_MINUTE);
      assertThat(maxPerWindow(requests, Duration.ofHours(1))).isLessThanOrEqualTo(PER_HOUR);
      // 200 calls at 150 an hour cannot fit in one hour: the limiter made callers wait.
      assertThat(Duration.between(requests.getFirst().at(), requests.getLast().at()))
          .isGreaterThan(Duration.ofMinutes(59));
      assertThat(youtube.api().metrics().limiterWaits()).isPositive();
    }
  }

  @Test
  void twoWorkersOverOneSqliteLedgerShareTheLimit(@TempDir Path dir) throws Exception {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("quota.db"));
    QuotaLedger first = new JdbcQuotaLedger(dataSource);
    QuotaLedger second = new JdbcQuotaLedger(dataSource);
    try (YouTubeClient workerA = limitedClient(first);
        YouTubeClient workerB = limitedClient(second)) {
      runConcurrently(60, 8, List.of(workerA, workerB), time);

      List<JournalEntry> requests = fixture.simulator.journal().of(Provider.YOUTUBE);
      assertThat(requests).hasSize(60);
      assertThat(maxPerWindow(requests, Duration.ofMinutes(1))).isLessThanOrEqualTo(PER_MINUTE);
      assertThat(
              first.spent(
                  "youtube/test-key",
                  new QuotaWindow(Duration.ofHours(1), PER_HOUR),
                  requests.getFirst().at()))
          .isEqualTo(60);
    }
  }

  /** Each call asks for another video id, so none is served from a cache. */
  private static void runConcurrently(
      int calls, int threads, List<YouTubeClient> clients, SteppedTime time) throws Exception {
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < threads; thread++) {
        int first = thread;
        time.register();
        futures.add(
            executor.submit(
                () -> {
                  try {
                    for (int call = first; call < calls; call += threads) {
                      YouTubeClient client = clients.get(call % clients.size());
                      client.videoInfo(List.of("video" + call), CallOptions.uncached());
                    }
                  } finally {
                    time.deregister();
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
  }

  private static long maxPerWindow(List<JournalEntry> requests, Duration window) {
    Function<JournalEntry, Long> windowOf =
        entry -> Math.floorDiv(entry.at().toEpochMilli(), window.toMillis());
    Map<Long, Long> counts =
        requests.stream().collect(Collectors.groupingBy(windowOf, Collectors.counting()));
    return counts.values().stream().mapToLong(Long::longValue).max().orElse(0);
  }

  @Test
  void aFullWindowMakesTheCallerWaitForTheNextOne() throws Exception {
    FakeTime time = FakeTime.atNoon();
    QuotaLimiter limiter =
        new QuotaLimiter(
            "p/k",
            List.of(new QuotaWindow(Duration.ofMinutes(1), 2)),
            new InMemoryQuotaLedger(),
            time,
            time,
            Duration.ofMinutes(5));
    Instant start = time.instant();

    assertThat(limiter.acquire()).isFalse();
    assertThat(limiter.acquire()).isFalse();
    assertThat(limiter.acquire()).isTrue();
    assertThat(time.instant()).isEqualTo(start.plus(Duration.ofMinutes(1)));
  }
}
