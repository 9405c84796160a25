package io.clipdeck.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.migrate.SchemaSnapshot.Column;
import io.clipdeck.migrate.SchemaSnapshot.ForeignKey;
import io.clipdeck.migrate.SchemaSnapshot.Index;
import io.clipdeck.migrate.SchemaSnapshot.Rule;
import io.clipdeck.migrate.SchemaSnapshot.Table;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The shipped V1 schema, V2's indexes and their down scripts, on real PostgreSQL, MariaDB and
 * SQLite.
 */
class BuiltInSchemaTest {

  static final List<String> TABLES =
      List.of("clips", "enrichment_task", "model_usage", "users", "videos");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void v1CreatesTheTablesKeysAndIndexesOfTheDesign(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      migrate(database, kind);
      SchemaSnapshot schema = snapshot(database);

      assertThat(schema.tableNames()).containsExactlyElementsOf(TABLES);
      assertThat(schema.table("users").orElseThrow().columnNames())
          .containsExactly(
              "id",
              "username",
              "email",
              "api_key_hash",
              "is_active",
              "credits",
              "created_at",
              "updated_at");
      assertThat(schema.table("videos").orElseThrow().columnNames())
          .containsExactly(
              "id",
              "video_id",
              "user_id",
              "url",
              "title",
              "description",
              "duration_s",
              "status",
              "thumbnail_path",
              "narration_path",
              "processing_time_s",
              "error",
              "created_at",
              "updated_at");
      assertThat(schema.table("clips").orElseThrow().columnNames())
          .containsExactly(
              "id",
              "video_id",
              "start_s",
              "end_s",
              "duration_s",
              "caption",
              "effects",
              "created_at");
      assertThat(schema.table("model_usage").orElseThrow().columnNames())
          .containsExactly(
              "id",
              "user_id",
              "video_id",
              "provider",
              "model_type",
              "request_id",
              "processing_time_s",
              "memory_mb",
              "gpu_percent",
              "tokens",
              "cost",
              "created_at");
      assertThat(schema.table("enrichment_task").orElseThrow().columnNames())
          .containsExactly(
              "id",
              "video_id",
              "step",
              "state",
              "attempt",
              "next_attempt_at",
              "lease_until",
              "last_error",
              "created_at",
              "updated_at");

      for (Table table : schema.tables()) {
        assertThat(table.primaryKey().columns()).as(table.name()).containsExactly("id");
        Column id = table.column("id").orElseThrow();
        assertThat(id.autoIncrement()).as(table.name() + ".id").isTrue();
        assertThat(id.nullable()).as(table.name() + ".id").isFalse();
        Column createdAt = table.column("created_at").orElseThrow();
        assertThat(createdAt.nullable()).as(table.name() + ".created_at").isFalse();
        assertThat(createdAt.defaultValue()).as(table.name() + ".created_at").isNotBlank();
      }

      Table users = schema.table("users").orElseThrow();
      assertThat(users.isUnique(List.of("username"))).isTrue();
      assertThat(users.isUnique(List.of("email"))).isTrue();
      assertThat(users.isUnique(List.of("api_key_hash"))).isTrue();
      assertThat(users.column("api_key")).isEmpty();

      Table videos = schema.table("videos").orElseThrow();
      assertThat(videos.isUnique(List.of("video_id"))).isTrue();
      assertThat(videos.index("videos_video_id_key"))
          .contains(new Index("videos_video_id_key", true, List.of("video_id")));
      assertThat(videos.index("videos_user_id_status_idx"))
          .contains(new Index("videos_user_id_status_idx", false, List.of("user_id", "status")));
      assertThat(videos.index("videos_status_id_idx"))
          .contains(new Index("videos_status_id_idx", false, List.of("status", "id")));
      ForeignKey videoOwner = videos.foreignKeyFrom(List.of("user_id")).orElseThrow();
      assertThat(videoOwner.referencedTable()).isEqualTo("users");
      assertThat(videoOwner.referencedColumns()).containsExactly("id");
      assertThat(videoOwner.onDelete()).isEqualTo(Rule.RESTRICT);
      assertThat(videos.column("status").orElseThrow().nullable()).isFalse();

      Table clips = schema.table("clips").orElseThrow();
      ForeignKey clipVideo = clips.foreignKeyFrom(List.of("video_id")).orElseThrow();
      assertThat(clipVideo.name()).isEqualTo("clips_video_id_fkey");
      assertThat(clipVideo.referencedTable()).isEqualTo("videos");
      assertThat(clipVideo.referencedColumns()).containsExactly("id");
      assertThat(clipVideo.onDelete()).isEqualTo(Rule.CASCADE);
      assertThat(clips.index("clips_video_id_idx"))
          .contains(new Index("clips_video_id_idx", false, List.of("video_id")));
      assertThat(clips.column("effects").orElseThrow().type())
          .isEqualTo(
              switch (kind) {
                case POSTGRESQL -> "jsonb";
                // MariaDB's JSON is LONGTEXT (with a JSON_VALID check); MySQL would say json.
                case MYSQL -> "longtext";
                case SQLITE -> "text";
              });

      Table usage = schema.table("model_usage").orElseThrow();
      assertThat(usage.index("model_usage_provider_request_id_key"))
          .contains(
              new Index(
                  "model_usage_provider_request_id_key", true, List.of("provider", "request_id")));
      assertThat(usage.index("model_usage_user_id_created_at_idx"))
          .contains(
              new Index(
                  "model_usage_user_id_created_at_idx", false, List.of("user_id", "created_at")));
      assertThat(usage.foreignKeys()).isEmpty();

      Table tasks = schema.table("enrichment_task").orElseThrow();
      assertThat(tasks.index("enrichment_task_video_id_step_key"))
          .contains(
              new Index("enrichment_task_video_id_step_key", true, List.of("video_id", "step")));
      assertThat(tasks.index("enrichment_task_state_next_attempt_at_idx"))
          .contains(
              new Index(
                  "enrichment_task_state_next_attempt_at_idx",
                  false,
                  List.of("state", "next_attempt_at")));
      ForeignKey taskVideo = tasks.foreignKeyFrom(List.of("video_id")).orElseThrow();
      assertThat(taskVideo.referencedTable()).isEqualTo("videos");
      assertThat(taskVideo.onDelete()).isEqualTo(Rule.CASCADE);
    }
  }

  /** V2's indexes for the browser's keyset orders, on every dialect. */
  static final List<Index> SORT_INDEXES =
      List.of(
          new Index("videos_created_at_id_idx", false, List.of("created_at", "id")),
          new Index("videos_updated_at_id_idx", false, List.of("updated_at", "id")),
          new Index(
              "videos_status_created_at_id_idx", false, List.of("status", "created_at", "id")),
          new Index(
              "videos_user_id_created_at_id_idx", false, List.of("user_id", "created_at", "id")),
          new Index("videos_user_id_id_idx", false, List.of("user_id", "id")));

  /**
   * PostgreSQL's indexes for the text sort keys in COLLATE "C": the other dialects' V1 indexes
   * already sort those columns by code point.
   */
  static final List<Index> POSTGRES_COLLATED_INDEXES =
      List.of(
          new Index("videos_video_id_c_id_idx", false, List.of("video_id", "id")),
          new Index("videos_status_c_id_idx", false, List.of("status", "id")));

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void v2AddsAnIndexForEachOfTheBrowsersOrders(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      migrate(database, kind);
      Table videos = snapshot(database).table("videos").orElseThrow();

      for (Index index : SORT_INDEXES) {
        assertThat(videos.index(index.name())).as(index.name()).contains(index);
      }
      for (Index index : POSTGRES_COLLATED_INDEXES) {
        if (kind == DatabaseKind.POSTGRESQL) {
          assertThat(videos.index(index.name())).as(index.name()).contains(index);
        } else {
          assertThat(videos.index(index.name())).as(index.name()).isEmpty();
        }
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void theDownScriptsEmptyTheSchemaAndV1ThenRebuildItTheSame(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      migrate(database, kind);
      SchemaSnapshot first = snapshot(database);
      assertThat(first.tableNames()).containsExactlyElementsOf(TABLES);

      try (Connection connection = database.connection()) {
        runScript(connection, "db/rollback/" + kind.id() + "/V2__browser_sort_indexes.sql");
      }
      Table videosAtV1 = snapshot(database).table("videos").orElseThrow();
      assertThat(videosAtV1.indexes())
          .doesNotContainAnyElementsOf(SORT_INDEXES)
          .doesNotContainAnyElementsOf(POSTGRES_COLLATED_INDEXES)
          .contains(new Index("videos_status_id_idx", false, List.of("status", "id")));
      try (Connection connection = database.connection()) {
        runScript(connection, "db/rollback/" + kind.id() + "/V1__clipdeck_schema.sql");
      }

      SchemaSnapshot emptied = snapshot(database);
      assertThat(emptied.isEmpty()).as(emptied.describe()).isTrue();
      assertThat(emptied.describe()).isEqualTo("(no tables)\n");
      try (Connection connection = database.connection();
          Statement statement = connection.createStatement()) {
        // Flyway's history is left alone by the down scripts: whoever runs them deletes the rows.
        assertThat(count(statement, "SELECT COUNT(*) FROM flyway_schema_history")).isEqualTo(2);
        assertThat(
                statement.executeUpdate(
                    "DELETE FROM flyway_schema_history WHERE version IN ('1', '2')"))
            .isEqualTo(2);
      }

      migrate(database, kind);
      SchemaSnapshot second = snapshot(database);

      assertThat(first.differences(second)).isEmpty();
      assertThat(first.sameAs(second)).isTrue();
      assertThat(second).isEqualTo(first);
      assertThat(second.describe()).isEqualTo(first.describe());
    }
  }

  @Test
  void everyDialectHasTheSameTablesColumnsKeysAndIndexes() throws Exception {
    Map<DatabaseKind, List<String>> shapes = new EnumMap<>(DatabaseKind.class);
    for (DatabaseKind kind : DatabaseKind.values()) {
      try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
          PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
        migrate(database, kind);
        List<String> shape = shape(snapshot(database));
        if (kind == DatabaseKind.POSTGRESQL) {
          // Checked by v2AddsAnIndexForEachOfTheBrowsersOrders; the others need no such index.
          shape.removeIf(
              line -> line.startsWith("videos index videos_") && line.contains("_c_id_"));
        }
        shapes.put(kind, shape);
      }
    }

    assertThat(shapes.get(DatabaseKind.POSTGRESQL))
        .contains(
            "users.api_key_hash null",
            "videos.title null",
            "videos.status not null with default",
            "clips.effects not null with default",
            "model_usage.request_id not null",
            "enrichment_task.lease_until null");
    assertThat(shapes.get(DatabaseKind.MYSQL))
        .containsExactlyElementsOf(shapes.get(DatabaseKind.POSTGRESQL));
    assertThat(shapes.get(DatabaseKind.SQLITE))
        .containsExactlyElementsOf(shapes.get(DatabaseKind.POSTGRESQL));
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void deletingAVideoDeletesItsClipsAndTheConstraintsHold(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      migrate(database, kind);
      try (Connection connection = database.connection();
          Statement statement = connection.createStatement()) {
        statement.executeUpdate(
            "INSERT INTO users (username, email, api_key_hash) VALUES ('ada', 'ada@example.org',"
                + " 'sha256:0f1e')");
        long user = id(connection, "SELECT id FROM users WHERE username = ?", "ada");
        insertVideo(connection, "vid-1", user, "pending");
        long video = id(connection, "SELECT id FROM videos WHERE video_id = ?", "vid-1");
        statement.executeUpdate(
            "INSERT INTO clips (video_id, start_s, end_s, duration_s, caption, effects) VALUES ("
                + video
                + ", 0, 4.5, 4.5, 'intro', '[\"fade\", \"zoom\"]')");
        statement.executeUpdate(
            "INSERT INTO clips (video_id, start_s, end_s, duration_s) VALUES ("
                + video
                + ", 4.5, 9, 4.5)");
        statement.executeUpdate(
            "INSERT INTO enrichment_task (video_id, step) VALUES (" + video + ", 'transcribe')");
        assertThat(count(statement, "SELECT COUNT(*) FROM clips WHERE video_id = " + video))
            .isEqualTo(2);
        assertThat(text(statement, "SELECT status FROM videos WHERE id = " + video))
            .isEqualTo("pending");
        assertThat(text(statement, "SELECT effects FROM clips WHERE caption IS NULL"))
            .isEqualTo("[]");
        try (ResultSet rows = statement.executeQuery("SELECT is_active FROM users")) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getBoolean(1)).as("users.is_active defaults to true").isTrue();
        }

        // The user still has a video: RESTRICT refuses to delete them.
        assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM users WHERE id = " + user))
            .isInstanceOf(SQLException.class);

        // sqlite-jdbc counts the cascaded rows in the update count: look at the tables instead.
        statement.executeUpdate("DELETE FROM videos WHERE id = " + video);
        assertThat(count(statement, "SELECT COUNT(*) FROM videos")).isZero();

        assertThat(count(statement, "SELECT COUNT(*) FROM clips")).isZero();
        assertThat(count(statement, "SELECT COUNT(*) FROM enrichment_task")).isZero();
        assertThat(statement.executeUpdate("DELETE FROM users WHERE id = " + user)).isEqualTo(1);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void checksAndUniqueKeysRefuseBadRows(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      migrate(database, kind);
      try (Connection connection = database.connection();
          Statement statement = connection.createStatement()) {
        statement.executeUpdate(
            "INSERT INTO users (username, email) VALUES ('bob', 'bob@example.org')");
        long user = id(connection, "SELECT id FROM users WHERE username = ?", "bob");
        for (String status :
            List.of("pending", "downloading", "processing", "completed", "failed")) {
          insertVideo(connection, "ok-" + status, user, status);
        }

        assertThatThrownBy(() -> insertVideo(connection, "bad-1", user, "archived"))
            .isInstanceOf(SQLException.class);
        // Case-sensitive everywhere, MySQL included (utf8mb4_bin).
        assertThatThrownBy(() -> insertVideo(connection, "bad-2", user, "Completed"))
            .isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> insertVideo(connection, "ok-pending", user, "pending"))
            .as("videos.video_id is unique")
            .isInstanceOf(SQLException.class);
        assertThat(count(statement, "SELECT COUNT(*) FROM videos")).isEqualTo(5);

        long video = id(connection, "SELECT id FROM videos WHERE video_id = ?", "ok-pending");
        assertThatThrownBy(
                () ->
                    statement.executeUpdate(
                        "INSERT INTO clips (video_id, start_s, end_s, duration_s, effects) VALUES ("
                            + video
                            + ", 0, 1, 1, '{\"fade\": true}')"))
            .as("effects must be a JSON array")
            .isInstanceOf(SQLException.class);
        assertThatThrownBy(
                () ->
                    statement.executeUpdate(
                        "INSERT INTO clips (video_id, start_s, end_s, duration_s) VALUES (-1, 0, 1,"
                            + " 1)"))
            .as("clips.video_id must name a video")
            .isInstanceOf(SQLException.class);

        statement.executeUpdate(
            "INSERT INTO model_usage (user_id, provider, model_type, request_id, tokens, cost)"
                + " VALUES ("
                + user
                + ", 'openai', 'llm', 'req-1', 120, 0.0024)");
        assertThatThrownBy(
                () ->
                    statement.executeUpdate(
                        "INSERT INTO model_usage (user_id, provider, model_type, request_id)"
                            + " VALUES ("
                            + user
                            + ", 'openai', 'llm', 'req-1')"))
            .as("a repeated (provider, request_id) is refused")
            .isInstanceOf(SQLException.class);
        statement.executeUpdate(
            "INSERT INTO model_usage (provider, model_type, request_id) VALUES ('other', 'llm',"
                + " 'req-1')");

        statement.executeUpdate(
            "INSERT INTO enrichment_task (video_id, step) VALUES (" + video + ", 'caption')");
        assertThatThrownBy(
                () ->
                    statement.executeUpdate(
                        "INSERT INTO enrichment_task (video_id, step) VALUES ("
                            + video
                            + ", 'caption')"))
            .as("one task per (video_id, step)")
            .isInstanceOf(SQLException.class);
        assertThat(
                text(
                    statement,
                    "SELECT state FROM enrichment_task WHERE video_id = "
                        + video
                        + " AND attempt = 0"))
            .isEqualTo("pending");

        assertThatThrownBy(
                () ->
                    statement.executeUpdate(
                        "INSERT INTO users (username, email) VALUES ('bob', 'other@example.org')"))
            .as("users.username is unique")
            .isInstanceOf(SQLException.class);
      }
    }
  }

  /**
   * Runs the shipped migrations for this kind of database with Flyway, as the MigrationService
   * will.
   */
  static void migrate(PooledDatabase database, DatabaseKind kind) {
    Flyway.configure()
        .dataSource(database.dataSource())
        .locations("classpath:db/migration/" + kind.id())
        .load()
        .migrate();
  }

  static SchemaSnapshot snapshot(PooledDatabase database) throws SQLException {
    try (Connection connection = database.connection()) {
      return SchemaSnapshot.read(connection);
    }
  }

  /**
   * Runs a script from the class path one statement at a time: whole-line {@code --} comments are
   * dropped and statements end with a semicolon at the end of a line (true of Clipdeck's scripts).
   */
  static void runScript(Connection connection, String resource) throws SQLException {
    for (String sql : statements(read(resource))) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(sql);
      }
    }
  }

  static List<String> statements(String script) {
    StringBuilder code = new StringBuilder();
    script
        .lines()
        .filter(line -> !line.strip().startsWith("--"))
        .forEach(line -> code.append(line).append('\n'));
    return Arrays.stream(code.toString().split(";[ \\t]*(\\n|$)"))
        .map(String::strip)
        .filter(sql -> !sql.isEmpty())
        .toList();
  }

  static String read(String resource) {
    try (InputStream in = BuiltInSchemaTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("No " + resource + " on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What must be the same on every dialect: names, nullability, keys, indexes and their rules. */
  private static List<String> shape(SchemaSnapshot schema) {
    List<String> lines = new ArrayList<>();
    for (Table table : schema.tables()) {
      for (Column column : table.columns()) {
        lines.add(
            table.name()
                + "."
                + column.name()
                + (column.nullable() ? " null" : " not null")
                + (column.autoIncrement() ? " auto-increment" : "")
                + (column.defaultValue() == null ? "" : " with default"));
      }
      lines.add(table.name() + " primary key " + table.primaryKey().columns());
      for (Index index : table.indexes()) {
        lines.add(
            table.name() + " index " + index.name() + " " + index.unique() + " " + index.columns());
      }
      for (ForeignKey key : table.foreignKeys()) {
        lines.add(
            table.name()
                + " foreign key "
                + key.name()
                + " "
                + key.columns()
                + " -> "
                + key.referencedTable()
                + key.referencedColumns()
                + " on delete "
                + key.onDelete());
      }
    }
    return lines;
  }

  private static void insertVideo(Connection connection, String videoId, long user, String status)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO videos (video_id, user_id, url, title, status) VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, videoId);
      insert.setLong(2, user);
      insert.setString(3, "https://example.org/" + videoId + ".mp4");
      insert.setString(4, "Video " + videoId);
      insert.setString(5, status);
      insert.executeUpdate();
    }
  }

  private static long id(Connection connection, String sql, String key) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, key);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(rows.next()).as(sql).isTrue();
        return rows.getLong(1);
      }
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as(sql).isTrue();
      return rows.getLong(1);
    }
  }

  private static String text(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      assertThat(rows.next()).as(sql).isTrue();
      return rows.getString(1);
    }
  }
}
