package io.clipdeck.enrich;

import io.clipdeck.api.ApiClientConfig;
import io.clipdeck.api.BackoffPolicy;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.ScratchDatabases;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A migrated scratch database with a data layer, videos to enrich and quick counts. */
final class EnrichFixture implements AutoCloseable {

  /** Short leases and backoffs, so expired leases and retries happen within a test. */
  static final QueueSettings FAST_QUEUE =
      new QueueSettings(Duration.ofSeconds(2), 5, Duration.ofMillis(50), Duration.ofMillis(400));

  final ScratchDatabase scratch;
  final ConnectionProfile profile;
  final PooledDatabase database;
  final DataLayer data;
  final Path dir;

  private EnrichFixture(ScratchDatabase scratch, ConnectionProfile profile, Path dir) {
    this.scratch = scratch;
    this.profile =
        profile.withPool(PoolSettings.DESKTOP.toBuilder().poolSize(4).maxOverflow(8).build());
    this.dir = dir;
    this.database = new PooledDatabase(this.profile, Clock.systemUTC());
    try {
      migrate(database, this.profile, dir);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
    this.data = new DataLayer(database, Clock.systemUTC());
  }

  static EnrichFixture open(DatabaseKind kind, Path dir) {
    ScratchDatabase scratch = TestDatabases.create(kind, dir);
    return new EnrichFixture(scratch, scratch.profile(), dir);
  }

  /** On a database someone else made (a private cluster's); not dropped on close. */
  static EnrichFixture on(ConnectionProfile profile, Path dir) {
    return new EnrichFixture(null, profile, dir);
  }

  static void migrate(PooledDatabase database, ConnectionProfile profile, Path dir) {
    new MigrationService(
            database,
            MigrationLocations.of(profile, dir.resolve("migrations-" + profile.name())),
            new ScratchDatabases(p -> new PooledDatabase(p, Clock.systemUTC())),
            Clock.systemUTC())
        .migrate(Optional.empty(), step -> {});
  }

  /** Another pool and data layer on the same database, as a second worker would have. */
  DataLayer secondDataLayer(List<AutoCloseable> toClose) {
    PooledDatabase second = new PooledDatabase(profile, Clock.systemUTC());
    toClose.add(second);
    return new DataLayer(second, Clock.systemUTC());
  }

  /** {@code count} pending videos with ids {@code <prefix><n>}, in one user's name. */
  List<Long> videos(int count, String prefix) {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    long userId = data.users().create(User.of("enrich-" + tag, tag + "@example.com")).id();
    List<Video> videos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + i;
      videos.add(Video.of(id, userId, "https://www.youtube.com/watch?v=" + id, null));
    }
    return data.videos().bulkCreate(videos);
  }

  long count(String sql) throws SQLException {
    return afterKills(() -> countOnce(sql));
  }

  List<String> strings(String sql) throws SQLException {
    return afterKills(() -> stringsOnce(sql));
  }

  private interface Query<T> {
    T run() throws SQLException;
  }

  /**
   * A test that kills the pool's sessions may leave one dead but not yet noticed (HikariCP skips
   * validating a connection used in the last 500 ms): the check then asks once more, on the
   * connection the pool opens instead.
   */
  private static <T> T afterKills(Query<T> query) throws SQLException {
    try {
      return query.run();
    } catch (SQLException e) {
      if (e.getSQLState() == null || !e.getSQLState().startsWith("08")) {
        throw e;
      }
      return query.run();
    }
  }

  private long countOnce(String sql) throws SQLException {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private List<String> stringsOnce(String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }

  /** Client settings for tests: no client limits, quick backoffs, a breaker that holds. */
  static ApiClientConfig.Builder quickClients(ApiClientConfig.Builder builder) {
    return builder
        .requestTimeout(Duration.ofSeconds(5))
        .backoff(BackoffPolicy.of(Duration.ofMillis(20), Duration.ofMillis(100)))
        .maxRetryAfter(Duration.ofSeconds(3))
        .breaker(50, 100, Duration.ofSeconds(2), 2);
  }

  EnrichmentSettings settings() {
    return EnrichmentSettings.defaults(dir.resolve("media"))
        .withQueue(FAST_QUEUE)
        .withIdlePoll(Duration.ofMillis(20))
        .withVoice(DemoProviders.VOICE_ID);
  }

  @Override
  public void close() {
    try {
      if (database != null) {
        database.close();
      }
    } finally {
      if (scratch != null) {
        scratch.close();
      }
    }
  }
}
