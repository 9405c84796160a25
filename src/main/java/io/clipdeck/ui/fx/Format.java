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

  /** A size in bytes as people read it: 8.2 MB. */
  public static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
