package io.clipdeck.enrich;

import io.clipdeck.data.QueryExecutor;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a step needs to know of a video, read fresh (never from the cache: another worker may have
 * just written the metadata).
 *
 * @param id the {@code videos.id} row
 * @param externalId the platform's id ({@code videos.video_id}), what YouTube knows it by
 */
public record VideoInput(
    long id,
    String externalId,
    long userId,
    String url,
    String title,
    String description,
    Double durationS) {

  /** A line to send a model: the title, else the URL. */
  public String titleOrUrl() {
    return title == null || title.isBlank() ? url : title;
  }

  public String descriptionOrTitle() {
    return description == null || description.isBlank() ? titleOrUrl() : description;
  }

  private static Double durationOrNull(java.sql.ResultSet row) throws java.sql.SQLException {
    double value = row.getDouble(7);
    return row.wasNull() ? null : value;
  }

  static Map<Long, VideoInput> read(QueryExecutor executor, Collection<Long> ids) {
    if (ids.isEmpty()) {
      return Map.of();
    }
    return executor
        .query(
            "SELECT id, video_id, user_id, url, title, description, duration_s FROM videos WHERE id"
                + " IN ("
                + TaskQueue.marks(ids.size())
                + ")",
            List.copyOf(ids),
            row ->
                new VideoInput(
                    row.getLong(1),
                    row.getString(2),
                    row.getLong(3),
                    row.getString(4),
                    row.getString(5),
                    row.getString(6),
                    durationOrNull(row)))
        .stream()
        .collect(Collectors.toMap(VideoInput::id, Function.identity()));
  }
}
