package io.clipdeck.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type and read them: "2s", "500ms", "15m", "24h", "7d", or ISO-8601. */
public final class Durations {

  private static final Pattern SHORT =
      Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)", Pattern.CASE_INSENSITIVE);

  private Durations() {}

  /**
   * Reads "2s", "0.5s", "500ms", "15m", "24h", "7d" or an ISO-8601 duration ("PT2S").
   *
   * @throws IllegalArgumentException naming {@code name} and the forms understood
   */
  public static Duration parse(String name, String text) {
    String value = text == null ? "" : text.strip();
    Matcher matcher = SHORT.matcher(value);
    if (matcher.matches()) {
      double amount = Double.parseDouble(matcher.group(1));
      long millisPerUnit =
          switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> 1;
            case "s" -> 1_000;
            case "m", "min" -> 60_000;
            case "h" -> 3_600_000;
            default -> 86_400_000;
          };
      return Duration.ofMillis(Math.round(amount * millisPerUnit));
    }
    try {
      return Duration.parse(value.toUpperCase(Locale.ROOT));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " is '" + value + "': type a duration such as 2s, 500ms, 15m, 24h or 7d");
    }
  }

  /** The shortest exact form: "2s", "250ms", "15m", "24h", "1d", "90s". */
  public static String words(Duration duration) {
    long millis = duration.toMillis();
    if (millis != 0 && millis % 86_400_000 == 0) {
      return millis / 86_400_000 + "d";
    }
    if (millis != 0 && millis % 3_600_000 == 0) {
      return millis / 3_600_000 + "h";
    }
    if (millis != 0 && millis % 60_000 == 0) {
      return millis / 60_000 + "m";
    }
    if (millis % 1_000 == 0) {
      return millis / 1_000 + "s";
    }
    return millis + "ms";
  }
}
