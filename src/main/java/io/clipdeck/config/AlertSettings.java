package io.clipdeck.config;

import java.time.Duration;

/**
 * The thresholds of the alerts on the providers and on Clipdeck's own statements. A value missing
 * from the file takes its default.
 *
 * @param providerErrorRate share of a provider's calls failing for good within {@code errorWindow}
 *     from which it alerts (0 to 1)
 * @param errorWindow how far back the error rates look
 * @param minimumCalls calls a window needs before its rate is judged, so one failed call of two is
 *     not an alert
 * @param quotaNearlySpent share of a limit window spent (YouTube's units per day, a per-hour limit,
 *     ...) from which it alerts (0 to 1)
 * @param queryErrorRate share of Clipdeck's own statements on a database failing within {@code
 *     errorWindow} from which it alerts (0 to 1)
 */
public record AlertSettings(
    Double providerErrorRate,
    Duration errorWindow,
    Long minimumCalls,
    Double quotaNearlySpent,
    Double queryErrorRate) {

  public static final AlertSettings DEFAULTS =
      new AlertSettings(0.05, Duration.ofMinutes(5), 10L, 0.9, 0.05);

  public AlertSettings {
    providerErrorRate = providerErrorRate == null ? 0.05 : providerErrorRate;
    errorWindow = DashboardSettings.orDefault(errorWindow, Duration.ofMinutes(5));
    minimumCalls = minimumCalls == null ? 10 : minimumCalls;
    quotaNearlySpent = quotaNearlySpent == null ? 0.9 : quotaNearlySpent;
    queryErrorRate = queryErrorRate == null ? 0.05 : queryErrorRate;
    share("alerts.provider_error_rate", providerErrorRate);
    share("alerts.quota_nearly_spent", quotaNearlySpent);
    share("alerts.query_error_rate", queryErrorRate);
    DashboardSettings.within(
        "alerts.error_window", errorWindow, Duration.ofSeconds(10), Duration.ofHours(24));
    if (minimumCalls < 1) {
      throw new IllegalArgumentException(
          "alerts.minimum_calls is " + minimumCalls + ": type a count of 1 or more, e.g. 10");
    }
  }

  private static void share(String name, double value) {
    if (!(value > 0 && value <= 1)) {
      throw new IllegalArgumentException(
          name + " is " + value + ": use a share above 0 and at most 1, e.g. 0.05 for 5 %");
    }
  }
}
