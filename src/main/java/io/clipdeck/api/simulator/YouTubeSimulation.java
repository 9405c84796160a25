package io.clipdeck.api.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.clipdeck.api.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * YouTube Data API v3 under {@code /youtube/v3}: videos, captions, search, channels and
 * playlistItems, with made-up but stable data per id. Ids starting with {@code missing} do not
 * exist; channels are ids starting with {@code UC}. Quota units are counted (videos 1, captions 50,
 * search 100) and turn into 403 quotaExceeded when spent.
 */
final class YouTubeSimulation extends SimulatedProvider {

  private static final Pattern VIDEO_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private final AtomicLong unitsSpent = new AtomicLong();

  YouTubeSimulation(SimulatorSettings settings, Journal journal, Faults faults) {
    super(Provider.YOUTUBE, settings, journal, faults);
  }

  @Override
  void serve(HttpExchange exchange, Map<String, String> query, byte[] body, Instant now)
      throws IOException {
    String resource = exchange.getRequestURI().getPath().substring("/youtube/v3".length());
    if (!query.containsKey("part")) {
      sendError(
          exchange,
          400,
          "youtube.parameter",
          "missingRequiredParameter",
          "No filter selected. Expected one of: part");
      return;
    }
    int cost =
        switch (resource) {
          case "/captions" -> 50;
          case "/search" -> 100;
          default -> 1;
        };
    if (unitsSpent.addAndGet(cost) > settings.youtubeDailyUnits()) {
      sendQuotaExceeded(exchange);
      return;
    }
    switch (resource) {
      case "/videos" -> videos(exchange, query);
      case "/captions" -> captions(exchange, query);
      case "/search" -> search(exchange, query);
      case "/channels" -> channels(exchange, query);
      case "/playlistItems" -> playlistItems(exchange, query);
      default -> sendError(exchange, 404, "global", "notFound", "Not Found");
    }
  }

  private void videos(HttpExchange exchange, Map<String, String> query) throws IOException {
    String[] ids = query.getOrDefault("id", "").split(",");
    if (ids.length > 50) {
      sendError(exchange, 400, "youtube.parameter", "invalidParameter", "Too many ids");
      return;
    }
    List<Object> items = new ArrayList<>();
    for (String id : ids) {
      if (VIDEO_ID.matcher(id).matches() && !id.startsWith("missing")) {
        items.add(video(id));
      }
    }
    sendJson(
        exchange,
        200,
        Map.of(
            "kind",
            "youtube#videoListResponse",
            "etag",
            "sim-etag",
            "items",
            items,
            "pageInfo",
            Map.of("totalResults", items.size(), "resultsPerPage", items.size())),
        Map.of());
  }

  static Map<String, Object> video(String id) {
    int seed = Math.abs(id.hashCode());
    int seconds = 30 + seed % 3000;
    Map<String, Object> snippet = new LinkedHashMap<>();
    snippet.put("publishedAt", "2025-03-14T16:05:22Z");
    snippet.put("channelId", "UCsim" + (seed % 7));
    snippet.put("title", "Simulated video " + id);
    snippet.put("description", "A made-up video for the Clipdeck demo.");
    snippet.put(
        "thumbnails",
        Map.of(
            "default",
            Map.of(
                "url",
                "https://i.ytimg.com/vi/" + id + "/default.jpg",
                "width",
                120,
                "height",
                90)));
    snippet.put("channelTitle", "Sim Channel " + (seed % 7));
    snippet.put("tags", List.of("demo", "simulated"));
    snippet.put("liveBroadcastContent", "none");
    return Map.of(
        "kind",
        "youtube#video",
        "etag",
        "sim-" + id,
        "id",
        id,
        "snippet",
        snippet,
        "contentDetails",
        Map.of(
            "duration",
            Duration.ofSeconds(seconds).toString(),
            "dimension",
            "2d",
            "definition",
            seed % 2 == 0 ? "hd" : "sd",
            "caption",
            seed % 3 == 0 ? "false" : "true",
            "licensedContent",
            false),
        "statistics",
        Map.of(
            "viewCount", String.valueOf(seed % 100_000),
            "likeCount", String.valueOf(seed % 5_000),
            "commentCount", String.valueOf(seed % 300)));
  }

  private void captions(HttpExchange exchange, Map<String, String> query) throws IOException {
    String videoId = query.getOrDefault("videoId", "");
    if (videoId.isEmpty() || videoId.startsWith("missing")) {
      sendError(exchange, 404, "youtube.caption", "videoNotFound", "The video could not be found.");
      return;
    }
    List<Object> items =
        List.of(caption(videoId, "asr", "en", ""), caption(videoId, "standard", "de", "Deutsch"));
    sendJson(
        exchange, 200, Map.of("kind", "youtube#captionListResponse", "items", items), Map.of());
  }

  private static Map<String, Object> caption(
      String videoId, String kind, String language, String name) {
    return Map.of(
        "kind",
        "youtube#caption",
        "id",
        "cap-" + videoId + "-" + language,
        "snippet",
        Map.of(
            "videoId",
            videoId,
            "lastUpdated",
            "2025-03-15T09:41:07.118Z",
            "trackKind",
            kind,
            "language",
            language,
            "name",
            name,
            "audioTrackType",
            "unknown",
            "isCC",
            false,
            "isDraft",
            false,
            "status",
            "serving"));
  }

  private void search(HttpExchange exchange, Map<String, String> query) throws IOException {
    int total = 120;
    int pageSize = Math.clamp(Integer.parseInt(query.getOrDefault("maxResults", "5")), 1, 50);
    int offset;
    try {
      offset = offsetOf(query.get("pageToken"));
    } catch (IllegalArgumentException badToken) {
      sendError(
          exchange,
          400,
          "global",
          "invalidPageToken",
          "The request specifies an invalid page token.");
      return;
    }
    List<Object> items = new ArrayList<>();
    String q = query.getOrDefault("q", "");
    for (int i = offset; i < Math.min(total, offset + pageSize); i++) {
      String id = "s" + Math.abs((q + i).hashCode());
      items.add(
          Map.of(
              "kind", "youtube#searchResult",
              "id", Map.of("kind", "youtube#video", "videoId", id),
              "snippet",
                  Map.of(
                      "publishedAt", "2024-11-02T08:30:00Z",
                      "channelId", "UCsim1",
                      "title",
                          "Result "
                              + i
                              + " for "
                              + q
                              + " &amp; more: Don&#39;t miss &quot;it&quot;",
                      "description", "Truncated description",
                      "channelTitle", "Crumb &amp; Crust",
                      "liveBroadcastContent", "none")));
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("kind", "youtube#searchListResponse");
    response.put("regionCode", "DE");
    response.put("pageInfo", Map.of("totalResults", 1_000_000, "resultsPerPage", pageSize));
    response.put("items", items);
    if (offset + pageSize < total) {
      response.put("nextPageToken", tokenOf(offset + pageSize));
    }
    sendJson(exchange, 200, response, Map.of());
  }

  private void channels(HttpExchange exchange, Map<String, String> query) throws IOException {
    String id = query.getOrDefault("id", "");
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("kind", "youtube#channelListResponse");
    if (id.startsWith("UC")) {
      response.put("pageInfo", Map.of("totalResults", 1, "resultsPerPage", 5));
      response.put(
          "items",
          List.of(
              Map.of(
                  "kind",
                  "youtube#channel",
                  "id",
                  id,
                  "contentDetails",
                  Map.of(
                      "relatedPlaylists",
                      Map.of("likes", "", "uploads", "UU" + id.substring(2))))));
    } else {
      // YouTube omits "items" entirely when nothing matches.
      response.put("pageInfo", Map.of("totalResults", 0, "resultsPerPage", 5));
    }
    sendJson(exchange, 200, response, Map.of());
  }

  private void playlistItems(HttpExchange exchange, Map<String, String> query) throws IOException {
    String playlist = query.getOrDefault("playlistId", "");
    if (!playlist.startsWith("UU")) {
      sendError(
          exchange,
          404,
          "youtube.playlistItem",
          "playlistNotFound",
          "The playlist cannot be found.");
      return;
    }
    int pageSize = Math.clamp(Integer.parseInt(query.getOrDefault("maxResults", "5")), 0, 50);
    int offset;
    try {
      offset = offsetOf(query.get("pageToken"));
    } catch (IllegalArgumentException badToken) {
      sendError(
          exchange,
          400,
          "global",
          "invalidPageToken",
          "The request specifies an invalid page token.");
      return;
    }
    int total = settings.channelUploads();
    List<Object> items = new ArrayList<>();
    for (int i = offset; i < Math.min(total, offset + pageSize); i++) {
      String videoId = playlist.substring(2, Math.min(playlist.length(), 8)) + "v" + i;
      items.add(
          Map.of(
              "kind",
              "youtube#playlistItem",
              "id",
              "pi-" + i,
              "snippet",
              Map.of(
                  "publishedAt",
                  "2025-03-14T16:05:40Z",
                  "title",
                  "Upload " + i,
                  "playlistId",
                  playlist,
                  "position",
                  i,
                  "resourceId",
                  Map.of("kind", "youtube#video", "videoId", videoId)),
              "contentDetails",
              Map.of("videoId", videoId, "videoPublishedAt", "2025-03-14T16:05:22Z")));
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("kind", "youtube#playlistItemListResponse");
    response.put("pageInfo", Map.of("totalResults", total, "resultsPerPage", pageSize));
    response.put("items", items);
    if (offset + pageSize < total) {
      response.put("nextPageToken", tokenOf(offset + pageSize));
    }
    sendJson(exchange, 200, response, Map.of());
  }

  private static String tokenOf(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int offsetOf(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    if (!decoded.startsWith("offset:")) {
      throw new IllegalArgumentException("not a simulator page token");
    }
    return Integer.parseInt(decoded.substring("offset:".length()));
  }

  private static void sendError(
      HttpExchange exchange, int status, String domain, String reason, String message)
      throws IOException {
    sendJson(
        exchange,
        status,
        Map.of(
            "error",
            Map.of(
                "code", status,
                "message", message,
                "errors", List.of(Map.of("message", message, "domain", domain, "reason", reason)))),
        Map.of());
  }

  @Override
  String presentedKey(HttpExchange exchange, Map<String, String> query) {
    return query.getOrDefault("key", "");
  }

  @Override
  void sendRateLimited(HttpExchange exchange, Duration retryAfter) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds(retryAfter));
    sendError(
        exchange,
        429,
        "global",
        "rateLimitExceeded",
        "Resource has been exhausted (e.g. check quota).");
  }

  @Override
  void sendQuotaExceeded(HttpExchange exchange) throws IOException {
    sendError(
        exchange,
        403,
        "youtube.quota",
        "quotaExceeded",
        "The request cannot be completed because you have exceeded your quota.");
  }

  @Override
  void sendUnauthorized(HttpExchange exchange) throws IOException {
    sendJson(
        exchange,
        400,
        Map.of(
            "error",
            Map.of(
                "code",
                400,
                "message",
                "API key not valid. Please pass a valid API key.",
                "errors",
                List.of(
                    Map.of(
                        "message", "API key not valid. Please pass a valid API key.",
                        "domain", "global",
                        "reason", "badRequest")),
                "status",
                "INVALID_ARGUMENT",
                "details",
                List.of(
                    Map.of(
                        "@type", "type.googleapis.com/google.rpc.ErrorInfo",
                        "reason", "API_KEY_INVALID",
                        "domain", "googleapis.com")))),
        Map.of());
  }

  @Override
  void sendServerError(HttpExchange exchange, int status) throws IOException {
    sendError(exchange, status, "global", "backendError", "The service is currently unavailable.");
  }
}
