package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.youtube.YouTubeClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status snapshot the console and {@code providers status} show, after real calls. */
class ProviderStatusTest {

  private final SimulatorFixture fixture = new SimulatorFixture();
  private final YouTubeClient youtube =
      YouTubeClient.create(
          fixture
              .config(Provider.YOUTUBE)
              .limitPerSecond(5)
              .limitPerMinute(100)
              .limit(
                  QuotaWindow.perDay("units/day", java.time.ZoneId.of("America/Los_Angeles"), 50))
              .build(),
          new InMemoryQuotaLedger(),
          SharedCache.none());

  @AfterEach
  void close() {
    youtube.close();
    fixture.close();
  }

  @Test
  void windowsOutcomesCacheAndLatencyAreReported() {
    youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.cached());
    youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.cached());
    fixture.simulator.inject(Provider.YOUTUBE, Fault.serverError(), 1);
    youtube.videoInfo(List.of("Zx8wU3yL0cD"), CallOptions.uncached());
    fixture.simulator.inject(Provider.YOUTUBE, Fault.tooManyRequests(Duration.ofMinutes(5)), 1);
    try {
      youtube.videoInfo(List.of("Ab1cD2eF3gH"), CallOptions.uncached());
    } catch (ApiException expected) {
      assertThat(expected.kind()).isEqualTo(ApiErrorKind.RATE_LIMITED);
    }

    ProviderStatus status = youtube.api().status();

    assertThat(status.breakerState()).isEqualTo("CLOSED");
    assertThat(status.windows())
        .extracting(window -> window.window().length(), WindowState::used, WindowState::left)
        .as("4 requests went out; the backoff moved the fake clock into the next second")
        .contains(
            org.assertj.core.groups.Tuple.tuple(Duration.ofMinutes(1), 4L, 96L),
            org.assertj.core.groups.Tuple.tuple(Duration.ofDays(1), 4L, 46L));
    assertThat(status.windows())
        .extracting(w -> w.window().length())
        .contains(Duration.ofSeconds(1));
    assertThat(status.parked())
        .get()
        .extracting(Parking.Parked::kind)
        .isEqualTo(ApiErrorKind.RATE_LIMITED);
    MetricsSnapshot metrics = status.metrics();
    assertThat(metrics.calls()).isEqualTo(4);
    assertThat(metrics.requests()).isEqualTo(4);
    assertThat(metrics.successes()).isEqualTo(2);
    assertThat(metrics.retriedSuccesses()).isEqualTo(1);
    assertThat(metrics.rateLimited()).isEqualTo(1);
    assertThat(metrics.errors()).containsEntry(ApiErrorKind.RATE_LIMITED, 1L);
    assertThat(metrics.cacheHitRate()).isEqualTo(1.0 / 2);
    assertThat(metrics.latencyP50()).isPositive().isLessThanOrEqualTo(metrics.latencyP95());
  }
}
