package io.clipdeck.ui.fx;

import java.time.Duration;
import java.util.Locale;

/** How the console writes figures, the same in every view. */
public final class Format {

  private Format() {}

  /** Milliseconds with two decimals below 10 ms (local SQLite answers in fractions of one). */
  public static String millis(Duration duration) {
    double millis = duration.toNanos() / 1_000_000.0;
    return millis < 10
        ? String.format(Locale.ROOT, "%.2f ms", millis)
        : String.format(Locale.ROOT, "%.0f ms", millis);
  }
}
