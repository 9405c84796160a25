package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clipdeck.data.model.User;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.TestDatabases;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * The shared second level against the Redis on 127.0.0.1:6379 (skipped without it on a workstation,
 * failed under CI=true): results shared by two processes, invalidated across them, and Redis down
 * costing only misses and one warning.
 */
class RedisCacheTest {

  static final URI REDIS =
      URI.create(System.getProperty("clipdeck.test.redis", "redis://127.0.0.1:6379/0"));

  @TempDir Path dir;

  private final String prefix = "clipdeck-test:" + UUID.randomUUID() + ":";

  @AfterEach
  void deleteTestKeys() {
    try (RedisClient client = RedisClient.create(REDIS)) {
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = client.scan(cursor, new ScanParams().match(prefix + "*"));
        page.getResult().forEach(client::del);
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    } catch (RuntimeException e) {
      // Redis was not there: nothing was written.
    }
  }

  @Test
  void twoProcessesShareResultsAndAWriteInOneInvalidatesTheOther() throws Exception {
    requireRedis();
    ConnectionProfile profile = ConnectionProfile.sqlite("one", dir.resolve("shared.db"));
    try (RedisQueryCache redisA = new RedisQueryCache(REDIS, prefix);
        RedisQueryCache redisB = new RedisQueryCache(REDIS, prefix);
        PooledDatabase poolA = migrated(profile);
        PooledDatabase poolB =
            new PooledDatabase(profile.toBuilder().name("two").build(), Clock.systemUTC())) {
      DataLayer a = layer(poolA, redisA);
      DataLayer b = layer(poolB, redisB);
      User ana = a.users().create(User.of("ana", "ana@x.test"));

      assertThat(a.users().getById(ana.id())).contains(ana);
      long statementsB = b.executor().metrics().executed();
      assertThat(b.users().getById(ana.id())).contains(ana);
      assertThat(b.users().count(Map.of())).isEqualTo(1);
      assertThat(b.executor().metrics().executed()).isEqualTo(statementsB + 1);
      assertThat(b.executor().metrics().sharedCacheHits()).isEqualTo(1);

      // A writes: B's next read is a miss everywhere and sees the change, with no TTL to wait.
      a.users().update(ana.id(), Map.of("email", "ana@new.test"));
      assertThat(b.users().getById(ana.id()).orElseThrow().email()).isEqualTo("ana@new.test");
      assertThat(b.executor().metrics().executed()).isEqualTo(statementsB + 2);
    }
  }

  @Test
  void redisDownMeansMissesAndOneWarningNeverAFailedQuery() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Logger logger = (Logger) LoggerFactory.getLogger(RedisQueryCache.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    ConnectionProfile profile = ConnectionProfile.sqlite("down", dir.resolve("down.db"));
    try (RedisQueryCache redis =
            new RedisQueryCache(URI.create("redis://127.0.0.1:" + closedPort), prefix);
        PooledDatabase pool = migrated(profile)) {
      DataLayer data = layer(pool, redis);
      User ana = data.users().create(User.of("ana", "ana@x.test"));
      for (int i = 0; i < 5; i++) {
        assertThat(data.users().getById(ana.id()).orElseThrow().username()).isEqualTo("ana");
        data.users().update(ana.id(), Map.of("credits", i));
      }
      assertThat(data.users().getById(ana.id()).orElseThrow().credits()).isEqualByComparingTo("4");
      assertThat(events.list)
          .filteredOn(event -> event.getLevel() == Level.WARN)
          .singleElement()
          .satisfies(event -> assertThat(event.getFormattedMessage()).contains("does not answer"));
      assertThat(data.executor().metrics().sharedCacheHits()).isZero();
    } finally {
      logger.detachAppender(events);
    }
  }

  private static DataLayer layer(PooledDatabase pool, RedisQueryCache redis) {
    return new DataLayer(
        pool,
        QueryExecutor.Settings.DEFAULTS.withSharedCache(redis),
        Clock.systemUTC(),
        Duration.ofMinutes(1));
  }

  private static PooledDatabase migrated(ConnectionProfile profile) {
    PooledDatabase pool = new PooledDatabase(profile, Clock.systemUTC());
    org.flywaydb.core.Flyway.configure()
        .dataSource(pool.dataSource())
        .locations("classpath:db/migration/sqlite")
        .load()
        .migrate();
    return pool;
  }

  /** Skips on a workstation without Redis; fails under CI, which must start it. */
  static void requireRedis() {
    try (RedisClient client = RedisClient.create(REDIS)) {
      client.ping();
    } catch (RuntimeException e) {
      String reason =
          "Redis at "
              + REDIS.getHost()
              + ":"
              + REDIS.getPort()
              + " does not answer: "
              + e.getMessage();
      if (TestDatabases.serversRequired()) {
        fail(reason + " (CI needs it: .ci/run must start redis-server)");
      }
      Assumptions.abort(reason + " (skipped; start redis-server, or set CI=true to fail instead)");
    }
  }
}
