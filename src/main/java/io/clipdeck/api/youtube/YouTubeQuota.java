package io.clipdeck.api.youtube;

import io.clipdeck.api.ApiClientConfig;
import io.clipdeck.api.QuotaCost;
import io.clipdeck.api.QuotaWindow;
import java.time.ZoneId;
import java.util.Map;

/**
 * YouTube Data API quota as Google counts it: units per day, reset at midnight Pacific Time, with
 * {@code search.list} in a bucket of its own (calls per day, since 2026-06). Every request costs,
 * failed ones too, and every page again. The budgets are settings (a project with a quota extension
 * has other numbers); the costs follow Google's quota calculator.
 */
public final class YouTubeQuota {

  /** Where the day starts and ends. */
  public static final ZoneId ZONE = YouTubeErrors.QUOTA_ZONE;

  static final String UNITS = "units/day";
  static final String SEARCHES = "search/day";
  private static final String SEARCH = "search.list";

  /** Units per call in the shared daily pool; anything not listed costs 1. */
  static final Map<String, Long> UNIT_COSTS = Map.of("captions.list", 50L, SEARCH, 0L);

  private YouTubeQuota() {}

  /** The shared pool of {@code units} per Pacific day (10,000 for a default project). */
  public static QuotaWindow units(long units) {
    return QuotaWindow.perDay(UNITS, ZONE, units);
  }

  /** The searches bucket: {@code calls} of {@code search.list} per Pacific day (100 by default). */
  public static QuotaWindow searches(long calls) {
    return QuotaWindow.perDay(SEARCHES, ZONE, calls);
  }

  /** What each request costs of each window: the daily windows by Google's table, others 1. */
  public static final QuotaCost COST =
      (window, operation) ->
          switch (window.name()) {
            case UNITS -> UNIT_COSTS.getOrDefault(operation, 1L);
            case SEARCHES -> operation.equals(SEARCH) ? 1 : 0;
            default -> 1;
          };

  /**
   * Adds the daily budgets to a YouTube client's configuration; 0 leaves a budget out.
   *
   * @return {@code builder}
   */
  public static ApiClientConfig.Builder daily(
      ApiClientConfig.Builder builder, long unitsPerDay, long searchesPerDay) {
    if (unitsPerDay > 0) {
      builder.limit(units(unitsPerDay));
    }
    if (searchesPerDay > 0) {
      builder.limit(searches(searchesPerDay));
    }
    return builder.quotaCost(COST);
  }
}
