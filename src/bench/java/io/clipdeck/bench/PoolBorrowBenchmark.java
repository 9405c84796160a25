package io.clipdeck.bench;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PooledDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
 * What the pool buys a SQLite profile: borrowing a connection from {@link PooledDatabase} and
 * giving it back, against opening and closing a fresh JDBC connection each time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Two forks so one unlucky JIT or file-cache state does not decide the figure; short iterations
// keep the whole run near a minute and a half on two cores. jvmArgs (not jvmArgsAppend) replaces
// the launcher's own flags, so a fork gets these once: native access for sqlite-jdbc, and
// sun.misc.Unsafe allowed because JMH 1.37 reads field offsets through it and JDK 24+ warns.
@Fork(
    value = 2,
    jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class PoolBorrowBenchmark {

  /**
   * Where the SQLite file goes. The Maven profile points it under target/ so the file sits on the
   * project's disk: /tmp is a RAM disk on many machines and would hide the file-system cost.
   */
  static final String DIRECTORY_PROPERTY = "clipdeck.bench.dir";

  /** A SQLite file with a table in it, made for one trial and deleted after it. */
  @State(Scope.Benchmark)
  public static class SqliteFile {
    Path directory;
    Path file;
    String jdbcUrl;

    @Setup(Level.Trial)
    public void create() throws IOException, SQLException {
      Path parent =
          Path.of(System.getProperty(DIRECTORY_PROPERTY, System.getProperty("java.io.tmpdir")));
      Files.createDirectories(parent);
      directory = Files.createTempDirectory(parent, "clipdeck-bench-");
      file = directory.resolve("bench.db");
      jdbcUrl = "jdbc:sqlite:" + file.toAbsolutePath();
      // A real header and page to read, rather than an empty file.
      try (Connection connection = DriverManager.getConnection(jdbcUrl);
          Statement statement = connection.createStatement()) {
        statement.execute("CREATE TABLE clip (id INTEGER PRIMARY KEY, title TEXT NOT NULL)");
        statement.execute("INSERT INTO clip (title) VALUES ('first'), ('second')");
      }
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      }
    }
  }

  /**
   * The project's pool on that file. A state of its own so only the pooled benchmark opens one: an
   * idle pooled connection holding the file open would change what the baselines measure.
   */
  @State(Scope.Benchmark)
  public static class Pool {
    PooledDatabase database;

    @Setup(Level.Trial)
    public void open(SqliteFile sqlite) {
      database =
          new PooledDatabase(ConnectionProfile.sqlite("bench", sqlite.file), Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void close() {
      database.close();
    }
  }

  /**
   * The per-connection settings PooledDatabase gives its SQLite connections (journal mode, busy
   * timeout, foreign keys), repeated here because it keeps them private: opening without a pool
   * would have to pay for them on every connection.
   */
  @State(Scope.Benchmark)
  public static class PoolDriverSettings {
    final Properties properties = new Properties();

    @Setup(Level.Trial)
    public void fill() {
      properties.setProperty("journal_mode", "WAL");
      properties.setProperty("busy_timeout", "5000");
      properties.setProperty("foreign_keys", "true");
    }
  }

  /** Borrow and give back: what every query in the console pays before it runs. */
  @Benchmark
  @ComparedTo({"driverManagerOpenClose", "driverManagerOpenCloseWithPoolSettings"})
  public Connection pooledBorrow(Pool pool) throws SQLException {
    Connection connection = pool.database.connection();
    connection.close();
    // Returned so JMH consumes it: nothing here may be optimised away.
    return connection;
  }

  /** A bare connection to the same file with the driver's defaults. */
  @Benchmark
  public Connection driverManagerOpenClose(SqliteFile sqlite) throws SQLException {
    Connection connection = DriverManager.getConnection(sqlite.jdbcUrl);
    connection.close();
    return connection;
  }

  /** A bare connection set up as the pool's are: the fair cost of going without a pool. */
  @Benchmark
  public Connection driverManagerOpenCloseWithPoolSettings(
      SqliteFile sqlite, PoolDriverSettings settings) throws SQLException {
    Connection connection = DriverManager.getConnection(sqlite.jdbcUrl, settings.properties);
    connection.close();
    return connection;
  }
}
