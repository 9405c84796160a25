package io.clipdeck.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import javax.sql.DataSource;

/** One profile's HikariCP pool, with its figures and a bounded health check. */
public final class PooledDatabase implements AutoCloseable {

  /** Longest a health check's query may run; the borrow itself is bounded by pool_timeout. */
  private static final int HEALTH_QUERY_TIMEOUT_SECONDS = 5;

  private final ConnectionProfile profile;
  private final BorrowTimer borrowTimer = new BorrowTimer();
  private final HikariDataSource dataSource;
  private final Clock clock;

  public PooledDatabase(ConnectionProfile profile, Clock clock) {
    this.profile = profile;
    this.clock = clock;
    this.dataSource = new HikariDataSource(hikariConfig(profile, borrowTimer));
  }

  public ConnectionProfile profile() {
    return profile;
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Borrows a connection; the caller closes it to give it back. */
  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  public PoolStats stats() {
    HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
    int max = profile.pool().maximumPoolSize();
    if (pool == null) {
      return PoolStats.notStarted(max);
    }
    int total = pool.getTotalConnections();
    return new PoolStats(
        pool.getActiveConnections(),
        pool.getIdleConnections(),
        total,
        pool.getThreadsAwaitingConnection(),
        max,
        Math.max(0, total - profile.pool().poolSize()),
        borrowTimer.borrows(),
        borrowTimer.timeouts(),
        borrowTimer.averageBorrow(),
        borrowTimer.maxBorrow());
  }

  /**
   * Borrows a connection and runs a trivial query, timing the round trip. Never throws: a failure
   * is a report that says what went wrong and what to check.
   */
  public HealthReport checkHealth() {
    long start = System.nanoTime();
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(HEALTH_QUERY_TIMEOUT_SECONDS);
      statement.execute("SELECT 1");
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      String version = connection.getMetaData().getDatabaseProductVersion();
      return HealthReport.up(profile.name(), latency, version, Instant.now(clock));
    } catch (SQLException e) {
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      return HealthReport.down(
          profile.name(), latency, ConnectionProblems.describe(profile, e), Instant.now(clock));
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }

  private static HikariConfig hikariConfig(ConnectionProfile profile, BorrowTimer borrowTimer) {
    PoolSettings pool = profile.pool();
    HikariConfig config = new HikariConfig();
    config.setPoolName("clipdeck-" + profile.name());
    config.setJdbcUrl(profile.jdbcUrl());
    if (profile.user() != null && !profile.user().isBlank()) {
      config.setUsername(profile.user());
    }
    config.setMinimumIdle(pool.poolSize());
    config.setMaximumPoolSize(pool.maximumPoolSize());
    config.setConnectionTimeout(pool.poolTimeout().toMillis());
    config.setMaxLifetime(pool.poolRecycle().toMillis());
    // Idle connections above pool_size close before they would be recycled anyway.
    config.setIdleTimeout(pool.poolRecycle().dividedBy(2).toMillis());
    if (pool.prePing()) {
      // HikariCP validates on borrow anyway; keepalive also pings idle connections so a firewall or
      // the server does not drop them silently.
      config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
    }
    // Start without connecting: a console must open even when a server is down.
    config.setInitializationFailTimeout(-1);
    config.setMetricsTrackerFactory(borrowTimer);
    config.setDataSourceProperties(driverProperties(profile));
    return config;
  }

  /** Desktop defaults per driver: bounded connects and reads, keepalive, a recognisable name. */
  private static Properties driverProperties(ConnectionProfile profile) {
    Properties properties = new Properties();
    switch (profile.kind()) {
      case POSTGRESQL -> {
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", "Clipdeck");
      }
      case MYSQL -> {
        properties.setProperty("connectTimeout", "5000");
        properties.setProperty("socketTimeout", "60000");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectionAttributes", "program_name:Clipdeck");
      }
      case SQLITE -> {
        // WAL lets the dashboard read while a writer works; busy_timeout waits for the one writer.
        properties.setProperty("journal_mode", "WAL");
        properties.setProperty("busy_timeout", "5000");
        properties.setProperty("foreign_keys", "true");
      }
    }
    return properties;
  }
}
