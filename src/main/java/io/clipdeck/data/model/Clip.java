package io.clipdeck.data.model;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code clips}: a cut of a video.
 *
 * @param videoId the id (not the external id) of the video it was cut from
 * @param effects effect names, stored as a JSON array
 */
public record Clip(
    Long id,
    long videoId,
    double startS,
    double endS,
    double durationS,
    String caption,
    List<String> effects,
    Instant createdAt) {

  public Clip {
    effects = effects == null ? List.of() : List.copyOf(effects);
  }

  /** A new clip from start to end seconds. */
  public static Clip of(long videoId, double startS, double endS, String caption, List<String> fx) {
    return new Clip(null, videoId, startS, endS, endS - startS, caption, fx, null);
  }
}
