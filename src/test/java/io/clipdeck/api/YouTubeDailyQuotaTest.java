package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.api.youtube.YouTubeClient;
import io.clipdeck.api.youtube.YouTubeQuota;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * YouTube's daily quota counted by the client in units per Pacific day, over a SQLite ledger, on
 * fake time across two Pacific midnights: the one ending 31 October 2026 (PDT, 07:00 UTC) and the
 * one ending 1 November, a 25-hour day because daylight saving ends (PST, 08:00 UTC the next day).
 */
class YouTubeDailyQuotaTest {

  @TempDir Path dir;

  private static final String VIDEO = "Qm7vT2xK9aB";

  @Test
  void unitsAndSearchesAreSpentPerPacificDayAndResetAtPacificMidnight() {
    SQLiteDataSource sqlite = new SQLiteDataSource();
    sqlite.setUrl("jdbc:sqlite:" + dir.resolve("quota.db"));
    // A ledger on a scratch file: durability is not what this test is about.
    sqlite.setJournalMode("WAL");
    sqlite.setSynchronous("OFF");
    JdbcQuotaLedger ledger = new JdbcQuotaLedger(sqlite);
    try (SimulatorFixture fixture = new SimulatorFixture(SimulatorSettings.defaults());
        YouTubeClient youtube =
            YouTubeClient.create(
                YouTubeQuota.daily(fixture.config(Provider.YOUTUBE), 70, 2).build(),
                ledger,
                SharedCache.none())) {
      // 23:00 on 31 October in Los Angeles: further from midnight than a call may wait.
      fixture.time.set(Instant.parse("2026-11-01T06:00:00Z"));
      // Captions and searches are cached calls: a different video or query each time.
      youtube.captions(VIDEO); // 50 units
      for (int i = 0; i < 20; i++) {
        youtube.videoInfo(List.of(VIDEO), CallOptions.uncached()); // 51 ... 70
      }
      long sent = fixture.simulator.journal().count(Provider.YOUTUBE);

      assertThatThrownBy(() -> youtube.videoInfo(List.of(VIDEO), CallOptions.uncached()))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ApiErrorKind.QUOTA_EXHAUSTED);
                assertThat(e.attempts()).isZero();
                assertThat(e.getMessage()).contains("units/day", "2026-11-01T07:00:00Z");
              });
      // Searches have their own bucket: the spent units do not stop them, their own limit does.
      youtube.search("cats 1", 5, Optional.empty());
      youtube.search("cats 2", 5, Optional.empty());
      assertThatThrownBy(() -> youtube.search("cats 3", 5, Optional.empty()))
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.getMessage()).contains("search/day"));
      assertThat(fixture.simulator.journal().count(Provider.YOUTUBE)).isEqualTo(sent + 2);

      // At 07:00 UTC it is 1 November in Los Angeles: a new day, a new budget.
      fixture.time.set(Instant.parse("2026-11-01T07:00:00Z"));
      assertThat(youtube.videoInfo(List.of(VIDEO), CallOptions.uncached())).hasSize(1);
      youtube.search("cats 4", 5, Optional.empty());
      youtube.captions("Zx8pL0vQ3cE"); // 51
      for (int i = 0; i < 19; i++) {
        youtube.videoInfo(List.of(VIDEO), CallOptions.uncached()); // 52 ... 70
      }
      assertThat(ledger.spent("youtube/test-key", YouTubeQuota.units(70), fixture.time.instant()))
          .isEqualTo(70);

      // 24 hours later it is still 1 November there (the clocks went back an hour).
      fixture.time.set(Instant.parse("2026-11-02T07:00:00Z"));
      assertThatThrownBy(() -> youtube.videoInfo(List.of(VIDEO), CallOptions.uncached()))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> assertThat(e.getMessage()).contains("resets at 2026-11-02T08:00:00Z"));

      fixture.time.set(Instant.parse("2026-11-02T08:00:00Z"));
      assertThat(youtube.videoInfo(List.of(VIDEO), CallOptions.uncached())).hasSize(1);
    }
  }

  @Test
  void aPacificDayWindowFollowsDaylightSaving() {
    QuotaWindow day = YouTubeQuota.units(10_000);
    Instant lateOnFirstNovember = Instant.parse("2026-11-02T07:59:59Z");

    assertThat(day.startOf(lateOnFirstNovember)).isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
    assertThat(day.endOf(lateOnFirstNovember)).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
    assertThat(Duration.between(day.startOf(lateOnFirstNovember), day.endOf(lateOnFirstNovember)))
        .isEqualTo(Duration.ofHours(25));
    assertThat(YouTubeQuota.COST.units(day, "captions.list")).isEqualTo(50);
    assertThat(YouTubeQuota.COST.units(day, "videos.list")).isEqualTo(1);
    assertThat(YouTubeQuota.COST.units(day, "search.list")).isZero();
    assertThat(YouTubeQuota.COST.units(YouTubeQuota.searches(100), "search.list")).isEqualTo(1);
    assertThat(YouTubeQuota.COST.units(new QuotaWindow(Duration.ofMinutes(1), 60), "search.list"))
        .isEqualTo(1);
  }
}
