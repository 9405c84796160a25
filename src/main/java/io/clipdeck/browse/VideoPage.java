package io.clipdeck.browse;

import io.clipdeck.data.model.Video;
import java.util.List;
import java.util.Map;

/**
 * What a page read brings back.
 *
 * @param migrated false when the database lacks Clipdeck's schema (then the page is empty)
 * @param videos the page in display order
 * @param clipCounts how many clips each video of the page has, by {@code videos.id}
 * @param beyond whether a row lies past the page in the direction it was read
 * @param matching how many videos match the filter
 * @param all how many videos there are at all; -1 when the filter is every video
 */
public record VideoPage(
    boolean migrated,
    List<Video> videos,
    Map<Long, Long> clipCounts,
    boolean beyond,
    long matching,
    long all) {

  public VideoPage {
    videos = List.copyOf(videos);
    clipCounts = Map.copyOf(clipCounts);
  }

  static final VideoPage NOT_MIGRATED = new VideoPage(false, List.of(), Map.of(), false, 0, 0);

  /** Every video in the database, filtered or not. */
  public long total() {
    return all < 0 ? matching : all;
  }
}
