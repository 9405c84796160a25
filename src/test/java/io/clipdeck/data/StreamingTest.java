package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.data.model.User;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Streaming reads: every row arrives in order, one at a time, and the connection goes back clean
 * (PostgreSQL's cursor needs autocommit off while it runs) whether the stream is read to the end or
 * closed early.
 */
class StreamingTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void streamsALargeResultInOrderAndReturnsTheConnectionClean(DatabaseKind kind) throws Exception {
    int rows = kind == DatabaseKind.SQLITE ? 200_000 : 20_000;
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      long owner = fixture.data.users().create(User.of("ana", "ana@x.test")).id();
      fixture.data.videos().batchInsert(BatchTest.videos(owner, rows), 5000, BatchProgress.NONE);
      QueryExecutor executor = fixture.executor();
      String sql = "SELECT id, video_id FROM videos WHERE user_id = ? ORDER BY id";

      AtomicLong last = new AtomicLong();
      AtomicLong outOfOrder = new AtomicLong();
      long count =
          executor.forEach(
              sql,
              List.of(owner),
              500,
              row -> row.getLong(1),
              id -> {
                if (id <= last.getAndSet(id)) {
                  outOfOrder.incrementAndGet();
                }
              });
      assertThat(count).isEqualTo(rows);
      assertThat(outOfOrder).hasValue(0);
      assertThat(fixture.database.stats().active()).isZero();

      try (Stream<String> ids =
          executor.stream(sql, List.of(owner), 100, row -> row.getString("video_id"))) {
        assertThat(ids.limit(3)).containsExactly("batch_0", "batch_1", "batch_2");
      }
      assertThat(fixture.database.stats().active()).isZero();
      assertThat(fixture.data.jdbc().withConnection(Connection::getAutoCommit)).isTrue();

      // Inside a transaction the stream uses the transaction's connection and leaves it open.
      long inside =
          fixture
              .data
              .jdbc()
              .inTransaction(
                  tx -> {
                    try (Stream<Long> ids =
                        executor.stream(sql, List.of(owner), 1000, r -> r.getLong(1))) {
                      return ids.count();
                    }
                  });
      assertThat(inside).isEqualTo(rows);
    }
  }
}
