package io.clipdeck.api.youtube;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One video from {@code videos.list}.
 *
 * @param duration empty when YouTube sent none or a form Java cannot parse (weeks, months)
 * @param hasCaptions YouTube's {@code contentDetails.caption}, sent as the string "true"
 */
public record VideoInfo(
    String id,
    String title,
    String description,
    String channelId,
    String channelTitle,
    Optional<Instant> publishedAt,
    Optional<Duration> duration,
    boolean hasCaptions,
    String definition,
    OptionalLong viewCount,
    OptionalLong likeCount,
    OptionalLong commentCount,
    List<String> tags,
    Optional<String> thumbnailUrl) {

  public VideoInfo {
    tags = List.copyOf(tags);
  }
}
