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
 * A YouTube video address and the video id in it, in every form YouTube serves: {@code watch?v=}
 * (also {@code watch_popup}, the root with {@code ?v=}, and the old {@code #!v=} and {@code
 * #/watch?v=} fragments), {@code attribution_link} with its URL-encoded {@code u} target, {@code
 * youtu.be/}, {@code embed/}, {@code shorts/}, {@code live/}, {@code v/} and {@code e/}; on any
 * YouTube host (www, m, music, gaming, youtube-nocookie), with or without a scheme and with any
 * parameters (timestamps, playlists, {@code si=}, {@code feature=}); a bare 11-character id is
 * taken too. A word of the URL scheme is never taken for an id, even one of 11 characters ({@code
 * videoseries}, {@code live_stream}, {@code watch_popup}). The one reader of video links: the
 * browser's "new video" and the enrichment import both use it.
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
          "gaming.youtube.com",
          "youtube-nocookie.com",
          "www.youtube-nocookie.com",
          "youtube.googleapis.com");
  private static final Set<String> SHORT_HOSTS = Set.of("youtu.be", "www.youtu.be");

  /** Paths whose next segment is the video id. */
  private static final Set<String> PATH_FORMS = Set.of("shorts", "embed", "live", "v", "e");

  /** Paths whose {@code v} parameter is the video id. */
  private static final Set<String> WATCH_FORMS = Set.of("watch", "watch_popup", "");

  /**
   * Words of YouTube's URL scheme: never a video id, although some have 11 characters ({@code
   * videoseries}, {@code live_stream}, {@code watch_popup}, {@code attribution}).
   */
  private static final Set<String> RESERVED =
      Set.of(
          "watch",
          "watch_popup",
          "watch_videos",
          "embed",
          "shorts",
          "live",
          "live_stream",
          "videoseries",
          "playlist",
          "channel",
          "c",
          "user",
          "v",
          "e",
          "results",
          "feed",
          "attribution",
          "attribution_link",
          "redirect",
          "hashtag",
          "oembed",
          "iframe_api",
          "subscription_center",
          "premium",
          "account",
          "about",
          "videos",
          "community",
          "featured",
          "streams");

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
    if (isId(line)) {
      return Optional.of(line);
    }
    URI uri;
    try {
      // Embed snippets write protocol-relative links: //www.youtube.com/embed/ID
      String absolute =
          line.contains("://") ? line : line.startsWith("//") ? "https:" + line : "https://" + line;
      uri = new URI(absolute);
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      return Optional.empty();
    }
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    String candidate;
    if (SHORT_HOSTS.contains(host)) {
      candidate = segments(uri.getRawPath()).getFirst();
    } else if (HOSTS.contains(host)) {
      Optional<String> found = onYouTube(uri.getRawPath(), uri.getRawQuery(), uri.getRawFragment());
      if (found == null) {
        return Optional.empty();
      }
      candidate = found.orElse("");
    } else {
      return Optional.empty();
    }
    if (!isId(candidate)) {
      throw new IllegalArgumentException(
          candidate.isEmpty() || RESERVED.contains(candidate)
              ? "a YouTube link without a video id"
              : "'"
                  + shorten(candidate)
                  + "' is not a YouTube video id (11 letters, digits, - or _)");
    }
    return Optional.of(candidate);
  }

  /**
   * The id in a path, query and fragment on a YouTube host: empty when it is a video form without a
   * usable id, null when the path is no video form at all (a channel, a playlist, search).
   */
  private static Optional<String> onYouTube(String rawPath, String rawQuery, String rawFragment) {
    List<String> segments = segments(rawPath);
    String first = segments.getFirst();
    if (first.equals("attribution_link")) {
      // The target is a URL-encoded path and query on youtube.com: /watch?v=ID&feature=share
      Optional<String> target = queryValue(rawQuery, "u");
      if (target.isEmpty()) {
        return Optional.empty();
      }
      URI inner;
      try {
        inner = URI.create("https://www.youtube.com/").resolve(target.get());
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
      String innerHost = inner.getHost() == null ? "" : inner.getHost().toLowerCase(Locale.ROOT);
      if (!HOSTS.contains(innerHost)) {
        return Optional.empty();
      }
      Optional<String> found = onYouTube(inner.getRawPath(), inner.getRawQuery(), null);
      return found == null ? Optional.empty() : found;
    }
    if (WATCH_FORMS.contains(first) && segments.size() == 1) {
      Optional<String> id = queryValue(rawQuery, "v");
      if (id.isEmpty() && rawFragment != null) {
        id = fromFragment(rawFragment);
      }
      if (id.isEmpty() && first.isEmpty()) {
        return null; // the home page
      }
      return id;
    }
    if (PATH_FORMS.contains(first)) {
      return Optional.of(segments.size() >= 2 ? segments.get(1) : "");
    }
    return null;
  }

  /** The old single-page forms: {@code #!v=ID}, {@code #/watch?v=ID}. */
  private static Optional<String> fromFragment(String rawFragment) {
    String fragment = rawFragment.replaceFirst("^!", "");
    int question = fragment.indexOf('?');
    return queryValue(question >= 0 ? fragment.substring(question + 1) : fragment, "v");
  }

  private static List<String> segments(String rawPath) {
    String path = rawPath == null ? "" : rawPath.replaceFirst("^/+", "").replaceFirst("/+$", "");
    return List.of(path.split("/+"));
  }

  private static boolean isId(String candidate) {
    return ID.matcher(candidate).matches() && !RESERVED.contains(candidate);
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
