package io.clipdeck.data.repo;

import io.clipdeck.data.Column;
import io.clipdeck.data.ColumnType;
import io.clipdeck.data.Columns;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.RowMapper;
import io.clipdeck.data.model.DailyUsage;
import io.clipdeck.data.model.ModelUsage;
import io.clipdeck.data.model.UsageStats;
import io.clipdeck.db.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Paid model calls: logging one, a user's totals over N days, and daily totals. */
public final class ModelUsageRepository extends TableRepository<ModelUsage> {

  public static final Columns COLUMNS =
      Columns.of(
          "model_usage",
          Column.readOnly("id", ColumnType.ID),
          Column.optional("user_id", ColumnType.ID),
          Column.optional("video_id", ColumnType.ID),
          Column.required("provider", ColumnType.TEXT),
          Column.required("model_type", ColumnType.TEXT),
          Column.required("request_id", ColumnType.TEXT),
          Column.optional("processing_time_s", ColumnType.DOUBLE),
          Column.optional("memory_mb", ColumnType.DOUBLE),
          Column.optional("gpu_percent", ColumnType.DOUBLE),
          Column.optional("tokens", ColumnType.INTEGER),
          Column.optional("cost", ColumnType.DECIMAL),
          Column.readOnly("created_at", ColumnType.TIMESTAMP));

  /** The longest window the statistics look back over. */
  public static final int MAX_DAYS = 3660;

  public ModelUsageRepository(QueryExecutor executor, Clock clock, Duration cacheTtl) {
    super(executor, new Mapping(), clock, cacheTtl);
  }

  /** Records one call; a repeated (provider, request_id) is refused as a constraint violation. */
  public ModelUsage log(ModelUsage usage) {
    return create(usage);
  }

  /** A user's calls, tokens, cost and mean resource use over the last {@code days} days. */
  public UsageStats usageStats(long userId, int days) {
    Instant since = since(days);
    return executor
        .query(
            "SELECT COUNT(*), COALESCE(SUM("
                + q("tokens")
                + "), 0), COALESCE(SUM("
                + q("cost")
                + "), 0), AVG("
                + q("processing_time_s")
                + "), AVG("
                + q("memory_mb")
                + "), AVG("
                + q("gpu_percent")
                + ") FROM "
                + q("model_usage")
                + " WHERE "
                + q("user_id")
                + " = ? AND "
                + q("created_at")
                + " >= ?",
            List.of(userId, since),
            row ->
                new UsageStats(
                    userId,
                    days,
                    row.getLong(1),
                    row.getLong(2),
                    Rows.decimal(row, 3, 6),
                    Rows.doubleOrNull(row, 4),
                    Rows.doubleOrNull(row, 5),
                    Rows.doubleOrNull(row, 6)),
            reads(UsageStats.class))
        .getFirst();
  }

  /** Totals per UTC day over the last {@code days} days, oldest first; days with no call absent. */
  public List<DailyUsage> dailyUsage(int days) {
    Instant since = since(days);
    String day = dialect().dayOf(q("created_at"));
    return executor.query(
        "SELECT "
            + day
            + " AS day, COUNT(*), COALESCE(SUM("
            + q("tokens")
            + "), 0), COALESCE(SUM("
            + q("cost")
            + "), 0) FROM "
            + q("model_usage")
            + " WHERE "
            + q("created_at")
            + " >= ? GROUP BY "
            + day
            + " ORDER BY "
            + day,
        List.of(since),
        row ->
            new DailyUsage(
                LocalDate.parse(row.getString(1)),
                row.getLong(2),
                row.getLong(3),
                Rows.decimal(row, 4, 6)),
        reads(DailyUsage.class));
  }

  /** The start of the UTC day {@code days - 1} days ago: "7 days" is today and the six before. */
  private Instant since(int days) {
    if (days < 1 || days > MAX_DAYS) {
      throw new IllegalArgumentException("days is " + days + ": use 1 to " + MAX_DAYS);
    }
    return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
        .minusDays(days - 1L)
        .atStartOfDay(ZoneOffset.UTC)
        .toInstant();
  }

  private static final class Mapping implements EntityMapping<ModelUsage> {
    @Override
    public Columns columns() {
      return COLUMNS;
    }

    @Override
    public Class<ModelUsage> type() {
      return ModelUsage.class;
    }

    @Override
    public RowMapper<ModelUsage> mapper(Dialect dialect) {
      return row ->
          new ModelUsage(
              row.getLong("id"),
              Rows.longOrNull(row, "user_id"),
              Rows.longOrNull(row, "video_id"),
              row.getString("provider"),
              row.getString("model_type"),
              row.getString("request_id"),
              Rows.doubleOrNull(row, "processing_time_s"),
              Rows.doubleOrNull(row, "memory_mb"),
              Rows.doubleOrNull(row, "gpu_percent"),
              Rows.intOrNull(row, "tokens"),
              Rows.decimal(row, "cost", 6),
              dialect.instant(row, "created_at"));
    }

    @Override
    public Map<String, Object> values(ModelUsage usage) {
      Map<String, Object> values = new HashMap<>();
      values.put("id", usage.id());
      values.put("user_id", usage.userId());
      values.put("video_id", usage.videoId());
      values.put("provider", usage.provider());
      values.put("model_type", usage.modelType());
      values.put("request_id", usage.requestId());
      values.put("processing_time_s", usage.processingTimeS());
      values.put("memory_mb", usage.memoryMb());
      values.put("gpu_percent", usage.gpuPercent());
      values.put("tokens", usage.tokens());
      values.put("cost", usage.cost());
      values.put("created_at", usage.createdAt());
      return values;
    }

    @Override
    public String describe(ModelUsage usage) {
      return "provider=" + usage.provider() + ", request_id=" + usage.requestId();
    }
  }
}
