package io.clipdeck.data;

import com.github.benmanes.caffeine.cache.Ticker;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.ScratchDatabases;
import io.clipdeck.testing.MutableClock;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

/**
 * A fresh scratch database of one kind, migrated with the built-in schema, with a data layer on it:
 * a clock and a cache ticker the test moves, batch rewriting on.
 */
final class DataFixture implements AutoCloseable {

  static final List<String> TABLES = List.of("users", "videos", "clips", "model_usage");

  final DatabaseKind kind;
  final ScratchDatabase scratch;
  final PooledDatabase database;
  final MutableClock clock = MutableClock.startingAtNewYear();
  final AtomicLong tickerNanos = new AtomicLong();
  final DataLayer data;

  private DataFixture(
      DatabaseKind kind,
      Path dir,
      UnaryOperator<ConnectionProfile> tweak,
      UnaryOperator<QueryExecutor.Settings> settings) {
    this.kind = kind;
    this.scratch = TestDatabases.create(kind, dir);
    ConnectionProfile profile = tweak.apply(BatchProfiles.withBatchRewrite(scratch.profile()));
    this.database = new PooledDatabase(profile, Clock.systemUTC());
    try {
      new MigrationService(
              database,
              MigrationLocations.of(profile, dir.resolve("migrations-" + profile.name())),
              new ScratchDatabases(p -> new PooledDatabase(p, Clock.systemUTC())),
              Clock.systemUTC())
          .migrate(Optional.empty(), step -> {});
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    Ticker ticker = tickerNanos::get;
    this.data =
        new DataLayer(
            database,
            settings.apply(QueryExecutor.Settings.DEFAULTS.withTicker(ticker)),
            clock,
            Duration.ofSeconds(30));
  }

  static DataFixture open(DatabaseKind kind, Path dir) {
    return new DataFixture(kind, dir, UnaryOperator.identity(), UnaryOperator.identity());
  }

  static DataFixture open(
      DatabaseKind kind,
      Path dir,
      UnaryOperator<ConnectionProfile> tweak,
      UnaryOperator<QueryExecutor.Settings> settings) {
    return new DataFixture(kind, dir, tweak, settings);
  }

  QueryExecutor executor() {
    return data.executor();
  }

  void advanceCache(Duration duration) {
    tickerNanos.addAndGet(duration.toNanos());
  }

  /** Row counts per table, read on a connection of the test's own (not through the executor). */
  Map<String, Long> rowCounts() throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
          rows.next();
          counts.put(table, rows.getLong(1));
        }
      }
    }
    return counts;
  }

  void sql(String text) throws SQLException {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      statement.execute(text);
    }
  }

  @Override
  public void close() {
    try {
      if (database != null) {
        database.close();
      }
    } finally {
      scratch.close();
    }
  }
}
