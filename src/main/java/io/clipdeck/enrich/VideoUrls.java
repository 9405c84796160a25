package io.clipdeck.enrich;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a pasted list of YouTube links, one a line: {@code watch?v=}, {@code youtu.be/}, {@code
 * shorts/}, {@code embed/}, {@code live/} and {@code v/} forms on any YouTube host, with or without
 * a scheme and with any extra parameters; a bare 11-character video id is taken too. Blank lines
 * and {@code #} comments are skipped; any other line that is not a video link is reported with its
 * line number, and the rest are still read.
 */
public final class VideoUrls {

  private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Set<String> HOSTS =
      Set.of(
          "youtube.com",
          "www.youtube.com",
          "m.youtube.com",
          "music.youtube.com",
          "youtube-nocookie.com",
          "www.youtube-nocookie.com");
  private static final Set<String> PATH_FORMS = Set.of("shorts", "embed", "live", "v", "e");

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
        id = videoId(line);
      } catch (IllegalArgumentException e) {
        bad.add(new BadLine(i + 1, shorten(line), e.getMessage()));
        continue;
      }
      if (id.isEmpty()) {
        bad.add(new BadLine(i + 1, shorten(line), "not a YouTube video link"));
      } else if (!seen.add(id.get())) {
        duplicates++;
      } else {
        found.add(new Found(i + 1, id.get(), "https://www.youtube.com/watch?v=" + id.get()));
      }
    }
    return new Parsed(found, bad, duplicates);
  }

  /**
   * The video id of one link, empty when it is not a YouTube video link.
   *
   * @throws IllegalArgumentException when it is a YouTube link with an id that cannot be one
   */
  public static Optional<String> videoId(String text) {
    String line = text.strip();
    if (VIDEO_ID.matcher(line).matches()) {
      return Optional.of(line);
    }
    URI uri;
    try {
      uri = new URI(line.contains("://") ? line : "https://" + line);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getPath() == null ? "" : uri.getPath();
    List<String> segments = List.of(path.replaceFirst("^/+", "").split("/+"));
    String candidate;
    if (host.equals("youtu.be") || host.equals("www.youtu.be")) {
      candidate = segments.isEmpty() ? "" : segments.getFirst();
    } else if (HOSTS.contains(host)) {
      if (segments.getFirst().equals("watch")) {
        candidate = parameter(uri.getRawQuery(), "v").orElse("");
      } else if (segments.size() >= 2 && PATH_FORMS.contains(segments.getFirst())) {
        candidate = segments.get(1);
      } else {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    if (!VIDEO_ID.matcher(candidate).matches()) {
      throw new IllegalArgumentException(
          candidate.isEmpty()
              ? "a YouTube link without a video id"
              : "'"
                  + shorten(candidate)
                  + "' is not a YouTube video id (11 letters, digits, - or _)");
    }
    return Optional.of(candidate);
  }

  private static Optional<String> parameter(String rawQuery, String name) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return Optional.of(
            java.net.URLDecoder.decode(
                pair.substring(equals + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
