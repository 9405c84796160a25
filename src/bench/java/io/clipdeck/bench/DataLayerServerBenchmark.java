package io.clipdeck.bench;

import io.clipdeck.data.Batch;
import io.clipdeck.data.BatchProfiles;
import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.Cursor;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.data.Sort;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.ScratchDatabases;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.postgresql.PGConnection;

/**
 * The data layer against the fastest raw JDBC path on the machine's PostgreSQL and MariaDB servers
 * (and SQLite for bulk inserts), each in a uniquely named database created and migrated for the
 * trial and dropped after it: primary-key lookups at 1, 4 and 16 platform threads and 64 virtual
 * threads on one pool of 10; a bulk insert of a million videos against COPY, a rewritten batch or
 * one SQLite transaction; and a deep keyset page against the same page by OFFSET on PostgreSQL.
 */
@Fork(
    value = 1,
    jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
// Each trial is a fresh JVM (and a fresh pool): 8 s of warm-up before 8 s of measurement, as the
// 2026-12-01 run's lookups were still speeding up after 2 s.
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
public class DataLayerServerBenchmark {

  /** Rows behind the lookups: enough to miss the server's caches little, quick to write. */
  static final int LOOKUP_VIDEOS = 10_000;

  /** Rows behind the deep page, and where it starts. */
  static final int PAGED_VIDEOS = 100_000;

  static final int DEEP_OFFSET = 90_000;
  static final int PAGE = 50;

  /** The pool every benchmark here borrows from: ten connections, all opened up front. */
  static final int POOL = 10;

  static final int VIRTUAL_THREADS = 64;
  static final int LOOKUPS_PER_VIRTUAL_THREAD = 16;

  static final String PG_HOST = System.getProperty("clipdeck.bench.pg.host", "127.0.0.1");
  static final int PG_PORT = Integer.getInteger("clipdeck.bench.pg.port", 5432);
  static final String PG_USER = System.getProperty("clipdeck.bench.pg.user", "postgres");
  static final String MARIADB_HOST = System.getProperty("clipdeck.bench.mariadb.host", "127.0.0.1");
  static final int MARIADB_PORT = Integer.getInteger("clipdeck.bench.mariadb.port", 3306);
  static final String MARIADB_USER = System.getProperty("clipdeck.bench.mariadb.user", "root");

  /**
   * A scratch database of one kind, migrated, with a pool of {@link #POOL} (batch rewriting on) and
   * a data layer without a cache.
   */
  abstract static class Scratch {
    Path directory;
    PooledDatabase pool;
    DataLayer data;
    DatabaseKind kind;
    private String name;

    void open(DatabaseKind databaseKind) throws IOException {
      kind = databaseKind;
      Path parent =
          Path.of(
              System.getProperty(
                  PoolBorrowBenchmark.DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir")));
      Files.createDirectories(parent);
      directory = Files.createTempDirectory(parent, "clipdeck-server-bench-");
      name =
          "clipdeck_b_"
              + UUID.randomUUID()
                  .toString()
                  .replace("-", "")
                  .substring(0, 12)
                  .toLowerCase(Locale.ROOT);
      ConnectionProfile profile =
          switch (kind) {
            case POSTGRESQL -> {
              admin(pgAdminUrl(), PG_USER, "CREATE DATABASE " + name);
              yield ConnectionProfile.server(
                  "pg-" + name, DatabaseKind.POSTGRESQL, PG_HOST, PG_PORT, name, PG_USER);
            }
            case MYSQL -> {
              admin(mariadbAdminUrl(), MARIADB_USER, "CREATE DATABASE " + name);
              yield ConnectionProfile.server(
                  "mariadb-" + name,
                  DatabaseKind.MYSQL,
                  MARIADB_HOST,
                  MARIADB_PORT,
                  name,
                  MARIADB_USER);
            }
            case SQLITE -> ConnectionProfile.sqlite("sqlite-" + name, directory.resolve("b.db"));
          };
      profile = BatchProfiles.withBatchRewrite(profile);
      profile =
          profile.withPool(
              profile.pool().toBuilder()
                  .poolSize(kind == DatabaseKind.SQLITE ? 1 : POOL)
                  .maxOverflow(kind == DatabaseKind.SQLITE ? 4 : 0)
                  .build());
      pool = new PooledDatabase(profile, Clock.systemUTC());
      new MigrationService(
              pool,
              MigrationLocations.of(profile, directory.resolve("migrations")),
              new ScratchDatabases(p -> new PooledDatabase(p, Clock.systemUTC())),
              Clock.systemUTC())
          .migrate(Optional.empty(), step -> {});
      // Duration.ZERO: no repository caching, so every getById reaches the database.
      data = new DataLayer(pool, QueryExecutor.Settings.DEFAULTS, Clock.systemUTC(), Duration.ZERO);
    }

    void close() throws IOException, SQLException {
      if (pool != null) {
        pool.close();
      }
      switch (kind) {
        case POSTGRESQL ->
            admin(pgAdminUrl(), PG_USER, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        case MYSQL -> admin(mariadbAdminUrl(), MARIADB_USER, "DROP DATABASE IF EXISTS " + name);
        case SQLITE -> {}
      }
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }

    private static String pgAdminUrl() {
      return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres";
    }

    private static String mariadbAdminUrl() {
      return "jdbc:mysql://" + MARIADB_HOST + ":" + MARIADB_PORT + "/";
    }

    static void admin(String url, String user, String sql) throws IOException {
      Properties properties = new Properties();
      properties.setProperty("user", user);
      try (Connection connection = DriverManager.getConnection(url, properties);
          Statement statement = connection.createStatement()) {
        statement.execute(sql);
      } catch (SQLException e) {
        throw new IOException(url + " did not run '" + sql + "': " + e.getMessage(), e);
      }
    }
  }

  /** {@link #LOOKUP_VIDEOS} videos on a server, looked up by random id. */
  @State(Scope.Benchmark)
  public static class Lookups extends Scratch {
    @Param({"POSTGRESQL", "MYSQL"})
    public String db;

    long[] ids;
    ExecutorService virtualThreads;

    @Setup(Level.Trial)
    public void create() throws IOException {
      open(DatabaseKind.valueOf(db));
      ids =
          new SampleData(data, Clock.systemUTC(), 5000)
                  .generate(new SampleData.Spec(1, LOOKUP_VIDEOS, 0, 0, 1), BatchProgress.NONE)
                  .videoIds()
                  .stream()
                  .mapToLong(Long::longValue)
                  .toArray();
      virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
    }

    long randomId() {
      return ids[ThreadLocalRandom.current().nextInt(ids.length)];
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException, SQLException {
      virtualThreads.close();
      close();
    }
  }

  /** An empty videos table (emptied before each shot) and {@link #rows} videos to write. */
  @State(Scope.Benchmark)
  public static class Bulk extends Scratch {
    @Param({"POSTGRESQL", "MYSQL", "SQLITE"})
    public String db;

    /** Videos per insert: issue 7's million; {@code -Dbench.bulkVideos} (BenchRun) sets others. */
    @Param("1000000")
    public int rows;

    List<Video> videos;

    @Setup(Level.Trial)
    public void create() throws IOException {
      open(DatabaseKind.valueOf(db));
      long user =
          new SampleData(data, Clock.systemUTC(), 5000)
              .generate(new SampleData.Spec(1, 0, 0, 0, 1), BatchProgress.NONE)
              .userIds()
              .getFirst();
      videos = new ArrayList<>(rows);
      for (int i = 0; i < rows; i++) {
        videos.add(
            new Video(
                null,
                String.format(Locale.ROOT, "bulk%07d", i),
                user,
                "https://videos.example/watch?v=bulk" + i,
                "Bulk video " + i,
                "A video written by the bulk-insert benchmark",
                61.5,
                VideoStatus.PENDING,
                null,
                null,
                null,
                null,
                null,
                null));
      }
    }

    @Setup(Level.Iteration)
    public void empty() throws SQLException {
      try (Connection connection = pool.connection();
          Statement statement = connection.createStatement()) {
        statement.execute(
            kind == DatabaseKind.POSTGRESQL ? "TRUNCATE videos CASCADE" : "DELETE FROM videos");
      }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException, SQLException {
      close();
    }
  }

  /** {@link #PAGED_VIDEOS} videos on PostgreSQL and the cursor of the row before the deep page. */
  @State(Scope.Benchmark)
  public static class Pages extends Scratch {
    Cursor deepCursor;

    @Setup(Level.Trial)
    public void create() throws IOException {
      open(DatabaseKind.POSTGRESQL);
      new SampleData(data, Clock.systemUTC(), 5000)
          .generate(new SampleData.Spec(1, PAGED_VIDEOS, 0, 0, 1), BatchProgress.NONE);
      try (Connection connection = pool.connection();
          Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE videos");
      } catch (SQLException e) {
        throw new IOException(e);
      }
      Video before = data.videos().getAll(1, DEEP_OFFSET - 1, Sort.BY_ID).getFirst();
      deepCursor = data.videos().cursorOf(before, Sort.BY_ID);
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException, SQLException {
      close();
    }
  }

  // ---- 1. Primary-key lookups: repository (no cache) against raw JDBC on the same pool ----

  static Video repositoryLookup(Lookups s) {
    return s.data.videos().getById(s.randomId()).orElseThrow();
  }

  static String rawLookup(Lookups s) throws SQLException {
    try (Connection connection = s.pool.connection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT id, video_id, user_id, url, title, description, duration_s, status,"
                    + " thumbnail_path, narration_path, processing_time_s, error, created_at,"
                    + " updated_at FROM videos WHERE id = ?")) {
      statement.setLong(1, s.randomId());
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getString("video_id");
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  @ComparedTo("rawGetById1")
  public Video repositoryGetById1(Lookups s) {
    return repositoryLookup(s);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public String rawGetById1(Lookups s) throws SQLException {
    return rawLookup(s);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  @ComparedTo("rawGetById4")
  public Video repositoryGetById4(Lookups s) {
    return repositoryLookup(s);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public String rawGetById4(Lookups s) throws SQLException {
    return rawLookup(s);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(16)
  @ComparedTo("rawGetById16")
  public Video repositoryGetById16(Lookups s) {
    return repositoryLookup(s);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(16)
  public String rawGetById16(Lookups s) throws SQLException {
    return rawLookup(s);
  }

  /** One operation is one lookup; each invocation runs 64 virtual threads of 16 lookups each. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(VIRTUAL_THREADS * LOOKUPS_PER_VIRTUAL_THREAD)
  @ComparedTo("rawGetByIdVirtual64")
  public void repositoryGetByIdVirtual64(Lookups s, Blackhole hole) throws Exception {
    onVirtualThreads(
        s,
        () -> {
          for (int i = 0; i < LOOKUPS_PER_VIRTUAL_THREAD; i++) {
            hole.consume(repositoryLookup(s));
          }
          return null;
        });
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(VIRTUAL_THREADS * LOOKUPS_PER_VIRTUAL_THREAD)
  public void rawGetByIdVirtual64(Lookups s, Blackhole hole) throws Exception {
    onVirtualThreads(
        s,
        () -> {
          for (int i = 0; i < LOOKUPS_PER_VIRTUAL_THREAD; i++) {
            hole.consume(rawLookup(s));
          }
          return null;
        });
  }

  private static void onVirtualThreads(Lookups s, java.util.concurrent.Callable<Void> work)
      throws Exception {
    List<java.util.concurrent.Future<Void>> running = new ArrayList<>(VIRTUAL_THREADS);
    for (int i = 0; i < VIRTUAL_THREADS; i++) {
      running.add(s.virtualThreads.submit(work));
    }
    for (java.util.concurrent.Future<Void> each : running) {
      each.get();
    }
  }

  // ---- 2. Bulk insert: repository batches against the fastest raw path of each database ----

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  @ComparedTo("rawBulkInsert")
  public long repositoryBatchInsert(Bulk s) {
    return s.data
        .videos()
        .batchInsert(s.videos, Batch.DEFAULT_CHUNK_SIZE, BatchProgress.NONE)
        .rowsAffected();
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 1)
  @Measurement(iterations = 3)
  public long rawBulkInsert(Bulk s) throws SQLException, IOException {
    try (Connection connection = s.pool.connection()) {
      return s.kind == DatabaseKind.POSTGRESQL ? copy(connection, s.videos) : batch(connection, s);
    }
  }

  /** PostgreSQL's COPY FROM STDIN in CSV: one statement, no per-row round trip. */
  private static long copy(Connection connection, List<Video> videos)
      throws SQLException, IOException {
    StringBuilder csv = new StringBuilder(videos.size() * 160);
    for (Video v : videos) {
      csv.append(v.videoId())
          .append(',')
          .append(v.userId())
          .append(',')
          .append(v.url())
          .append(',')
          .append(v.title())
          .append(',')
          .append(v.description())
          .append(',')
          .append(v.durationS())
          .append(',')
          .append(v.status().id())
          .append('\n');
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(true);
    try {
      return connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY videos (video_id, user_id, url, title, description, duration_s, status)"
                  + " FROM STDIN (FORMAT csv)",
              new StringReader(csv.toString()));
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  /**
   * One prepared batch of every row in one transaction: Connector/J rewrites it into multi-row
   * INSERTs (the pool has {@code rewriteBatchedStatements}); SQLite gets one transaction.
   */
  private static long batch(Connection connection, Bulk s) throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement statement =
        connection.prepareStatement(
            "INSERT INTO videos (video_id, user_id, url, title, description, duration_s, status,"
                + " thumbnail_path, narration_path, processing_time_s, error)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      for (Video v : s.videos) {
        statement.setString(1, v.videoId());
        statement.setLong(2, v.userId());
        statement.setString(3, v.url());
        statement.setString(4, v.title());
        statement.setString(5, v.description());
        statement.setDouble(6, v.durationS());
        statement.setString(7, v.status().id());
        statement.setNull(8, Types.VARCHAR);
        statement.setNull(9, Types.VARCHAR);
        statement.setNull(10, Types.DOUBLE);
        statement.setNull(11, Types.VARCHAR);
        statement.addBatch();
      }
      long rows = 0;
      for (int count : statement.executeBatch()) {
        rows += count == Statement.SUCCESS_NO_INFO ? 1 : count;
      }
      connection.commit();
      return rows;
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  // ---- 3. A deep page on PostgreSQL: keyset against OFFSET ----

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public List<Video> offsetPage(Pages s) {
    return s.data.videos().getAll(PAGE, DEEP_OFFSET, Sort.BY_ID);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @ComparedTo("offsetPage")
  public List<Video> keysetPage(Pages s) {
    return s.data.videos().after(s.deepCursor, PAGE, Sort.BY_ID);
  }
}
