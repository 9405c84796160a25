package io.clipdeck.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two JDBC drivers that speak to MariaDB, on sysbench's own point select: {@code SELECT c FROM
 * sbtest1 WHERE id = ?} on a table of sysbench's shape with {@link #ROWS} rows, over TCP, through a
 * HikariCP pool of {@link DataLayerServerBenchmark#POOL}, at 1, 4 and 16 threads, so each figure
 * sets against {@link SysbenchCeiling}'s at the same client count. {@code driver}: MySQL
 * Connector/J with its own defaults ({@code mysql-defaults}), MySQL Connector/J with Clipdeck's
 * throughput settings ({@code mysql-tuned}, what a MySQL/MariaDB profile opens with), and MariaDB
 * Connector/J with its defaults plus the same statement cache ({@code mariadb}).
 */
@Fork(
    value = 1,
    jvmArgs = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 4, time = 2)
public class MariaDbDriverBenchmark {

  /** sysbench's --table-size in the ceiling run. */
  static final int ROWS = 100_000;

  static final String MYSQL_DEFAULTS = "mysql-defaults";
  static final String MYSQL_TUNED = "mysql-tuned";
  static final String MARIADB = "mariadb";

  /** Clipdeck's MySQL/MariaDB throughput settings, as {@code db.DriverProperties} sets them. */
  private static final Map<String, String> TUNED =
      Map.of(
          "cachePrepStmts", "true",
          "prepStmtCacheSize", "250",
          "prepStmtCacheSqlLimit", "2048",
          "useServerPrepStmts", "true",
          "useLocalSessionState", "true",
          "rewriteBatchedStatements", "true",
          "cacheResultSetMetadata", "true",
          "cacheServerConfiguration", "true",
          "elideSetAutoCommits", "true",
          "maintainTimeStats", "false");

  /** A scratch database with sysbench's table, and a pool through the chosen driver. */
  @State(Scope.Benchmark)
  public static class Table {
    @Param({MYSQL_DEFAULTS, MYSQL_TUNED, MARIADB})
    public String driver;

    String database;
    HikariDataSource pool;

    @Setup(Level.Trial)
    public void create() throws IOException, SQLException {
      database =
          "clipdeck_drv_"
              + UUID.randomUUID()
                  .toString()
                  .replace("-", "")
                  .substring(0, 12)
                  .toLowerCase(Locale.ROOT);
      DataLayerServerBenchmark.Scratch.admin(adminUrl(), user(), "CREATE DATABASE " + database);
      pool = new HikariDataSource(config());
      try (Connection connection = pool.getConnection();
          var statement = connection.createStatement()) {
        // sysbench's oltp table; the rows from MariaDB's sequence engine, in one statement.
        statement.execute(
            "CREATE TABLE sbtest1 (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, k INT NOT NULL"
                + " DEFAULT 0, c CHAR(120) NOT NULL DEFAULT '', pad CHAR(60) NOT NULL DEFAULT '',"
                + " KEY k_1 (k)) ENGINE=InnoDB");
        statement.execute(
            "INSERT INTO sbtest1 (k, c, pad) SELECT FLOOR(RAND() * "
                + ROWS
                + "), REPEAT(LPAD(seq, 11, '0'), 10), REPEAT('p', 59) FROM seq_1_to_"
                + ROWS);
      }
    }

    private HikariConfig config() {
      HikariConfig config = new HikariConfig();
      config.setPoolName("driver-bench-" + driver);
      config.setUsername(user());
      config.setMinimumIdle(DataLayerServerBenchmark.POOL);
      config.setMaximumPoolSize(DataLayerServerBenchmark.POOL);
      String hostPort =
          DataLayerServerBenchmark.MARIADB_HOST + ":" + DataLayerServerBenchmark.MARIADB_PORT;
      switch (driver) {
        case MYSQL_DEFAULTS -> {
          config.setJdbcUrl("jdbc:mysql://" + hostPort + "/" + database);
          config.addDataSourceProperty("sslMode", "DISABLED");
        }
        case MYSQL_TUNED -> {
          config.setJdbcUrl("jdbc:mysql://" + hostPort + "/" + database);
          config.addDataSourceProperty("sslMode", "DISABLED");
          TUNED.forEach(config::addDataSourceProperty);
        }
        case MARIADB -> {
          config.setJdbcUrl("jdbc:mariadb://" + hostPort + "/" + database);
          config.addDataSourceProperty("useServerPrepStmts", "true");
          config.addDataSourceProperty("cachePrepStmts", "true");
          config.addDataSourceProperty("prepStmtCacheSize", "250");
        }
        default -> throw new IllegalArgumentException("unknown driver " + driver);
      }
      return config;
    }

    @TearDown(Level.Trial)
    public void drop() throws IOException {
      if (pool != null) {
        pool.close();
      }
      DataLayerServerBenchmark.Scratch.admin(
          adminUrl(), user(), "DROP DATABASE IF EXISTS " + database);
    }

    private static String adminUrl() {
      return "jdbc:mysql://"
          + DataLayerServerBenchmark.MARIADB_HOST
          + ":"
          + DataLayerServerBenchmark.MARIADB_PORT
          + "/";
    }

    private static String user() {
      return DataLayerServerBenchmark.MARIADB_USER;
    }
  }

  static String pointSelect(Table table) throws SQLException {
    try (Connection connection = table.pool.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT c FROM sbtest1 WHERE id = ?")) {
      statement.setInt(1, ThreadLocalRandom.current().nextInt(ROWS) + 1);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        return row.getString(1);
      }
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(1)
  public String pointSelect1(Table table) throws SQLException {
    return pointSelect(table);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(4)
  public String pointSelect4(Table table) throws SQLException {
    return pointSelect(table);
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @Threads(16)
  public String pointSelect16(Table table) throws SQLException {
    return pointSelect(table);
  }
}
