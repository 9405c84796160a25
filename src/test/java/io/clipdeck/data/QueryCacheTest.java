package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.User;
import io.clipdeck.data.repo.UserRepository;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The query cache: hits, per-entry TTL, invalidation by writes, bypass inside transactions. */
class QueryCacheTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void repeatedReadsHitUntilAWriteOrTheTtl(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      UserRepository users = fixture.data.users();
      QueryExecutor executor = fixture.executor();
      User ana = users.create(User.of("ana", "ana@example.test"));
      User bo = users.create(User.of("bo", "bo@example.test"));
      QueryMetrics start = executor.metrics();

      assertThat(users.getById(ana.id())).contains(ana);
      assertThat(users.getById(ana.id())).contains(ana);
      assertThat(users.getById(bo.id())).contains(bo);
      QueryMetrics afterReads = executor.metrics();
      assertThat(afterReads.executed() - start.executed()).isEqualTo(2);
      assertThat(afterReads.cacheHits() - start.cacheHits()).isEqualTo(1);
      assertThat(afterReads.cacheMisses() - start.cacheMisses()).isEqualTo(2);

      // A write to users drops its cached reads: the next read sees the change.
      users.update(ana.id(), Map.of("email", "ana@new.test"));
      assertThat(users.getById(ana.id()).orElseThrow().email()).isEqualTo("ana@new.test");
      assertThat(executor.metrics().cacheMisses() - afterReads.cacheMisses()).isEqualTo(1);

      // A write to the database behind the cache's back is seen once the entry's TTL has passed.
      fixture.sql("UPDATE users SET email = 'side@door.test' WHERE id = " + ana.id());
      assertThat(users.getById(ana.id()).orElseThrow().email()).isEqualTo("ana@new.test");
      fixture.advanceCache(Duration.ofSeconds(29));
      assertThat(users.getById(ana.id()).orElseThrow().email()).isEqualTo("ana@new.test");
      fixture.advanceCache(Duration.ofSeconds(2));
      assertThat(users.getById(ana.id()).orElseThrow().email()).isEqualTo("side@door.test");

      QueryMetrics metrics = executor.metrics();
      assertThat(metrics.profile()).isEqualTo(fixture.database.profile().name());
      assertThat(metrics.hitRate()).isBetween(0.0, 1.0).isPositive();
      assertThat(metrics.averageMillis()).isPositive();
      assertThat(metrics.p95Millis()).isPositive();
      assertThat(metrics.errors()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void readsInsideATransactionBypassTheCacheAndWritesDropItAtCommit(DatabaseKind kind)
      throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      UserRepository users = fixture.data.users();
      QueryExecutor executor = fixture.executor();
      User ana = users.create(User.of("ana", "ana@example.test"));
      users.getById(ana.id());
      QueryMetrics primed = executor.metrics();

      // Inside: reads go to the database and see the transaction's own write; nothing is cached.
      assertThatThrownBy(
              () ->
                  fixture
                      .data
                      .jdbc()
                      .inTransaction(
                          tx -> {
                            users.update(ana.id(), Map.of("email", "uncommitted@x.test"));
                            assertThat(users.getById(ana.id()).orElseThrow().email())
                                .isEqualTo("uncommitted@x.test");
                            throw new IllegalStateException("roll it back");
                          }))
          .hasMessage("roll it back");
      QueryMetrics after = executor.metrics();
      assertThat(after.cacheHits()).isEqualTo(primed.cacheHits());
      assertThat(after.cacheMisses()).isEqualTo(primed.cacheMisses());
      // UPDATE, the update's read-back, the explicit read: all three sent.
      assertThat(after.executed() - primed.executed()).isEqualTo(3);
      // Rolled back: the cached row is still right, and no uncommitted value was published.
      assertThat(users.getById(ana.id()).orElseThrow().email()).isEqualTo("ana@example.test");

      fixture
          .data
          .jdbc()
          .inTransaction(tx -> users.update(ana.id(), Map.of("email", "committed@x.test")));
      assertThat(users.getById(ana.id()).orElseThrow().email()).isEqualTo("committed@x.test");
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void executeCachesByStatementAndParametersUntilAnyWrite(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      QueryExecutor executor = fixture.executor();
      UserRepository users = fixture.data.users();
      users.create(User.of("ana", "ana@example.test"));
      String sql = "SELECT username FROM users WHERE username = ?";
      Duration ttl = Duration.ofMinutes(5);

      List<Map<String, Object>> first = executor.execute(sql, List.of("ana"), "by-name", ttl);
      assertThat(first).hasSize(1);
      assertThat(first.getFirst().values()).containsExactly("ana");
      long misses = executor.metrics().cacheMisses();
      assertThat(executor.execute(sql, List.of("ana"), "by-name", ttl)).isEqualTo(first);
      assertThat(executor.execute(sql, List.of("bo"), "by-name", ttl)).isEmpty();
      assertThat(executor.metrics().cacheMisses() - misses).isEqualTo(1);
      assertThat(executor.execute(sql, List.of("ana"), null, null)).isEqualTo(first);
      assertThat(executor.cachedEntries()).isEqualTo(2);

      users.create(User.of("bo", "bo@example.test"));
      assertThat(executor.execute(sql, List.of("bo"), "by-name", ttl)).hasSize(1);
    }
  }
}
