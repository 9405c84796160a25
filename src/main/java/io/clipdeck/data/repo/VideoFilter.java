package io.clipdeck.data.repo;

import io.clipdeck.data.model.VideoStatus;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the video browser narrows to; every part is optional and the parts combine with AND.
 *
 * @param createdFrom created at or after
 * @param createdBefore created before
 * @param text a part of the title or the external id, any case; blank for none
 */
public record VideoFilter(
    Optional<VideoStatus> status,
    Optional<Long> userId,
    Optional<Instant> createdFrom,
    Optional<Instant> createdBefore,
    String text) {

  /** Every video. */
  public static final VideoFilter ALL =
      new VideoFilter(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), "");

  /** Longer search text is refused: it could only come from a paste gone wrong. */
  public static final int MAX_TEXT = 200;

  public VideoFilter {
    text = text == null ? "" : text.strip();
    if (text.length() > MAX_TEXT) {
      throw new IllegalArgumentException(
          "The search text has " + text.length() + " characters: use at most " + MAX_TEXT);
    }
    if (text.indexOf('\u0000') >= 0) {
      throw new IllegalArgumentException(
          "The search text holds a NUL character (U+0000), which no title or id can contain:"
              + " remove it (it usually comes with a paste from a binary file)");
    }
    if (createdFrom.isPresent()
        && createdBefore.isPresent()
        && !createdFrom.get().isBefore(createdBefore.get())) {
      throw new IllegalArgumentException("The created range is empty: 'from' must be before 'to'");
    }
  }

  public VideoFilter withStatus(Optional<VideoStatus> value) {
    return new VideoFilter(value, userId, createdFrom, createdBefore, text);
  }

  public VideoFilter withUser(Optional<Long> value) {
    return new VideoFilter(status, value, createdFrom, createdBefore, text);
  }

  public VideoFilter withCreated(Optional<Instant> from, Optional<Instant> before) {
    return new VideoFilter(status, userId, from, before, text);
  }

  public VideoFilter withText(String value) {
    return new VideoFilter(status, userId, createdFrom, createdBefore, value);
  }

  /**
   * For people: "status failed · user 12 · created 2026-01-01 to 2026-01-31 · text 'cat'", or "all
   * videos". Days are shown in {@code zone}, the end day inclusive as the browser's "to" field is.
   */
  public String describe(ZoneId zone) {
    List<String> parts = new ArrayList<>();
    status.ifPresent(value -> parts.add("status " + value.id()));
    userId.ifPresent(value -> parts.add("user " + value));
    if (createdFrom.isPresent() || createdBefore.isPresent()) {
      String from = createdFrom.map(at -> day(at, zone, false)).orElse("…");
      String to = createdBefore.map(at -> day(at, zone, true)).orElse("…");
      parts.add("created " + from + " to " + to);
    }
    if (!text.isEmpty()) {
      parts.add("text '" + text + "'");
    }
    return parts.isEmpty() ? "all videos" : String.join(" · ", parts);
  }

  /** A midnight as its day (the day before for an exclusive end), any other time in full. */
  private static String day(Instant at, ZoneId zone, boolean exclusiveEnd) {
    ZonedDateTime local = at.atZone(zone);
    if (local.toLocalTime().equals(LocalTime.MIDNIGHT)) {
      return (exclusiveEnd ? local.minusDays(1) : local).toLocalDate().toString();
    }
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(local);
  }
}
