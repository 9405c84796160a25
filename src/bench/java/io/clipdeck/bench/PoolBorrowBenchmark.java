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
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// Two forks so one unlucky JIT or file-cache state does not decide the figure; short iterations
// keep the whole run near a minute and a half on two cores. JMH 1.37 reads field offsets through
// sun.misc.Unsafe, which JDK 24+ warns about once per JVM: allowed here, it is the harness's own.
@Fork(
    value = 2,
    jvmArgsAppend = {
      "--enable-native-access=ALL-UNNAMED",
      "--sun-misc-unsafe-memory-access=allow"
    })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 2)
public class PoolBorrowBenchmark {

  private Path directory;
  private String jdbcUrl;
  private PooledDatabase database;
  private Properties poolDriverProperties;

  @Setup(Level.Trial)
  public void setUp() throws IOException, SQLException {
    directory = Files.createTempDirectory("clipdeck-bench-");
    Path file = directory.resolve("bench.db");
    jdbcUrl = "jdbc:sqlite:" + file.toAbsolutePath();
    // A file with a table in it, so opening it reads a real header rather than an empty file.
    try (Connection connection = DriverManager.getConnection(jdbcUrl);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE clip (id INTEGER PRIMARY KEY, title TEXT NOT NULL)");
      statement.execute("INSERT INTO clip (title) VALUES ('first'), ('second')");
    }
    database = new PooledDatabase(ConnectionProfile.sqlite("bench", file), Clock.systemUTC());
    // The same per-connection settings PooledDatabase gives its SQLite connections (journal mode,
    // busy timeout, foreign keys): opening without a pool would have to pay for them too.
    poolDriverProperties = new Properties();
    poolDriverProperties.setProperty("journal_mode", "WAL");
    poolDriverProperties.setProperty("busy_timeout", "5000");
    poolDriverProperties.setProperty("foreign_keys", "true");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    database.close();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }

  /** Borrow and give back: what every query in the console pays before it runs. */
  @Benchmark
  @ComparedTo({"driverManagerOpenClose", "driverManagerOpenCloseWithPoolSettings"})
  public Connection pooledBorrow() throws SQLException {
    Connection connection = database.connection();
    connection.close();
    // Returned so JMH consumes it: nothing here may be optimised away.
    return connection;
  }

  /** A bare connection to the same file with the driver's defaults. */
  @Benchmark
  public Connection driverManagerOpenClose() throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl);
    connection.close();
    return connection;
  }

  /** A bare connection set up as the pool's are: the fair cost of going without a pool. */
  @Benchmark
  public Connection driverManagerOpenCloseWithPoolSettings() throws SQLException {
    Connection connection = DriverManager.getConnection(jdbcUrl, poolDriverProperties);
    connection.close();
    return connection;
  }
}
