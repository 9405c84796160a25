package io.clipdeck.data.repo;

import io.clipdeck.data.Jdbc;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.Sort;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.failover.WorkTarget;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;

/**
 * One profile's data layer: its executor (cache, metrics) and the four repositories sharing it.
 * Made by the composition root per open pool; holds no resources of its own (the pool does).
 */
public final class DataLayer {

  /** How long repository reads stay cached by default. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);

  private final WorkTarget target;
  private final QueryExecutor executor;
  private final UserRepository users;
  private final VideoRepository videos;
  private final ClipRepository clips;
  private final ModelUsageRepository usage;

  public DataLayer(
      PooledDatabase database, QueryExecutor.Settings settings, Clock clock, Duration cacheTtl) {
    this(WorkTarget.of(database), settings, clock, cacheTtl);
  }

  /**
   * A data layer on a profile or a failover group: on a group every borrow goes to the serving
   * member, reads are retried once after a switch and writes are checked (see {@link Jdbc}).
   */
  public DataLayer(
      WorkTarget target, QueryExecutor.Settings settings, Clock clock, Duration cacheTtl) {
    this.target = target;
    this.executor = new QueryExecutor(target, settings);
    this.users = new UserRepository(executor, clock, cacheTtl);
    this.videos = new VideoRepository(executor, clock, cacheTtl);
    this.clips = new ClipRepository(executor, clock, cacheTtl);
    this.usage = new ModelUsageRepository(executor, clock, cacheTtl);
  }

  public DataLayer(PooledDatabase database, Clock clock) {
    this(database, QueryExecutor.Settings.DEFAULTS, clock, DEFAULT_CACHE_TTL);
  }

  /** The pool this data layer reads and writes through now (a group's serving member's). */
  public PooledDatabase database() {
    return executor.jdbc().database();
  }

  /** Where this data layer's work goes: a profile or a failover group. */
  public WorkTarget target() {
    return target;
  }

  /** How many rows of the common lists {@link #warmCache} preloads. */
  public static final int WARM_LIMIT = 100;

  /**
   * Preloads the reads the console and the reference guides' pipeline ask for most — video stats by
   * status, the videos processing, the active users, the last week's usage, the video count and the
   * browser's first page — so the next ones come from the cache (and from the shared level, for
   * other consoles and workers).
   *
   * @return how many reads were preloaded
   */
  public int warmCache() {
    videos.statsByStatus(null);
    videos.processingVideos(WARM_LIMIT);
    users.activeUsers(WARM_LIMIT);
    usage.dailyUsage(7);
    videos.count(VideoFilter.ALL);
    videos.browse(VideoFilter.ALL, null, WARM_LIMIT + 1, Sort.desc("created_at"));
    return 6;
  }

  /**
   * Whether Clipdeck's schema is there (its {@code videos} table exists): a new database needs its
   * migrations first.
   */
  public boolean schemaPresent() {
    return jdbc().read(connection -> hasVideosTable(connection));
  }

  private boolean hasVideosTable(Connection connection) throws SQLException {
    try (ResultSet tables =
        connection
            .getMetaData()
            .getTables(
                connection.getCatalog(),
                // SQLite names its schema "main" but lists its tables under none.
                target.kind().isFileBased() ? null : connection.getSchema(),
                "videos",
                new String[] {"TABLE"})) {
      return tables.next();
    }
  }

  public QueryExecutor executor() {
    return executor;
  }

  public Jdbc jdbc() {
    return executor.jdbc();
  }

  public UserRepository users() {
    return users;
  }

  public VideoRepository videos() {
    return videos;
  }

  public ClipRepository clips() {
    return clips;
  }

  public ModelUsageRepository usage() {
    return usage;
  }
}
