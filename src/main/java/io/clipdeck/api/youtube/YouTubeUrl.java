package io.clipdeck.api.youtube;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YouTube video address and the video id in it: {@code watch?v=}, {@code youtu.be/}, {@code
 * shorts/}, {@code embed/}, {@code live/} and {@code v/} forms on any YouTube host (www, m, music,
 * nocookie), with or without a scheme and with any extra parameters; a bare 11-character id is
 * taken too. The one reader of video links: the browser's "new video" and the enrichment import
 * both use it.
 *
 * @param url the address as typed when it had a scheme, else the canonical watch URL
 * @param videoId YouTube's 11-character id
 */
public record YouTubeUrl(String url, String videoId) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Set<String> HOSTS =
      Set.of(
          "youtube.com",
          "www.youtube.com",
          "m.youtube.com",
          "music.youtube.com",
          "youtube-nocookie.com",
          "www.youtube-nocookie.com");
  private static final Set<String> PATH_FORMS = Set.of("shorts", "embed", "live", "v", "e");

  private static final String EXAMPLE =
      "paste one like https://www.youtube.com/watch?v=dQw4w9WgXcQ or https://youtu.be/dQw4w9WgXcQ";

  /**
   * Reads the video id from a typed address.
   *
   * @throws IllegalArgumentException naming what is wrong with the address and what to paste
   */
  public static YouTubeUrl parse(String typed) {
    String url = typed == null ? "" : typed.strip();
    if (url.isEmpty()) {
      throw new IllegalArgumentException("The URL is empty: " + EXAMPLE + ".");
    }
    Optional<String> id;
    try {
      id = videoIdIn(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + shorten(url) + "': " + e.getMessage() + ": " + EXAMPLE + ".", e);
    }
    if (id.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + shorten(url) + "' is not a YouTube video link: " + EXAMPLE + ".");
    }
    return new YouTubeUrl(url.contains("://") ? url : watchUrl(id.get()), id.get());
  }

  /** The canonical address of a video. */
  public static String watchUrl(String videoId) {
    return "https://www.youtube.com/watch?v=" + videoId;
  }

  /**
   * The video id of one link, empty when it is not a YouTube video link at all.
   *
   * @throws IllegalArgumentException when it is a YouTube link whose id is missing or cannot be one
   */
  public static Optional<String> videoIdIn(String text) {
    String line = text.strip();
    if (ID.matcher(line).matches()) {
      return Optional.of(line);
    }
    URI uri;
    try {
      uri = new URI(line.contains("://") ? line : "https://" + line);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.empty();
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String path = uri.getPath() == null ? "" : uri.getPath();
    List<String> segments = List.of(path.replaceFirst("^/+", "").split("/+"));
    String candidate;
    if (host.equals("youtu.be") || host.equals("www.youtu.be")) {
      candidate = segments.getFirst();
    } else if (HOSTS.contains(host)) {
      if (segments.getFirst().equals("watch")) {
        candidate = queryValue(uri.getRawQuery(), "v").orElse("");
      } else if (segments.size() >= 2 && PATH_FORMS.contains(segments.getFirst())) {
        candidate = segments.get(1);
      } else {
        return Optional.empty();
      }
    } else {
      return Optional.empty();
    }
    if (!ID.matcher(candidate).matches()) {
      throw new IllegalArgumentException(
          candidate.isEmpty()
              ? "a YouTube link without a video id"
              : "'"
                  + shorten(candidate)
                  + "' is not a YouTube video id (11 letters, digits, - or _)");
    }
    return Optional.of(candidate);
  }

  private static Optional<String> queryValue(String rawQuery, String name) {
    if (rawQuery == null) {
      return Optional.empty();
    }
    for (String pair : rawQuery.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return Optional.empty();
  }

  private static String shorten(String text) {
    return text.length() <= 80 ? text : text.substring(0, 77) + "...";
  }
}
