package io.clipdeck.api.youtube;

import io.clipdeck.api.ApiClient;
import io.clipdeck.api.ApiClientConfig;
import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiException;
import io.clipdeck.api.ApiRequest;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.Provider;
import io.clipdeck.api.QuotaLedger;
import io.clipdeck.api.SharedCache;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * YouTube Data API v3 with an API key: video details (batches of 50 ids per request, one quota unit
 * each), caption tracks, search, and a channel's uploads.
 */
public final class YouTubeClient implements AutoCloseable {

  /** {@code videos.list} takes at most this many ids per request. */
  public static final int MAX_IDS_PER_REQUEST = 50;

  private final ApiClient api;

  public YouTubeClient(ApiClient api) {
    if (api.config().provider() != Provider.YOUTUBE) {
      throw new IllegalArgumentException("a YouTube client needs a YouTube ApiClient");
    }
    this.api = api;
  }

  public static YouTubeClient create(
      ApiClientConfig config, QuotaLedger ledger, SharedCache shared) {
    return new YouTubeClient(new ApiClient(config, new YouTubeErrors(), ledger, shared));
  }

  public ApiClient api() {
    return api;
  }

  /** Details of one video, empty when it is unknown, private or deleted. */
  public Optional<VideoInfo> videoInfo(String videoId) {
    return videoInfo(List.of(videoId), CallOptions.cached()).stream().findFirst();
  }

  /**
   * Details of many videos, one request per 50 ids, in the order asked; ids YouTube does not return
   * (unknown, private, deleted) are simply absent.
   */
  public List<VideoInfo> videoInfo(List<String> videoIds, CallOptions options) {
    List<VideoInfo> found = new ArrayList<>();
    for (int from = 0; from < videoIds.size(); from += MAX_IDS_PER_REQUEST) {
      found.addAll(
          videoBatch(
              videoIds.subList(from, Math.min(videoIds.size(), from + MAX_IDS_PER_REQUEST)),
              options));
    }
    return found;
  }

  /** One {@code videos.list} request for at most 50 ids. */
  public List<VideoInfo> videoBatch(List<String> videoIds, CallOptions options) {
    if (videoIds.size() > MAX_IDS_PER_REQUEST) {
      throw new IllegalArgumentException(
          "videos.list takes at most 50 ids, got " + videoIds.size());
    }
    if (videoIds.isEmpty()) {
      return List.of();
    }
    Map<String, String> query = new LinkedHashMap<>();
    query.put("part", "snippet,contentDetails,statistics");
    query.put("id", String.join(",", videoIds));
    query.put("maxResults", String.valueOf(MAX_IDS_PER_REQUEST));
    YouTubeWire.VideoListResponse response =
        api.call(
            ApiRequest.get("videos.list", "/videos", query),
            body -> JsonSupport.read(body, YouTubeWire.VideoListResponse.class),
            options);
    return YouTubeWire.orEmpty(response.items()).stream().map(YouTubeClient::toVideoInfo).toList();
  }

  /** The caption tracks of a video (50 quota units per call: check {@code hasCaptions} first). */
  public List<CaptionTrack> captions(String videoId) {
    YouTubeWire.CaptionListResponse response =
        api.call(
            ApiRequest.get(
                "captions.list", "/captions", Map.of("part", "snippet", "videoId", videoId)),
            body -> JsonSupport.read(body, YouTubeWire.CaptionListResponse.class),
            CallOptions.cached());
    return YouTubeWire.orEmpty(response.items()).stream()
        .map(
            caption ->
                new CaptionTrack(
                    caption.id(),
                    caption.snippet() == null ? videoId : caption.snippet().videoId(),
                    caption.snippet() == null ? "" : nullToEmpty(caption.snippet().language()),
                    caption.snippet() == null ? "" : nullToEmpty(caption.snippet().name()),
                    caption.snippet() == null ? "" : nullToEmpty(caption.snippet().trackKind()),
                    caption.snippet() == null ? "" : nullToEmpty(caption.snippet().status()),
                    caption.snippet() == null
                        ? Optional.empty()
                        : instant(caption.snippet().lastUpdated())))
        .toList();
  }

  /** Videos matching {@code query} (one call from the search bucket of 100 a day). */
  public SearchPage search(String query, int maxResults, Optional<String> pageToken) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("part", "snippet");
    params.put("q", query);
    params.put("type", "video");
    params.put("maxResults", String.valueOf(Math.clamp(maxResults, 1, MAX_IDS_PER_REQUEST)));
    pageToken.ifPresent(token -> params.put("pageToken", token));
    YouTubeWire.SearchListResponse response =
        api.call(
            ApiRequest.get("search.list", "/search", params),
            body -> JsonSupport.read(body, YouTubeWire.SearchListResponse.class),
            CallOptions.cached());
    List<SearchResult> results =
        YouTubeWire.orEmpty(response.items()).stream()
            .filter(item -> item.id() != null && item.id().videoId() != null)
            .map(
                item ->
                    new SearchResult(
                        item.id().videoId(),
                        // search.list sends these HTML-escaped (&amp;, &#39;, &quot;).
                        item.snippet() == null ? "" : HtmlText.unescape(item.snippet().title()),
                        item.snippet() == null
                            ? ""
                            : HtmlText.unescape(item.snippet().description()),
                        item.snippet() == null
                            ? ""
                            : HtmlText.unescape(item.snippet().channelTitle()),
                        item.snippet() == null
                            ? Optional.empty()
                            : instant(item.snippet().publishedAt())))
            .toList();
    return new SearchPage(results, Optional.ofNullable(response.nextPageToken()));
  }

  /**
   * Up to {@code max} of a channel's uploads, newest first: {@code channels.list} for the uploads
   * playlist, then {@code playlistItems.list} page by page (1 unit each).
   *
   * @throws ApiException of kind NOT_FOUND when the channel does not exist
   */
  public List<ChannelVideo> channelVideos(String channelId, int max) {
    YouTubeWire.ChannelListResponse channels =
        api.call(
            ApiRequest.get(
                "channels.list", "/channels", Map.of("part", "contentDetails", "id", channelId)),
            body -> JsonSupport.read(body, YouTubeWire.ChannelListResponse.class),
            CallOptions.cached());
    String uploads =
        YouTubeWire.orEmpty(channels.items()).stream()
            .map(YouTubeWire.Channel::contentDetails)
            .filter(details -> details != null && details.relatedPlaylists() != null)
            .map(details -> details.relatedPlaylists().uploads())
            .filter(id -> id != null && !id.isEmpty())
            .findFirst()
            .orElseThrow(
                () ->
                    new ApiException(
                        Provider.YOUTUBE,
                        ApiErrorKind.NOT_FOUND,
                        200,
                        "channelNotFound",
                        1,
                        "No channel or uploads playlist for id " + channelId,
                        null));
    List<ChannelVideo> videos = new ArrayList<>();
    Optional<String> pageToken = Optional.empty();
    do {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("part", "snippet,contentDetails");
      params.put("playlistId", uploads);
      params.put("maxResults", String.valueOf(MAX_IDS_PER_REQUEST));
      pageToken.ifPresent(token -> params.put("pageToken", token));
      YouTubeWire.PlaylistItemListResponse page =
          api.call(
              ApiRequest.get("playlistItems.list", "/playlistItems", params),
              body -> JsonSupport.read(body, YouTubeWire.PlaylistItemListResponse.class),
              CallOptions.cached());
      for (YouTubeWire.PlaylistItem item : YouTubeWire.orEmpty(page.items())) {
        if (videos.size() < max) {
          videos.add(toChannelVideo(item));
        }
      }
      pageToken = Optional.ofNullable(page.nextPageToken());
    } while (pageToken.isPresent() && videos.size() < max);
    return videos;
  }

  private static ChannelVideo toChannelVideo(YouTubeWire.PlaylistItem item) {
    YouTubeWire.ContentDetails details = item.contentDetails();
    String videoId =
        details != null && details.videoId() != null
            ? details.videoId()
            : item.snippet() != null && item.snippet().resourceId() != null
                ? item.snippet().resourceId().videoId()
                : "";
    return new ChannelVideo(
        videoId,
        item.snippet() == null ? "" : nullToEmpty(item.snippet().title()),
        details == null ? Optional.empty() : instant(details.videoPublishedAt()));
  }

  static VideoInfo toVideoInfo(YouTubeWire.Video video) {
    YouTubeWire.Snippet snippet = video.snippet();
    YouTubeWire.ContentDetails details = video.contentDetails();
    YouTubeWire.Statistics stats = video.statistics();
    Optional<String> thumbnail =
        snippet == null || snippet.thumbnails() == null
            ? Optional.empty()
            : java.util.stream.Stream.of("maxres", "standard", "high", "medium", "default")
                .map(snippet.thumbnails()::get)
                .filter(t -> t != null && t.url() != null)
                .map(YouTubeWire.Thumbnail::url)
                .findFirst();
    return new VideoInfo(
        video.id(),
        snippet == null ? "" : nullToEmpty(snippet.title()),
        snippet == null ? "" : nullToEmpty(snippet.description()),
        snippet == null ? "" : nullToEmpty(snippet.channelId()),
        snippet == null ? "" : nullToEmpty(snippet.channelTitle()),
        snippet == null ? Optional.empty() : instant(snippet.publishedAt()),
        details == null ? Optional.empty() : duration(details.duration()),
        details != null && "true".equals(details.caption()),
        details == null ? "" : nullToEmpty(details.definition()),
        stats == null ? OptionalLong.empty() : count(stats.viewCount()),
        stats == null ? OptionalLong.empty() : count(stats.likeCount()),
        stats == null ? OptionalLong.empty() : count(stats.commentCount()),
        snippet == null || snippet.tags() == null ? List.of() : snippet.tags(),
        thumbnail);
  }

  /**
   * ISO-8601 durations ({@code PT4M13S}, {@code P1DT2H3M4S}, {@code P0D}); week or month forms,
   * which {@link Duration#parse} refuses, give "unknown" instead of failing the whole batch.
   */
  public static Optional<Duration> duration(String iso) {
    if (iso == null || iso.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Duration.parse(iso));
    } catch (DateTimeParseException unusualForm) {
      return Optional.empty();
    }
  }

  private static Optional<Instant> instant(String text) {
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static OptionalLong count(String text) {
    if (text == null) {
      return OptionalLong.empty();
    }
    try {
      return OptionalLong.of(Long.parseLong(text));
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }

  @Override
  public void close() {
    api.close();
  }
}
