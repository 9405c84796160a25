package io.clipdeck.api.youtube;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/**
 * YouTube Data API v3 JSON as sent, field for field; the client turns it into the public records.
 * Lists may be absent (channels.list with no match has no {@code items}), so they are null-safe.
 */
final class YouTubeWire {

  private YouTubeWire() {}

  static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  @JsonIgnoreProperties(ignoreUnknown = true)
  record VideoListResponse(List<Video> items, String nextPageToken) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Video(String id, Snippet snippet, ContentDetails contentDetails, Statistics statistics) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Snippet(
      String publishedAt,
      String channelId,
      String title,
      String description,
      Map<String, Thumbnail> thumbnails,
      String channelTitle,
      List<String> tags,
      String liveBroadcastContent,
      String playlistId,
      Integer position,
      ResourceId resourceId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Thumbnail(String url, Integer width, Integer height) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ContentDetails(
      String duration,
      String definition,
      String caption,
      String videoId,
      String videoPublishedAt,
      RelatedPlaylists relatedPlaylists) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record RelatedPlaylists(String uploads) {}

  /** Counts arrive as strings ({@code "viewCount":"48213"}) and any may be missing. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Statistics(String viewCount, String likeCount, String commentCount) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CaptionListResponse(List<Caption> items) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Caption(String id, CaptionSnippet snippet) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record CaptionSnippet(
      String videoId,
      String lastUpdated,
      String trackKind,
      String language,
      String name,
      Boolean isCC,
      Boolean isAutoSynced,
      String status) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SearchListResponse(List<SearchItem> items, String nextPageToken, PageInfo pageInfo) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record SearchItem(ResourceId id, Snippet snippet) {}

  /** {@code kind} tells which id is present. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record ResourceId(String kind, String videoId, String channelId, String playlistId) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PageInfo(Long totalResults, Integer resultsPerPage) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record ChannelListResponse(List<Channel> items) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Channel(String id, ContentDetails contentDetails) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PlaylistItemListResponse(List<PlaylistItem> items, String nextPageToken) {}

  @JsonIgnoreProperties(ignoreUnknown = true)
  record PlaylistItem(String id, Snippet snippet, ContentDetails contentDetails) {}
}
