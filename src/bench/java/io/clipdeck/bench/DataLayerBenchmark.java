package io.clipdeck.bench;

import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.Cursor;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.data.Sort;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PooledDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the data layer costs and buys on a SQLite profile of 50,000 videos: a primary-key lookup
 * through the repository against raw JDBC on the same pool, a deep keyset page against the same
 * page by OFFSET, and a cache hit against a miss.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// One fork: each trial first writes 50,000 rows, and the ratios, not the absolute figures, are the
// point. Same JVM flags as PoolBorrowBenchmark, for the same reasons.
@Fork(
    value = 1,
    jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class DataLayerBenchmark {

  static final int VIDEOS = 50_000;
  static final int PAGE = 50;

  /** The deep page: rows 45,000 to 45,049. */
  static final int DEEP_OFFSET = 45_000;

  /** A migrated SQLite file with sample data and three data layers over one pool. */
  @State(Scope.Benchmark)
  public static class Database {
    Path directory;
    PooledDatabase pool;
    DataLayer uncached;
    DataLayer cached;
    DataLayer tinyCache;
    List<Long> ids;
    Cursor deepCursor;
    int next;

    @Setup(Level.Trial)
    public void create() throws IOException {
      Path parent =
          Path.of(
              System.getProperty(
                  PoolBorrowBenchmark.DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir")));
      Files.createDirectories(parent);
      directory = Files.createTempDirectory(parent, "clipdeck-data-bench-");
      pool =
          new PooledDatabase(
              ConnectionProfile.sqlite("bench", directory.resolve("bench.db")), Clock.systemUTC());
      Flyway.configure()
          .dataSource(pool.dataSource())
          .locations("classpath:db/migration/sqlite")
          .load()
          .migrate();
      uncached =
          new DataLayer(pool, QueryExecutor.Settings.DEFAULTS, Clock.systemUTC(), Duration.ZERO);
      cached =
          new DataLayer(
              pool, QueryExecutor.Settings.DEFAULTS, Clock.systemUTC(), Duration.ofHours(1));
      // 100 entries for 50,000 ids read in turn: nearly every read is a miss that also evicts.
      tinyCache =
          new DataLayer(
              pool,
              new QueryExecutor.Settings(
                  100,
                  Duration.ofSeconds(1),
                  io.clipdeck.data.RetryPolicy.DEFAULT,
                  com.github.benmanes.caffeine.cache.Ticker.systemTicker(),
                  null),
              Clock.systemUTC(),
              Duration.ofHours(1));
      ids =
          new SampleData(uncached, Clock.systemUTC(), 5000)
              .generate(new SampleData.Spec(1, VIDEOS, 0, 0, 1), BatchProgress.NONE)
              .videoIds();
      List<Video> before = uncached.videos().getAll(1, DEEP_OFFSET - 1, Sort.BY_ID);
      deepCursor = uncached.videos().cursorOf(before.getFirst(), Sort.BY_ID);
    }

    long nextId() {
      next = (next + 1) % ids.size();
      return ids.get(next);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      pool.close();
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  @Benchmark
  public Video repositoryGetById(Database db) {
    return db.uncached.videos().getById(db.nextId()).orElseThrow();
  }

  @Benchmark
  @ComparedTo("repositoryGetById")
  public String rawJdbcGetById(Database db) throws SQLException {
    try (Connection connection = db.pool.connection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT * FROM videos WHERE id = ?")) {
      statement.setLong(1, db.nextId());
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getString("video_id");
      }
    }
  }

  /**
   * The fair baseline for {@link #repositoryGetById}: the same lookup by hand on the same pool,
   * borrowed per call as the repository does, with the repository's output (every column read into
   * a {@link Video}, timestamps parsed) written the plain way: the column list, reads by index,
   * {@link Instant#parse}. {@link #rawJdbcGetById}, one column read, stays as the floor.
   */
  @Benchmark
  @ComparedTo("repositoryGetById")
  public Video rawJdbcGetByIdMapped(Database db) throws SQLException {
    try (Connection connection = db.pool.connection();
        PreparedStatement statement = connection.prepareStatement(SELECT_BY_ID)) {
      statement.setLong(1, db.nextId());
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return new Video(
            row.getLong(1),
            row.getString(2),
            row.getLong(3),
            row.getString(4),
            row.getString(5),
            row.getString(6),
            doubleOrNull(row, 7),
            VideoStatus.parse(row.getString(8)),
            row.getString(9),
            row.getString(10),
            doubleOrNull(row, 11),
            row.getString(12),
            instantOrNull(row.getString(13)),
            instantOrNull(row.getString(14)));
      }
    }
  }

  static final String SELECT_BY_ID =
      "SELECT id, video_id, user_id, url, title, description, duration_s, status, thumbnail_path,"
          + " narration_path, processing_time_s, error, created_at, updated_at FROM videos"
          + " WHERE id = ?";

  private static Double doubleOrNull(ResultSet row, int column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }

  private static Instant instantOrNull(String text) {
    return text == null ? null : Instant.parse(text);
  }

  @Benchmark
  public List<Video> offsetPage(Database db) {
    return db.uncached.videos().getAll(PAGE, DEEP_OFFSET, Sort.BY_ID);
  }

  @Benchmark
  @ComparedTo("offsetPage")
  public List<Video> keysetPage(Database db) {
    return db.uncached.videos().after(db.deepCursor, PAGE, Sort.BY_ID);
  }

  @Benchmark
  public Video cacheMiss(Database db) {
    return db.tinyCache.videos().getById(db.nextId()).orElseThrow();
  }

  @Benchmark
  @ComparedTo("cacheMiss")
  public Video cacheHit(Database db) {
    return db.cached.videos().getById(db.ids.getFirst()).orElseThrow();
  }
}
