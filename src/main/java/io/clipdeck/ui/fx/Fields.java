package io.clipdeck.ui.fx;

import java.time.Duration;

/** Reads numbers typed in a form, with an error that names the field. */
public final class Fields {

  private Fields() {}

  public static int wholeNumber(String field, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " is '" + text + "': type a whole number");
    }
  }

  /** A number with an optional fraction, e.g. a price "0.15"; an empty field is 0. */
  public static double decimal(String field, String text) {
    String typed = text == null ? "" : text.trim();
    if (typed.isEmpty()) {
      return 0;
    }
    try {
      return Double.parseDouble(typed);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " is '" + text + "': type a number such as 0.15");
    }
  }

  /** Seconds, fractions allowed: "0.5" is half a second. */
  public static Duration seconds(String field, String text) {
    try {
      return Duration.ofMillis(Math.round(Double.parseDouble(text.trim()) * 1000));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " is '" + text + "': type a number of seconds");
    }
  }
}
