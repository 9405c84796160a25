package io.clipdeck.api.youtube;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A YouTube video address and the video id in it: {@code youtube.com/watch?v=ID}, {@code
 * youtu.be/ID}, {@code youtube.com/shorts/ID}, {@code /embed/ID} and {@code /live/ID}, on the
 * {@code www.}, {@code m.} and {@code music.} hosts, over http or https.
 *
 * @param url the address as typed, trimmed
 * @param videoId YouTube's 11-character id
 */
public record YouTubeUrl(String url, String videoId) {

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{11}");
  private static final Set<String> HOSTS =
      Set.of("youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com");
  private static final Set<String> PATH_PREFIXES = Set.of("shorts", "embed", "live", "v");

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
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "'" + url + "' is not a URL (" + e.getReason() + "): " + EXAMPLE + ".");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new IllegalArgumentException(
          "'" + url + "' is not a web address (it needs https://): " + EXAMPLE + ".");
    }
    String candidate = null;
    String[] path = uri.getPath() == null ? new String[0] : uri.getPath().split("/");
    if (host.equals("youtu.be")) {
      candidate = path.length > 1 ? path[1] : null;
    } else if (HOSTS.contains(host)) {
      if (path.length == 2 && path[1].equals("watch")) {
        candidate = queryValue(uri.getRawQuery(), "v");
      } else if (path.length > 2 && PATH_PREFIXES.contains(path[1])) {
        candidate = path[2];
      }
    } else {
      throw new IllegalArgumentException("'" + host + "' is not YouTube: " + EXAMPLE + ".");
    }
    if (candidate == null || candidate.isEmpty()) {
      throw new IllegalArgumentException(
          "'" + url + "' names no video (no v= or /ID part): " + EXAMPLE + ".");
    }
    if (!ID.matcher(candidate).matches()) {
      throw new IllegalArgumentException(
          "'"
              + candidate
              + "' is not a YouTube video id (11 letters, digits, - or _): check the URL, or "
              + EXAMPLE
              + ".");
    }
    return new YouTubeUrl(url, candidate);
  }

  private static String queryValue(String query, String name) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0 && pair.substring(0, equals).equals(name)) {
        return pair.substring(equals + 1);
      }
    }
    return null;
  }
}
