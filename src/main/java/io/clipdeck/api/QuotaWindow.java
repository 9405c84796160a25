package io.clipdeck.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A fixed window of a limit: at most {@code limit} calls between {@code start} and {@code start +
 * length}. Windows are aligned to the epoch (whole minutes, whole hours), so every console and
 * worker computes the same window for the same instant.
 */
public record QuotaWindow(Duration length, long limit) {

  public QuotaWindow {
    Objects.requireNonNull(length, "length");
    if (!length.isPositive() || limit < 1) {
      throw new IllegalArgumentException(
          "a quota window needs a positive length and limit, got " + length + " / " + limit);
    }
  }

  public Instant startOf(Instant now) {
    long lengthMillis = length.toMillis();
    return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), lengthMillis) * lengthMillis);
  }

  public Instant endOf(Instant now) {
    return startOf(now).plus(length);
  }
}
