package io.clipdeck.api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the waits providers ask for: Retry-After, retry-after-ms, OpenAI's Go-style resets. */
public final class RetryAfter {

  private static final Pattern GO_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|m|s)");

  private RetryAfter() {}

  /** {@code retry-after-ms}, then {@code Retry-After} in seconds or as an HTTP date. */
  public static Optional<Duration> from(ApiResponse response, Instant now) {
    Optional<String> millis = response.header("retry-after-ms");
    if (millis.isPresent()) {
      try {
        return Optional.of(Duration.ofMillis((long) Double.parseDouble(millis.get().strip())));
      } catch (NumberFormatException ignored) {
        // Fall through to Retry-After: a broken hint is no hint.
      }
    }
    return response.header("retry-after").flatMap(value -> parseRetryAfter(value, now));
  }

  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String text = value.strip();
    try {
      return Optional.of(Duration.ofMillis((long) (Double.parseDouble(text) * 1000)));
    } catch (NumberFormatException notSeconds) {
      try {
        Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        Duration wait = Duration.between(now, at);
        return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
      } catch (DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
  }

  /** OpenAI's {@code x-ratelimit-reset-*} values: {@code 12ms}, {@code 2.5s}, {@code 6m0s}. */
  public static Optional<Duration> parseGoDuration(String value) {
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Matcher part = GO_PART.matcher(value.strip());
    double nanos = 0;
    int end = 0;
    while (part.find()) {
      if (part.start() != end) {
        return Optional.empty();
      }
      double amount = Double.parseDouble(part.group(1));
      nanos +=
          switch (part.group(2)) {
            case "h" -> amount * 3_600e9;
            case "m" -> amount * 60e9;
            case "s" -> amount * 1e9;
            default -> amount * 1e6;
          };
      end = part.end();
    }
    return end == value.strip().length() && end > 0
        ? Optional.of(Duration.ofNanos((long) nanos))
        : Optional.empty();
  }
}
