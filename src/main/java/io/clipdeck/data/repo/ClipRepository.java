package io.clipdeck.data.repo;

import io.clipdeck.data.Column;
import io.clipdeck.data.ColumnType;
import io.clipdeck.data.Columns;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.RowMapper;
import io.clipdeck.data.model.Clip;
import io.clipdeck.db.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Clips, and the clips of a video in playing order. */
public final class ClipRepository extends TableRepository<Clip> {

  public static final Columns COLUMNS =
      Columns.of(
          "clips",
          Column.readOnly("id", ColumnType.ID),
          Column.required("video_id", ColumnType.ID),
          Column.required("start_s", ColumnType.DOUBLE),
          Column.required("end_s", ColumnType.DOUBLE),
          Column.required("duration_s", ColumnType.DOUBLE),
          Column.optional("caption", ColumnType.TEXT),
          Column.required("effects", ColumnType.JSON_ARRAY),
          Column.readOnly("created_at", ColumnType.TIMESTAMP));

  public ClipRepository(QueryExecutor executor, Clock clock, Duration cacheTtl) {
    super(executor, new Mapping(), clock, cacheTtl);
  }

  /** A video's clips by start time (at most 10,000). */
  public List<Clip> clipsOf(long videoId) {
    return executor.query(
        selectFrom()
            + " WHERE "
            + q("video_id")
            + " = ? ORDER BY "
            + q("start_s")
            + ", "
            + q("id")
            + " LIMIT ?",
        List.of(videoId, Columns.MAX_LIMIT),
        mapper(),
        reads());
  }

  /** How many clips each of these videos has; a video without clips is left out. */
  public Map<Long, Long> countsOf(Collection<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return Map.of();
    }
    if (videoIds.size() > Columns.MAX_LIMIT) {
      throw new IllegalArgumentException(
          videoIds.size()
              + " videos: count the clips of at most "
              + Columns.MAX_LIMIT
              + " at once");
    }
    String marks = String.join(", ", Collections.nCopies(videoIds.size(), "?"));
    Map<Long, Long> counts = new HashMap<>();
    executor
        .query(
            "SELECT "
                + q("video_id")
                + ", COUNT(*) FROM "
                + q("clips")
                + " WHERE "
                + q("video_id")
                + " IN ("
                + marks
                + ") GROUP BY "
                + q("video_id"),
            List.copyOf(videoIds),
            row -> Map.entry(row.getLong(1), row.getLong(2)),
            reads(Map.Entry.class))
        .forEach(entry -> counts.put(entry.getKey(), entry.getValue()));
    return counts;
  }

  private static final class Mapping implements EntityMapping<Clip> {
    @Override
    public Columns columns() {
      return COLUMNS;
    }

    @Override
    public Class<Clip> type() {
      return Clip.class;
    }

    @Override
    public RowMapper<Clip> mapper(Dialect dialect) {
      return row ->
          new Clip(
              row.getLong("id"),
              row.getLong("video_id"),
              row.getDouble("start_s"),
              row.getDouble("end_s"),
              row.getDouble("duration_s"),
              row.getString("caption"),
              ColumnType.jsonArray(row, "effects"),
              dialect.instant(row, "created_at"));
    }

    @Override
    public Map<String, Object> values(Clip clip) {
      Map<String, Object> values = new HashMap<>();
      values.put("id", clip.id());
      values.put("video_id", clip.videoId());
      values.put("start_s", clip.startS());
      values.put("end_s", clip.endS());
      values.put("duration_s", clip.durationS());
      values.put("caption", clip.caption());
      values.put("effects", clip.effects());
      values.put("created_at", clip.createdAt());
      return values;
    }

    @Override
    public String describe(Clip clip) {
      return "video=" + clip.videoId() + ", start_s=" + clip.startS();
    }
  }
}
