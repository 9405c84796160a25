package io.clipdeck.ui.browser;

import io.clipdeck.data.model.Clip;
import io.clipdeck.data.model.ModelUsage;
import io.clipdeck.data.model.Video;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** How the browser shows a video, its clips and its usage: times in the console's zone. */
final class VideoFormat {

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ZoneId zone;

  VideoFormat(ZoneId zone) {
    this.zone = zone;
  }

  VideoRow row(Video video, Map<Long, Long> clipCounts) {
    return new VideoRow(
        video.id(),
        video.videoId(),
        video.title() == null ? "" : video.title(),
        video.userId(),
        video.status().id(),
        video.durationS() == null ? "" : minutes(video.durationS()),
        clipCounts.getOrDefault(video.id(), 0L),
        when(video.createdAt()),
        when(video.updatedAt()),
        video);
  }

  /** The video's fields, one per line. */
  String describe(Video video) {
    List<String> lines = new ArrayList<>();
    lines.add("External id  " + video.videoId());
    lines.add("URL          " + video.url());
    lines.add("User         " + video.userId());
    lines.add(
        "Duration     " + (video.durationS() == null ? "unknown" : minutes(video.durationS())));
    lines.add("Created      " + when(video.createdAt()) + " · updated " + when(video.updatedAt()));
    if (video.processingTimeS() != null) {
      lines.add(String.format(Locale.ROOT, "Processing   %.1f s", video.processingTimeS()));
    }
    if (video.thumbnailPath() != null) {
      lines.add("Thumbnail    " + video.thumbnailPath());
    }
    if (video.narrationPath() != null) {
      lines.add("Narration    " + video.narrationPath());
    }
    if (video.error() != null) {
      lines.add("Last error   " + video.error());
    }
    if (video.description() != null && !video.description().isBlank()) {
      lines.add("");
      lines.add(video.description());
    }
    return String.join("\n", lines);
  }

  /** The clips on the video's timeline: its duration, or the last clip's end when unknown. */
  static List<ClipRow> clipRows(Video video, List<Clip> clips) {
    double length =
        video.durationS() != null && video.durationS() > 0
            ? video.durationS()
            : clips.stream().mapToDouble(Clip::endS).max().orElse(1);
    return clips.stream().map(clip -> clipRow(clip, length)).toList();
  }

  private static ClipRow clipRow(Clip clip, double length) {
    return new ClipRow(
        minutes(clip.startS()) + " – " + minutes(clip.endS()),
        clip.caption() == null ? "" : clip.caption(),
        String.join(", ", clip.effects()),
        Math.clamp(clip.startS() / length, 0, 1),
        Math.clamp(clip.endS() / length, 0, 1));
  }

  static String usageLine(ModelUsage row) {
    return row.provider()
        + " · "
        + row.modelType()
        + (row.tokens() == null ? "" : " · " + row.tokens() + " tokens")
        + (row.processingTimeS() == null
            ? ""
            : String.format(Locale.ROOT, " · %.1f s", row.processingTimeS()));
  }

  private String when(Instant instant) {
    return instant == null ? "" : WHEN.format(instant.atZone(zone));
  }

  private static String minutes(double seconds) {
    long whole = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
  }
}
