package io.clipdeck.config;

import java.time.Duration;

/**
 * The dashboard's timing and alert thresholds. A value missing from the file takes its default.
 *
 * @param refreshInterval how often the dashboard samples while it is on screen
 * @param chartWindow how far back the charts go
 * @param historyRetention how long samples and alerts are kept on disk ({@code monitor.db})
 * @param poolSaturation share of a pool's maximum lent out from which it alerts (0 to 1)
 * @param slowBorrow average borrow time from which it alerts
 * @param longQueryWarning how long a server statement runs before its row turns amber
 * @param longQueryAlert how long a server statement runs before it turns red and alerts
 */
public record DashboardSettings(
    Duration refreshInterval,
    Duration chartWindow,
    Duration historyRetention,
    Double poolSaturation,
    Duration slowBorrow,
    Duration longQueryWarning,
    Duration longQueryAlert) {

  public static final DashboardSettings DEFAULTS =
      new DashboardSettings(
          Duration.ofSeconds(2),
          Duration.ofMinutes(15),
          Duration.ofHours(24),
          0.9,
          Duration.ofMillis(250),
          Duration.ofSeconds(5),
          Duration.ofSeconds(30));

  public DashboardSettings {
    refreshInterval = orDefault(refreshInterval, Duration.ofSeconds(2));
    chartWindow = orDefault(chartWindow, Duration.ofMinutes(15));
    historyRetention = orDefault(historyRetention, Duration.ofHours(24));
    poolSaturation = poolSaturation == null ? 0.9 : poolSaturation;
    slowBorrow = orDefault(slowBorrow, Duration.ofMillis(250));
    longQueryWarning = orDefault(longQueryWarning, Duration.ofSeconds(5));
    longQueryAlert = orDefault(longQueryAlert, Duration.ofSeconds(30));
    within(
        "dashboard.refresh_interval", refreshInterval, Duration.ofMillis(250), Duration.ofHours(1));
    within("dashboard.chart_window", chartWindow, Duration.ofMinutes(1), Duration.ofHours(24));
    within("dashboard.history_retention", historyRetention, chartWindow, Duration.ofDays(30));
    if (!(poolSaturation > 0 && poolSaturation <= 1)) {
      throw new IllegalArgumentException(
          "dashboard.pool_saturation is "
              + poolSaturation
              + ": use a share above 0 and at most 1, e.g. 0.9 for 90 %");
    }
    within("dashboard.slow_borrow", slowBorrow, Duration.ofMillis(1), Duration.ofMinutes(5));
    within(
        "dashboard.long_query_warning",
        longQueryWarning,
        Duration.ofSeconds(1),
        Duration.ofDays(1));
    within("dashboard.long_query_alert", longQueryAlert, longQueryWarning, Duration.ofDays(1));
  }

  public DashboardSettings withRefreshInterval(Duration value) {
    return new DashboardSettings(
        value,
        chartWindow,
        historyRetention,
        poolSaturation,
        slowBorrow,
        longQueryWarning,
        longQueryAlert);
  }

  static Duration orDefault(Duration value, Duration fallback) {
    return value == null ? fallback : value;
  }

  /** Refuses {@code value} outside [min, max] with a message naming the setting and the range. */
  static void within(String name, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(
          name
              + " is "
              + Durations.words(value)
              + ": use "
              + Durations.words(min)
              + " to "
              + Durations.words(max));
    }
  }
}
