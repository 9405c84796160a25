package io.clipdeck.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.ApiException;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.Provider;
import io.clipdeck.api.QuotaWindow;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.api.youtube.YouTubeClient;
import io.clipdeck.config.AlertSettings;
import io.clipdeck.data.DataException;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.enrich.DemoProviders;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The provider and query-error alerts, judged from real figures: calls to the loopback simulator
 * and statements on a real SQLite database. Each is raised once when its threshold is crossed, not
 * again while it stays crossed, and goes through the same tracker as the database alerts.
 */
class ServiceAlertsTest {

  private static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

  private final AlertTracker tracker = new AlertTracker(AlertRules.DEFAULTS, HistoryStore.MEMORY);

  private AlertSettings thresholds = new AlertSettings(0.5, Duration.ofMinutes(5), 4L, 0.9, 0.25);

  private final ServiceAlerts alerts = new ServiceAlerts(tracker, () -> thresholds);

  @Test
  void aProviderFailingAboveTheRateRaisesErrorRateAndBreakerAlertsOnce() {
    try (DemoProviders demo =
        DemoProviders.start(
            SimulatorSettings.demo(),
            builder -> builder.maxAttempts(1).breaker(3, 3, Duration.ofMinutes(10), 1))) {
      YouTubeClient youtube = demo.clients().youtube();
      assertThat(alerts.evaluateProviders(List.of(youtube.api().status()), T0))
          .as("the first tick is the baseline")
          .isEmpty();

      youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached());
      youtube.videoInfo(List.of("Zx8wU3yL0cD"), CallOptions.uncached());
      assertThat(alerts.evaluateProviders(List.of(youtube.api().status()), T0.plusSeconds(2)))
          .as("two calls, none failed")
          .isEmpty();

      demo.simulator().inject(Provider.YOUTUBE, Fault.serverError(), 3);
      for (int i = 0; i < 3; i++) {
        assertThatThrownBy(() -> youtube.videoInfo(List.of("Ab1cD2eF3gH"), CallOptions.uncached()))
            .isInstanceOf(ApiException.class);
      }
      List<Alert> raised =
          alerts.evaluateProviders(List.of(youtube.api().status()), T0.plusSeconds(4));

      assertThat(raised)
          .extracting(Alert::kind)
          .containsExactlyInAnyOrder(
              AlertRules.Kind.PROVIDER_ERROR_RATE, AlertRules.Kind.BREAKER_OPEN);
      assertThat(raised)
          .filteredOn(alert -> alert.kind() == AlertRules.Kind.PROVIDER_ERROR_RATE)
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.profile()).isEqualTo("YouTube");
                assertThat(alert.message())
                    .startsWith(
                        "YouTube: 3 of 5 calls failed in the last 5m (60 %, threshold 50 %)");
              });
      assertThat(tracker.active()).hasSize(2);
      assertThat(alerts.evaluateProviders(List.of(youtube.api().status()), T0.plusSeconds(6)))
          .as("still crossed: not raised again")
          .isEmpty();

      // Ten minutes later the failures have left the window; acknowledged, nothing comes back.
      tracker.active().forEach(tracker::acknowledge);
      assertThat(alerts.evaluateProviders(List.of(youtube.api().status()), T0.plusSeconds(600)))
          .extracting(Alert::kind)
          .as("the breaker is still open; the error rate is no longer judged on 0 calls")
          .doesNotContain(AlertRules.Kind.PROVIDER_ERROR_RATE);
    }
  }

  @Test
  void aDailyQuotaNearlySpentRaisesAnAlert() {
    try (DemoProviders demo =
        DemoProviders.start(
            SimulatorSettings.demo(),
            builder ->
                builder.limit(
                    QuotaWindow.perDay("units/day", ZoneId.of("America/Los_Angeles"), 10)))) {
      YouTubeClient youtube = demo.clients().youtube();
      for (int i = 0; i < 8; i++) {
        youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached());
      }
      assertThat(alerts.evaluateProviders(List.of(youtube.api().status()), T0))
          .as("8 of 10 is under 90 %")
          .isEmpty();

      youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached());
      List<Alert> raised =
          alerts.evaluateProviders(List.of(youtube.api().status()), T0.plusSeconds(1));

      assertThat(raised)
          .extracting(Alert::kind)
          .containsExactly(AlertRules.Kind.QUOTA_NEARLY_SPENT);
      assertThat(raised.getFirst().message())
          .startsWith("YouTube has spent 9 of its 10 units/day (threshold 90 %); it resets at ");
    }
  }

  @Test
  void clipdecksOwnStatementsFailingAboveTheRateRaiseAQueryAlert(@TempDir Path dir) {
    ConnectionProfile profile = ConnectionProfile.sqlite("alerts", dir.resolve("alerts.db"));
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC())) {
      QueryExecutor executor = new QueryExecutor(database);
      executor.update("CREATE TABLE t (id INTEGER PRIMARY KEY)", List.of(), java.util.Set.of("t"));
      assertThat(alerts.evaluateQueries(executor.metrics(), T0)).isEmpty();

      for (int i = 0; i < 3; i++) {
        executor.update("INSERT INTO t (id) VALUES (?)", List.of(i), java.util.Set.of("t"));
      }
      assertThatThrownBy(
              () ->
                  executor.update(
                      "INSERT INTO t (id) VALUES (?)", List.of(0), java.util.Set.of("t")))
          .isInstanceOf(DataException.class);
      assertThat(alerts.evaluateQueries(executor.metrics(), T0.plusSeconds(2)))
          .as("1 of 4 failed: 25 % reaches the threshold")
          .extracting(Alert::kind)
          .containsExactly(AlertRules.Kind.QUERY_ERROR_RATE);
      assertThat(tracker.active().getFirst().message())
          .startsWith("1 of Clipdeck's 4 statements on alerts failed in the last 5m (25 %");

      thresholds = new AlertSettings(0.5, Duration.ofMinutes(5), 4L, 0.9, 0.5);
      tracker.active().forEach(tracker::acknowledge);
      executor.update("INSERT INTO t (id) VALUES (?)", List.of(10), java.util.Set.of("t"));
      assertThat(alerts.evaluateQueries(executor.metrics(), T0.plusSeconds(4)))
          .as("a raised threshold (50 %) is no longer crossed by 1 of 5")
          .isEmpty();
    }
  }
}
