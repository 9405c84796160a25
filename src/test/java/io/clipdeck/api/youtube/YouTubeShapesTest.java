package io.clipdeck.api.youtube;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiFailure;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.Responses;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** YouTube's documented shapes parse, unknown fields included, and its errors classify. */
class YouTubeShapesTest {

  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private final YouTubeErrors errors = new YouTubeErrors();

  @Test
  void videosListParsesWithStringCountsAndUnknownFields() throws Exception {
    String body =
        """
        {"kind":"youtube#videoListResponse","etag":"x","futureField":{"a":1},
         "items":[{"kind":"youtube#video","id":"Qm7vT2xK9aB",
           "snippet":{"publishedAt":"2025-03-14T16:05:22Z","channelId":"UCx3","title":"Sourdough",
             "description":"d","thumbnails":{"default":{"url":"https://i/d.jpg","width":120,"height":90},
             "fhd":{"url":"https://i/fhd.jpg"}},"channelTitle":"Crumb","categoryId":"26",
             "liveBroadcastContent":"none","localized":{"title":"t"}},
           "contentDetails":{"duration":"PT4M13S","dimension":"2d","definition":"hd","caption":"true",
             "licensedContent":false,"contentRating":{},"projection":"rectangular"},
           "statistics":{"viewCount":"48213","likeCount":"1320","favoriteCount":"0"}}],
         "pageInfo":{"totalResults":1,"resultsPerPage":1}}
        """;

    YouTubeWire.VideoListResponse wire =
        JsonSupport.read(Responses.json(200, body), YouTubeWire.VideoListResponse.class);
    VideoInfo video = YouTubeClient.toVideoInfo(wire.items().getFirst());

    assertThat(video.id()).isEqualTo("Qm7vT2xK9aB");
    assertThat(video.duration()).contains(Duration.ofSeconds(253));
    assertThat(video.hasCaptions()).isTrue();
    assertThat(video.viewCount()).hasValue(48213);
    assertThat(video.commentCount()).isEmpty();
    assertThat(video.publishedAt()).contains(Instant.parse("2025-03-14T16:05:22Z"));
    assertThat(video.thumbnailUrl()).contains("https://i/d.jpg");
  }

  @Test
  void isoDurationsParseAndOddFormsBecomeUnknown() {
    assertThat(YouTubeClient.duration("PT45S")).contains(Duration.ofSeconds(45));
    assertThat(YouTubeClient.duration("PT1H2M3S")).contains(Duration.ofSeconds(3723));
    assertThat(YouTubeClient.duration("P1DT2H3M4S")).contains(Duration.ofSeconds(93_784));
    assertThat(YouTubeClient.duration("P0D")).contains(Duration.ZERO);
    assertThat(YouTubeClient.duration("P1W")).isEmpty();
    assertThat(YouTubeClient.duration(null)).isEmpty();
  }

  @Test
  void aChannelListWithoutItemsIsEmpty() throws Exception {
    YouTubeWire.ChannelListResponse wire =
        JsonSupport.read(
            Responses.json(
                200,
                "{\"kind\":\"youtube#channelListResponse\",\"pageInfo\":{\"totalResults\":0}}"),
            YouTubeWire.ChannelListResponse.class);
    assertThat(YouTubeWire.orEmpty(wire.items())).isEmpty();
  }

  private ApiFailure classify(int status, String domain, String reason) {
    return errors.classify(
        Responses.json(
            status,
            "{\"error\":{\"code\":"
                + status
                + ",\"message\":\"m\",\"errors\":[{\"message\":\"m\",\"domain\":\""
                + domain
                + "\",\"reason\":\""
                + reason
                + "\"}],\"status\":\"X\"}}"),
        NOW);
  }

  @Test
  void errorsClassifyByReason() {
    ApiFailure quota = classify(403, "youtube.quota", "quotaExceeded");
    assertThat(quota.parkUntil()).contains(Instant.parse("2026-03-03T08:00:00Z"));
    assertThat(quota.retryable()).isFalse();

    ApiFailure shortTerm = classify(403, "usageLimits", "rateLimitExceeded");
    assertThat(shortTerm.kind()).isEqualTo(ApiErrorKind.RATE_LIMITED);
    assertThat(shortTerm.retryable()).isTrue();

    assertThat(classify(403, "usageLimits", "accessNotConfigured").kind())
        .isEqualTo(ApiErrorKind.REJECTED);
    assertThat(classify(404, "youtube.playlistItem", "playlistNotFound").kind())
        .isEqualTo(ApiErrorKind.NOT_FOUND);
    assertThat(classify(400, "global", "invalidPageToken").retryable()).isFalse();
    assertThat(classify(503, "global", "backendError").retryable()).isTrue();
    assertThat(classify(429, "global", "rateLimitExceeded").retryable()).isTrue();
  }

  @Test
  void anInvalidKeyInTheNewerShapeIsUnauthorized() {
    String body =
        """
        {"error":{"code":400,"message":"API key not valid.","errors":[{"message":"API key not valid.",
          "domain":"global","reason":"badRequest"}],"status":"INVALID_ARGUMENT",
          "details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID",
          "domain":"googleapis.com","metadata":{"service":"youtube.googleapis.com"}}]}}
        """;
    ApiFailure failure = errors.classify(Responses.json(400, body), NOW);
    assertThat(failure.kind()).isEqualTo(ApiErrorKind.UNAUTHORIZED);
    assertThat(failure.reason()).isEqualTo("API_KEY_INVALID");
  }

  @Test
  void aNonJsonErrorStillClassifiesByStatus() {
    ApiFailure failure =
        errors.classify(
            Responses.json(502, "<html>Bad Gateway</html>", "content-type", "text/html"), NOW);
    assertThat(failure.kind()).isEqualTo(ApiErrorKind.SERVER_ERROR);
    assertThat(failure.retryable()).isTrue();
    assertThat(List.of(failure.reason())).containsExactly("HTTP 502");
  }
}
