package io.clipdeck.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.listener.logging.SLF4JLogLevel;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/** One profile's HikariCP pool, with its figures, a bounded health check and server facts. */
public final class PooledDatabase implements AutoCloseable {

  /** Longest a health check's query may run; the borrow itself is bounded by pool_timeout. */
  private static final int HEALTH_QUERY_TIMEOUT_SECONDS = 5;

  private final ConnectionProfile profile;
  private final BorrowTimer borrowTimer;
  private final HikariDataSource pool;
  private final DataSource dataSource;
  private final Clock clock;
  private final ConnectionLeases leases = new ConnectionLeases(System::nanoTime);

  /** A pool for a profile whose login needs no password. */
  public PooledDatabase(ConnectionProfile profile, Clock clock) {
    this(profile, PasswordSource.NONE, clock);
  }

  /**
   * Creates the pool without connecting, so it can be made while the server is down.
   *
   * @throws IllegalArgumentException when the profile's connect_args are refused
   */
  public PooledDatabase(ConnectionProfile profile, PasswordSource passwords, Clock clock) {
    this.profile = profile;
    this.clock = clock;
    this.borrowTimer = new BorrowTimer(profile.name(), profile.pool().echoPool());
    HikariConfig config = hikariConfig(profile, passwords, borrowTimer);
    config.setExceptionOverride(new EvictAllOnDisconnect(this::evictConnections));
    this.pool = new HikariDataSource(config);
    this.dataSource =
        profile.pool().echo()
            ? ProxyDataSourceBuilder.create(pool)
                .name(profile.name())
                .logQueryBySlf4j(SLF4JLogLevel.INFO, "io.clipdeck.sql")
                .build()
            : pool;
  }

  public ConnectionProfile profile() {
    return profile;
  }

  /** The pool as a DataSource (statements logged when the profile sets {@code echo}). */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Borrows a connection; the caller closes it to give it back. */
  public Connection connection() throws SQLException {
    return leases.track(dataSource.getConnection(), null);
  }

  /**
   * The connections lent out now that have been held longest, longest first, with what borrowed
   * them: a point-in-time reading for leak detection.
   */
  public List<ConnectionHolder> holders(int limit) {
    return leases.longest(limit);
  }

  /**
   * Closes idle connections now and active ones when they come back: after a failover or a server
   * restart, so no borrower gets a connection to the old server.
   */
  public void evictConnections() {
    // Null while the pool is still being built (a first connection failing during start).
    HikariPoolMXBean bean = pool == null ? null : pool.getHikariPoolMXBean();
    if (bean != null) {
      bean.softEvictConnections();
    }
  }

  public PoolStats stats() {
    HikariPoolMXBean bean = pool.getHikariPoolMXBean();
    int max = profile.pool().maximumPoolSize();
    if (bean == null) {
      return PoolStats.notStarted(max);
    }
    int total = bean.getTotalConnections();
    return new PoolStats(
        bean.getActiveConnections(),
        bean.getIdleConnections(),
        total,
        bean.getThreadsAwaitingConnection(),
        max,
        Math.max(0, total - profile.pool().poolSize()),
        borrowTimer.borrows(),
        borrowTimer.timeouts(),
        borrowTimer.averageBorrow(),
        borrowTimer.maxBorrow());
  }

  /**
   * Borrows a connection and asks the server whether it takes writes (a query as cheap as {@code
   * SELECT 1}), timing the round trip. Never throws: a failure is a report that says what went
   * wrong and what to check.
   */
  public HealthReport checkHealth() {
    long start = System.nanoTime();
    try (Connection connection = leases.track(pool.getConnection(), "health check");
        Statement statement = connection.createStatement()) {
      statement.setQueryTimeout(HEALTH_QUERY_TIMEOUT_SECONDS);
      Optional<String> role = roleOf(statement);
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      String version = ServerVersion.of(connection.getMetaData());
      return HealthReport.up(profile.name(), latency, version, role, Instant.now(clock));
    } catch (SQLException e) {
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      return HealthReport.down(
          profile.name(), latency, ConnectionProblems.describe(profile, e), Instant.now(clock));
    }
  }

  /**
   * Whether the server takes writes: a PostgreSQL standby is in recovery, a MySQL/MariaDB replica
   * runs {@code read_only}. A failover group must know, so that it never sends writes to a replica
   * when a primary is there.
   */
  private Optional<String> roleOf(Statement statement) throws SQLException {
    // SQLite has no replicas, but the check still reads a row: it proves the file answers.
    String query = Dialect.of(profile.kind()).replicaQuery().orElse("SELECT NULL");
    try (ResultSet result = statement.executeQuery(query)) {
      result.next();
      if (result.getObject(1) == null) {
        return Optional.empty();
      }
      return Optional.of(result.getBoolean(1) ? HealthReport.REPLICA : HealthReport.PRIMARY);
    }
  }

  /** Server version, table count, size, current user and role (primary or replica). */
  public DatabaseInfo info() throws SQLException {
    try (Connection connection = leases.track(pool.getConnection(), "server info")) {
      return DatabaseInfoReader.read(profile.kind(), connection);
    } catch (SQLException e) {
      throw new SQLException(ConnectionProblems.describe(profile, e), e.getSQLState(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }

  private static HikariConfig hikariConfig(
      ConnectionProfile profile, PasswordSource passwords, BorrowTimer borrowTimer) {
    PoolSettings settings = profile.pool();
    HikariConfig config = new HikariConfig();
    config.setPoolName("clipdeck-" + profile.name());
    config.setJdbcUrl(profile.jdbcUrl());
    config.setDataSourceProperties(DriverProperties.of(profile));
    if (profile.user() != null && !profile.user().isBlank()) {
      config.setUsername(profile.user());
    }
    if (profile.passwordRef() != null) {
      char[] password =
          passwords
              .password(profile.passwordRef())
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "Profile '"
                              + profile.name()
                              + "' has no password in the secret store: set it in the profile"));
      config.setPassword(new String(password));
      Arrays.fill(password, '\0');
    }
    config.setMinimumIdle(settings.poolSize());
    config.setMaximumPoolSize(settings.maximumPoolSize());
    config.setConnectionTimeout(settings.poolTimeout().toMillis());
    config.setMaxLifetime(settings.poolRecycle().toMillis());
    // Idle connections above pool_size close before they would be recycled anyway.
    config.setIdleTimeout(settings.poolRecycle().dividedBy(2).toMillis());
    if (settings.prePing()) {
      // HikariCP validates on borrow anyway; keepalive also pings idle connections so a firewall or
      // the server does not drop them silently.
      config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
    }
    DriverProperties.connectionInitSql(profile).ifPresent(config::setConnectionInitSql);
    DriverProperties.autocommit(profile).ifPresent(config::setAutoCommit);
    DriverProperties.isolation(profile.name(), settings.connectArgs())
        .ifPresent(config::setTransactionIsolation);
    // Start without connecting: a console must open even when a server is down.
    config.setInitializationFailTimeout(-1);
    config.setMetricsTrackerFactory(borrowTimer);
    return config;
  }
}
