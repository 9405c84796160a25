package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite statement cache behind repository reads, and the formatter-free reading of SQLite
 * timestamps: the same answers as without them.
 */
class StatementCacheTest {

  @TempDir Path dir;

  @Test
  void aStatementIsPreparedOncePerConnectionAndBoundAfreshEachTime() throws Exception {
    try (PooledDatabase database =
        new PooledDatabase(
            ConnectionProfile.sqlite("statements", dir.resolve("s.db")), Clock.systemUTC())) {
      StatementCache cache = new StatementCache();
      PreparedStatement[] seen = new PreparedStatement[2];
      for (int i = 0; i < 2; i++) {
        int index = i;
        try (Connection connection = database.connection()) {
          long value =
              cache.with(
                  connection,
                  "SELECT ? + 1",
                  statement -> {
                    seen[index] = statement;
                    statement.setLong(1, 41 + index);
                    try (ResultSet row = statement.executeQuery()) {
                      row.next();
                      return row.getLong(1);
                    }
                  });
          assertThat(value).isEqualTo(42 + index);
        }
      }
      // The pool's one idle connection came back: the same statement, still open.
      assertThat(seen[1]).isSameAs(seen[0]);
      assertThat(seen[1].isClosed()).isFalse();
      assertThat(cache.connections()).isEqualTo(1);
    }
  }

  @Test
  void aStatementThatFailedIsClosedAndNotReused() throws Exception {
    try (PooledDatabase database =
            new PooledDatabase(
                ConnectionProfile.sqlite("failed", dir.resolve("f.db")), Clock.systemUTC());
        Connection connection = database.connection()) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("CREATE TABLE t (v INTEGER NOT NULL)");
      }
      StatementCache cache = new StatementCache();
      PreparedStatement[] failed = new PreparedStatement[1];
      assertThatThrownBy(
              () ->
                  cache.with(
                      connection,
                      "SELECT v FROM t WHERE v = ?",
                      statement -> {
                        failed[0] = statement;
                        throw new SQLException("the work failed");
                      }))
          .hasMessage("the work failed");
      assertThat(failed[0].isClosed()).isTrue();
      PreparedStatement next =
          cache.with(connection, "SELECT v FROM t WHERE v = ?", statement -> statement);
      assertThat(next).isNotSameAs(failed[0]);
    }
  }

  @Test
  void closedConnectionsAreForgottenAndTheirStatementsClosed() throws Exception {
    StatementCache cache = new StatementCache();
    PreparedStatement kept;
    try (PooledDatabase database =
            new PooledDatabase(
                ConnectionProfile.sqlite("closed", dir.resolve("c.db")), Clock.systemUTC());
        Connection connection = database.connection()) {
      kept = cache.with(connection, "SELECT 1", statement -> statement);
    }
    // The pool closed its connection, and the driver finalized the statement with it (the
    // statement object does not say so in isClosed(), but cannot run).
    assertThatThrownBy(kept::executeQuery).isInstanceOf(SQLException.class);
    try (PooledDatabase other =
            new PooledDatabase(
                ConnectionProfile.sqlite("other", dir.resolve("o.db")), Clock.systemUTC());
        Connection connection = other.connection()) {
      cache.with(connection, "SELECT 1", statement -> statement);
      assertThat(cache.connections()).isEqualTo(1);
    }
  }

  @Test
  void repositoryReadsThroughCachedStatementsSeeWritesAndLetOthersWrite() throws Exception {
    try (DataFixture fixture = DataFixture.open(DatabaseKind.SQLITE, dir)) {
      long user = fixture.data.users().create(User.of("ana", "ana@example.test")).id();
      Video created =
          fixture
              .data
              .videos()
              .create(
                  new Video(
                      null,
                      "v1",
                      user,
                      "https://videos.example/watch?v=v1",
                      "First",
                      null,
                      12.5,
                      VideoStatus.PENDING,
                      null,
                      null,
                      null,
                      null,
                      null,
                      null));
      for (int i = 0; i < 3; i++) {
        assertThat(fixture.data.videos().getById(created.id())).contains(created);
      }
      // A reset statement holds no lock: a write on the same database goes through.
      Video changed =
          fixture
              .data
              .videos()
              .update(created.id(), Map.of("title", "Renamed", "processing_time_s", 3.25))
              .orElseThrow();
      assertThat(fixture.data.videos().getById(created.id())).contains(changed);
      assertThat(changed.title()).isEqualTo("Renamed");
      assertThat(fixture.data.videos().getById(created.id() + 1000)).isEmpty();
    }
  }
}
