package io.clipdeck.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * A fixed window of a limit: at most {@code limit} units (calls, unless a {@link QuotaCost} says
 * otherwise) between {@link #startOf} and {@link #endOf}. Windows are aligned to the epoch (whole
 * minutes, whole hours), or to midnight in a zone for a provider whose quota is per calendar day
 * (YouTube: America/Los_Angeles, so a day is 23 or 25 hours around daylight saving), so every
 * console and worker computes the same window for the same instant.
 *
 * @param name tells windows of the same length apart in the ledger (e.g. {@code units/day} and
 *     {@code search/day}); empty for the plain per-minute and per-hour windows
 * @param calendarZone the zone whose midnights start the windows; empty for epoch-aligned ones
 */
public record QuotaWindow(String name, Duration length, long limit, Optional<ZoneId> calendarZone) {

  public QuotaWindow {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(calendarZone, "calendarZone");
    if (!length.isPositive() || limit < 1) {
      throw new IllegalArgumentException(
          "a quota window needs a positive length and limit, got " + length + " / " + limit);
    }
  }

  /** An epoch-aligned window: per minute, per hour. */
  public QuotaWindow(Duration length, long limit) {
    this("", length, limit, Optional.empty());
  }

  /** A window per calendar day in {@code zone}, from one midnight to the next. */
  public static QuotaWindow perDay(String name, ZoneId zone, long limit) {
    return new QuotaWindow(name, Duration.ofDays(1), limit, Optional.of(zone));
  }

  public Instant startOf(Instant now) {
    if (calendarZone.isPresent()) {
      ZoneId zone = calendarZone.get();
      return now.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
    }
    long lengthMillis = length.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), lengthMillis) * lengthMillis);
  }

  public Instant endOf(Instant now) {
    if (calendarZone.isPresent()) {
      ZoneId zone = calendarZone.get();
      return now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
    }
    return startOf(now).plus(length);
  }

  /** The start of the window before the one containing {@code now}. */
  public Instant previousStart(Instant now) {
    return startOf(startOf(now).minusMillis(1));
  }

  @Override
  public String toString() {
    return (name.isEmpty() ? length.toString() : name) + " ≤ " + limit;
  }
}
