package io.clipdeck.data.model;

import java.time.Instant;

/**
 * A row of {@code videos}.
 *
 * @param id null for a video not stored yet
 * @param videoId the platform's external id
 * @param durationS seconds; null when unknown
 * @param processingTimeS seconds the pipeline took; null until processed
 */
public record Video(
    Long id,
    String videoId,
    long userId,
    String url,
    String title,
    String description,
    Double durationS,
    VideoStatus status,
    String thumbnailPath,
    String narrationPath,
    Double processingTimeS,
    String error,
    Instant createdAt,
    Instant updatedAt) {

  /** A new pending video. */
  public static Video of(String videoId, long userId, String url, String title) {
    return new Video(
        null,
        videoId,
        userId,
        url,
        title,
        null,
        null,
        VideoStatus.PENDING,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  public Video withStatus(VideoStatus value, Double processingTime) {
    return new Video(
        id,
        videoId,
        userId,
        url,
        title,
        description,
        durationS,
        value,
        thumbnailPath,
        narrationPath,
        processingTime,
        error,
        createdAt,
        updatedAt);
  }

  public Video withDuration(Double seconds) {
    return new Video(
        id,
        videoId,
        userId,
        url,
        title,
        description,
        seconds,
        status,
        thumbnailPath,
        narrationPath,
        processingTimeS,
        error,
        createdAt,
        updatedAt);
  }
}
