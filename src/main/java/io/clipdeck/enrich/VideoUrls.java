package io.clipdeck.enrich;

import io.clipdeck.api.youtube.YouTubeUrl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a pasted list of YouTube links, one a line, each read by {@link YouTubeUrl}. Blank lines
 * and {@code #} comments are skipped; any other line that is not a video link is reported with its
 * line number, and the rest are still read.
 */
public final class VideoUrls {

  /** One video found, on its 1-based line, with its canonical watch URL. */
  public record Found(int line, String videoId, String url) {}

  /** A line that is not a video link, and why. */
  public record BadLine(int line, String text, String reason) {

    public String describe() {
      return "Line " + line + ": " + reason + " (" + text + ")";
    }
  }

  /**
   * @param duplicates lines naming a video found on an earlier line (kept once)
   */
  public record Parsed(List<Found> videos, List<BadLine> bad, int duplicates) {

    public Parsed {
      videos = List.copyOf(videos);
      bad = List.copyOf(bad);
    }
  }

  private VideoUrls() {}

  public static Parsed parse(String text) {
    List<Found> found = new ArrayList<>();
    List<BadLine> bad = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    int duplicates = 0;
    String[] lines = text == null ? new String[0] : text.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Optional<String> id;
      try {
        id = YouTubeUrl.videoIdIn(line);
      } catch (IllegalArgumentException e) {
        bad.add(new BadLine(i + 1, shorten(line), e.getMessage()));
        continue;
      }
      if (id.isEmpty()) {
        bad.add(new BadLine(i + 1, shorten(line), "not a YouTube video link"));
      } else if (!seen.add(id.get())) {
        duplicates++;
      } else {
        found.add(new Found(i + 1, id.get(), YouTubeUrl.watchUrl(id.get())));
      }
    }
    return new Parsed(found, bad, duplicates);
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
