package io.clipdeck.data.repo;

import io.clipdeck.data.Batch;
import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.BatchResult;
import io.clipdeck.data.Column;
import io.clipdeck.data.ColumnType;
import io.clipdeck.data.Columns;
import io.clipdeck.data.Cursor;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.RowMapper;
import io.clipdeck.data.Sort;
import io.clipdeck.data.model.StatusStats;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.db.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/** Videos: by external id, a user's by status, those processing, stats, and batches. */
public final class VideoRepository extends TableRepository<Video> {

  public static final Columns COLUMNS =
      Columns.of(
          "videos",
          Column.readOnly("id", ColumnType.ID),
          Column.required("video_id", ColumnType.TEXT),
          Column.required("user_id", ColumnType.ID),
          Column.required("url", ColumnType.TEXT),
          Column.optional("title", ColumnType.TEXT),
          Column.optional("description", ColumnType.TEXT),
          Column.optional("duration_s", ColumnType.DOUBLE),
          Column.required("status", ColumnType.TEXT),
          Column.optional("thumbnail_path", ColumnType.TEXT),
          Column.optional("narration_path", ColumnType.TEXT),
          Column.optional("processing_time_s", ColumnType.DOUBLE),
          Column.optional("error", ColumnType.TEXT),
          Column.readOnly("created_at", ColumnType.TIMESTAMP),
          Column.readOnly("updated_at", ColumnType.TIMESTAMP));

  /** A status change for {@link #batchUpdateStatus}. */
  public record StatusUpdate(long id, VideoStatus status) {}

  public VideoRepository(QueryExecutor executor, Clock clock, Duration cacheTtl) {
    super(executor, new Mapping(), clock, cacheTtl);
  }

  /**
   * A page of the videos matching {@code filter}, after {@code lastKey} (null: the first page) in
   * {@code orderBy} order, by keyset: any page of millions of rows comes as fast as the first.
   */
  public List<Video> browse(VideoFilter filter, Cursor lastKey, int limit, Sort orderBy) {
    return after(condition(filter), lastKey, limit, orderBy);
  }

  /**
   * The statement {@link #browse} runs for these arguments, with its values: for asking the
   * database how it reads a page (EXPLAIN), not for running it elsewhere.
   */
  public PageQuery browseQuery(VideoFilter filter, Cursor lastKey, int limit, Sort orderBy) {
    return afterQuery(condition(filter), lastKey, limit, orderBy);
  }

  /** How many videos match {@code filter}. */
  public long count(VideoFilter filter) {
    return count(condition(filter));
  }

  /** Streams every video matching {@code filter} into {@code action}; returns the count. */
  public long export(VideoFilter filter, Sort orderBy, Consumer<Video> action) {
    return forEach(condition(filter), orderBy, EXPORT_FETCH_SIZE, action);
  }

  /**
   * Up to {@code limit} ids of the videos matching {@code filter} above {@code afterId}, ascending:
   * a keyset walk over any number of matches, a page of ids at a time. Never cached: a caller
   * walking the matches acts on them, and must see them as they are.
   */
  public List<Long> matchingIds(VideoFilter filter, long afterId, int limit) {
    Condition condition = condition(filter);
    List<Object> params = new ArrayList<>(condition.params());
    params.add(afterId);
    params.add(Columns.cappedLimit(limit));
    return executor.query(
        "SELECT "
            + q("id")
            + " FROM "
            + q("videos")
            + " WHERE "
            + (condition.sql().isEmpty() ? "" : condition.sql() + " AND ")
            + q("id")
            + " > ? ORDER BY "
            + q("id")
            + " LIMIT ?",
        params,
        row -> row.getLong(1));
  }

  /** Rows fetched at a time by an export: enough for speed, few enough to keep the heap flat. */
  static final int EXPORT_FETCH_SIZE = 1_000;

  private Condition condition(VideoFilter filter) {
    List<String> parts = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    filter
        .status()
        .ifPresent(
            status -> {
              parts.add(q("status") + " = ?");
              params.add(status.id());
            });
    filter
        .userId()
        .ifPresent(
            user -> {
              parts.add(q("user_id") + " = ?");
              params.add(user);
            });
    filter
        .createdFrom()
        .ifPresent(
            from -> {
              parts.add(q("created_at") + " >= ?");
              params.add(ColumnType.TIMESTAMP.normalize("created_at", from));
            });
    filter
        .createdBefore()
        .ifPresent(
            before -> {
              parts.add(q("created_at") + " < ?");
              params.add(ColumnType.TIMESTAMP.normalize("created_at", before));
            });
    if (!filter.text().isEmpty()) {
      // '!' escapes LIKE's wildcards the same way on all three databases (a backslash does not).
      String pattern =
          "%"
              + filter
                  .text()
                  .toLowerCase(Locale.ROOT)
                  .replace("!", "!!")
                  .replace("%", "!%")
                  .replace("_", "!_")
              + "%";
      parts.add(
          "(LOWER("
              + q("title")
              + ") LIKE ? ESCAPE '!' OR LOWER("
              + q("video_id")
              + ") LIKE ? ESCAPE '!')");
      params.add(pattern);
      params.add(pattern);
    }
    return new Condition(String.join(" AND ", parts), params);
  }

  public Optional<Video> getByVideoId(String videoId) {
    return getByField("video_id", videoId).stream().findFirst();
  }

  /** A user's videos by id, only those in {@code status} unless it is null. */
  public List<Video> userVideos(long userId, VideoStatus status, int limit) {
    List<Object> params = new ArrayList<>();
    params.add(userId);
    String where = " WHERE " + q("user_id") + " = ?";
    if (status != null) {
      where += " AND " + q("status") + " = ?";
      params.add(status.id());
    }
    params.add(Columns.cappedLimit(limit));
    return executor.query(
        selectFrom() + where + " ORDER BY " + q("id") + " LIMIT ?", params, mapper(), reads());
  }

  /** Videos being processed now, oldest first (the (status, id) index serves this). */
  public List<Video> processingVideos(int limit) {
    return executor.query(
        selectFrom() + " WHERE " + q("status") + " = ? ORDER BY " + q("id") + " LIMIT ?",
        List.of(VideoStatus.PROCESSING.id(), Columns.cappedLimit(limit)),
        mapper(),
        reads());
  }

  /** Count and mean processing time per status, of one user's videos or (null) of all. */
  public List<StatusStats> statsByStatus(Long userId) {
    List<Object> params = new ArrayList<>();
    String where = "";
    if (userId != null) {
      where = " WHERE " + q("user_id") + " = ?";
      params.add(userId);
    }
    return executor.query(
        "SELECT "
            + q("status")
            + ", COUNT(*), AVG("
            + q("processing_time_s")
            + ") FROM "
            + q("videos")
            + where
            + " GROUP BY "
            + q("status")
            + " ORDER BY "
            + q("status"),
        params,
        row ->
            new StatusStats(
                VideoStatus.parse(row.getString(1)), row.getLong(2), Rows.doubleOrNull(row, 3)),
        reads(StatusStats.class));
  }

  /** Sets one video's status (and processing time when given). */
  public Optional<Video> updateStatus(long id, VideoStatus status, Double processingTimeS) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("status", status.id());
    if (processingTimeS != null) {
      fields.put("processing_time_s", processingTimeS);
    }
    return update(id, fields);
  }

  /** Inserts videos in chunks of {@code chunkSize}, one transaction each. */
  public BatchResult batchInsert(List<Video> videos, int chunkSize, BatchProgress progress) {
    return bulkCreate(videos, chunkSize, progress);
  }

  /** Changes many statuses in chunks; a video id that does not exist changes nothing. */
  public BatchResult batchUpdateStatus(
      List<StatusUpdate> updates, int chunkSize, BatchProgress progress) {
    Instant now = now();
    List<List<Object>> rows = new ArrayList<>(updates.size());
    for (StatusUpdate update : updates) {
      rows.add(List.of(update.status().id(), now, update.id()));
    }
    String sql =
        "UPDATE "
            + q("videos")
            + " SET "
            + q("status")
            + " = ?, "
            + q("updated_at")
            + " = ? WHERE "
            + q("id")
            + " = ?";
    return new Batch(executor, chunkSize)
        .update(
            sql,
            rows,
            Set.of("videos"),
            index ->
                "id=" + updates.get(index).id() + ", status=" + updates.get(index).status().id(),
            progress);
  }

  public BatchResult batchUpdateStatus(List<StatusUpdate> updates) {
    return batchUpdateStatus(updates, Batch.DEFAULT_CHUNK_SIZE, BatchProgress.NONE);
  }

  private static final class Mapping implements EntityMapping<Video> {
    @Override
    public Columns columns() {
      return COLUMNS;
    }

    @Override
    public Class<Video> type() {
      return Video.class;
    }

    @Override
    public RowMapper<Video> mapper(Dialect dialect) {
      // By position in the allow-list's order, which selectFrom() selects: resolved once here.
      int id = COLUMNS.position("id");
      int videoId = COLUMNS.position("video_id");
      int userId = COLUMNS.position("user_id");
      int url = COLUMNS.position("url");
      int title = COLUMNS.position("title");
      int description = COLUMNS.position("description");
      int durationS = COLUMNS.position("duration_s");
      int status = COLUMNS.position("status");
      int thumbnailPath = COLUMNS.position("thumbnail_path");
      int narrationPath = COLUMNS.position("narration_path");
      int processingTimeS = COLUMNS.position("processing_time_s");
      int error = COLUMNS.position("error");
      int createdAt = COLUMNS.position("created_at");
      int updatedAt = COLUMNS.position("updated_at");
      return row ->
          new Video(
              row.getLong(id),
              row.getString(videoId),
              row.getLong(userId),
              row.getString(url),
              row.getString(title),
              row.getString(description),
              Rows.doubleOrNull(row, durationS),
              VideoStatus.parse(row.getString(status)),
              row.getString(thumbnailPath),
              row.getString(narrationPath),
              Rows.doubleOrNull(row, processingTimeS),
              row.getString(error),
              dialect.instant(row, createdAt),
              dialect.instant(row, updatedAt));
    }

    @Override
    public Map<String, Object> values(Video video) {
      Map<String, Object> values = new HashMap<>();
      values.put("id", video.id());
      values.put("video_id", video.videoId());
      values.put("user_id", video.userId());
      values.put("url", video.url());
      values.put("title", video.title());
      values.put("description", video.description());
      values.put("duration_s", video.durationS());
      values.put("status", (video.status() == null ? VideoStatus.PENDING : video.status()).id());
      values.put("thumbnail_path", video.thumbnailPath());
      values.put("narration_path", video.narrationPath());
      values.put("processing_time_s", video.processingTimeS());
      values.put("error", video.error());
      values.put("created_at", video.createdAt());
      values.put("updated_at", video.updatedAt());
      return values;
    }

    @Override
    public Set<String> cascadesTo() {
      return Set.of("clips", "enrichment_task");
    }

    @Override
    public String describe(Video video) {
      return "video_id=" + video.videoId();
    }
  }
}
