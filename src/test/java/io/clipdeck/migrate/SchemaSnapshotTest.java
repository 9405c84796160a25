package io.clipdeck.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.migrate.SchemaSnapshot.Column;
import io.clipdeck.migrate.SchemaSnapshot.ForeignKey;
import io.clipdeck.migrate.SchemaSnapshot.Index;
import io.clipdeck.migrate.SchemaSnapshot.PrimaryKey;
import io.clipdeck.migrate.SchemaSnapshot.Rule;
import io.clipdeck.migrate.SchemaSnapshot.Table;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SchemaSnapshotTest {

  @TempDir Path dir;

  /**
   * The same drift on each database: videos.title changes type, clips loses its foreign key to
   * videos, videos loses an index, clips' index is renamed, a table is added; on the servers
   * users.email also becomes nullable. SQLite can neither change a type nor drop a constraint in
   * place, so there title is dropped and added back and clips is rebuilt, as SQLite migrations do.
   */
  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void findsAndDescribesWhatDriftedFromTheBuiltInSchema(DatabaseKind kind) throws Exception {
    try (ScratchDatabase reference = TestDatabases.create(kind, dir);
        ScratchDatabase drifted = TestDatabases.create(kind, dir);
        PooledDatabase expected = new PooledDatabase(reference.profile(), Clock.systemUTC());
        PooledDatabase actual = new PooledDatabase(drifted.profile(), Clock.systemUTC())) {
      BuiltInSchemaTest.migrate(expected, kind);
      BuiltInSchemaTest.migrate(actual, kind);
      SchemaSnapshot before = BuiltInSchemaTest.snapshot(actual);
      SchemaSnapshot built = BuiltInSchemaTest.snapshot(expected);
      assertThat(built.differences(before)).isEmpty();
      assertThat(built.sameAs(before)).isTrue();

      execute(actual, drift(kind));
      SchemaSnapshot after = BuiltInSchemaTest.snapshot(actual);

      List<String> lines = new ArrayList<>();
      lines.add("extra table audit_note");
      lines.add(
          "table clips: missing foreign key clips_video_id_fkey (video_id) -> videos (id)"
              + " on delete cascade");
      lines.add("table clips: index clips_video_id_idx (video_id) is named clips_video_idx");
      lines.add("table videos: missing index videos_status_id_idx (status, id)");
      if (kind == DatabaseKind.SQLITE) {
        lines.add("table videos: column title: type text vs varchar(500)");
        List<String> columns = built.table("videos").orElseThrow().columnNames();
        List<String> moved =
            Stream.concat(
                    columns.stream().filter(name -> !name.equals("title")), Stream.of("title"))
                .toList();
        lines.add(
            "table videos: column order "
                + String.join(", ", columns)
                + " vs "
                + String.join(", ", moved));
      } else {
        lines.add("table videos: column title: type varchar(500) vs text");
        lines.add("table users: column email: not null vs null");
      }
      assertThat(built.differences(after)).containsExactlyInAnyOrderElementsOf(lines);
      assertThat(built.sameAs(after)).isFalse();

      // The other way round, what was missing is extra.
      assertThat(after.differences(built))
          .contains(
              "missing table audit_note",
              "table clips: extra foreign key clips_video_id_fkey (video_id) -> videos (id)"
                  + " on delete cascade",
              "table clips: index clips_video_idx (video_id) is named clips_video_id_idx",
              "table videos: extra index videos_status_id_idx (status, id)");

      assertThat(after.describe())
          .contains("table audit_note\n")
          .contains("  index clips_video_idx (video_id)\n")
          .doesNotContain("videos_status_id_idx");
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void readsTypesSizesNullabilityAndDefaults(DatabaseKind kind) throws Exception {
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      BuiltInSchemaTest.migrate(database, kind);
      SchemaSnapshot schema = BuiltInSchemaTest.snapshot(database);
      Table users = schema.table("users").orElseThrow();
      Table videos = schema.table("videos").orElseThrow();

      Column title = videos.column("title").orElseThrow();
      Column credits = users.column("credits").orElseThrow();
      Column active = users.column("is_active").orElseThrow();
      Column created = users.column("created_at").orElseThrow();
      Column id = users.column("id").orElseThrow();
      Column status = videos.column("status").orElseThrow();
      switch (kind) {
        case POSTGRESQL -> {
          assertThat(title.typeWithSize()).isEqualTo("varchar(500)");
          assertThat(credits.typeWithSize()).isEqualTo("numeric(12,2)");
          assertThat(active.typeWithSize()).isEqualTo("boolean");
          assertThat(created.typeWithSize()).isEqualTo("timestamptz");
          assertThat(id.typeWithSize()).isEqualTo("bigint");
          assertThat(created.defaultValue()).isEqualTo("now()");
          assertThat(status.defaultValue()).isEqualTo("'pending'::character varying");
        }
        case MYSQL -> {
          assertThat(title.typeWithSize()).isEqualTo("varchar(500)");
          assertThat(credits.typeWithSize()).isEqualTo("decimal(12,2)");
          assertThat(active.typeWithSize()).isEqualTo("boolean");
          assertThat(created.typeWithSize()).isEqualTo("datetime(6)");
          assertThat(id.typeWithSize()).isEqualTo("bigint");
          assertThat(created.defaultValue()).isEqualToIgnoringCase("current_timestamp(6)");
          assertThat(status.defaultValue()).isIn("'pending'", "pending");
        }
        case SQLITE -> {
          assertThat(title.typeWithSize()).isEqualTo("text");
          assertThat(credits.typeWithSize()).isEqualTo("real");
          assertThat(active.typeWithSize()).isEqualTo("integer");
          assertThat(created.typeWithSize()).isEqualTo("text");
          assertThat(id.typeWithSize()).isEqualTo("integer");
          assertThat(created.defaultValue()).isEqualTo("strftime('%Y-%m-%dT%H:%M:%fZ', 'now')");
          assertThat(status.defaultValue()).isEqualTo("'pending'");
        }
      }
      assertThat(title.nullable()).isTrue();
      assertThat(title.defaultValue()).isNull();
      assertThat(status.nullable()).isFalse();
      assertThat(id.autoIncrement()).isTrue();
      assertThat(id.nullable()).isFalse();
      assertThat(credits.defaultValue()).isNotNull();
      assertThat(schema.tableNames()).doesNotContain(SchemaSnapshot.FLYWAY_HISTORY_TABLE);
      assertThat(schema.describe())
          .contains("table users\n")
          .contains("  column title " + title.typeWithSize() + " null\n")
          .contains("  primary key (id)\n")
          .contains("  unique index users_email_key (email)\n")
          .contains("  index videos_user_id_status_idx (user_id, status)\n")
          .contains(
              "  foreign key clips_video_id_fkey (video_id) -> videos (id) on delete cascade\n");
      assertThat(schema.toString()).isEqualTo(schema.describe());
    }
  }

  @Test
  void comparesColumnsOneDifferencePerLine() {
    SchemaSnapshot reference =
        snapshot(
            table(
                "t",
                List.of(
                    new Column("id", "bigint", 0, 0, false, null, true),
                    new Column("name", "varchar", 100, 0, false, null, false),
                    new Column("price", "numeric", 12, 2, false, "0", false),
                    new Column("gone", "text", 0, 0, true, null, false))));
    SchemaSnapshot changed =
        snapshot(
            table(
                "t",
                List.of(
                    new Column("id", "bigint", 0, 0, false, null, false),
                    new Column("name", "varchar", 200, 0, true, null, false),
                    new Column("price", "numeric", 12, 3, false, null, false),
                    new Column("added", "integer", 0, 0, false, "1", false))));

    assertThat(reference.differences(changed))
        .containsExactly(
            "table t: column id: auto-increment vs not auto-increment",
            "table t: column name: type varchar(100) vs varchar(200)",
            "table t: column name: not null vs null",
            "table t: column price: type numeric(12,2) vs numeric(12,3)",
            "table t: column price: default 0 vs none",
            "table t: missing column gone text null",
            "table t: extra column added integer not null default 1");
    assertThat(reference.sameAs(changed)).isFalse();
    assertThat(reference.sameAs(reference)).isTrue();
  }

  @Test
  void comparesKeysAndIndexesByNameThenByColumns() {
    List<Column> columns =
        List.of(
            new Column("id", "integer", 0, 0, false, null, true),
            new Column("a", "text", 0, 0, false, null, false),
            new Column("p_id", "integer", 0, 0, true, null, false));
    SchemaSnapshot reference =
        new SchemaSnapshot(
            List.of(
                new Table(
                    "t",
                    columns,
                    new PrimaryKey("t_pkey", List.of("id")),
                    List.of(
                        new Index("t_a_key", true, List.of("a")),
                        new Index("t_p_id_idx", false, List.of("p_id")),
                        new Index("t_a_p_idx", false, List.of("a", "p_id"))),
                    List.of(
                        new ForeignKey(
                            "t_p_id_fkey",
                            List.of("p_id"),
                            "p",
                            List.of("id"),
                            Rule.CASCADE,
                            Rule.NO_ACTION)))));
    SchemaSnapshot other =
        new SchemaSnapshot(
            List.of(
                new Table(
                    "t",
                    columns,
                    new PrimaryKey("PRIMARY", List.of("id", "a")),
                    List.of(
                        // SQLite's invented name for the same unique key: not a difference.
                        new Index("sqlite_autoindex_t_1", true, List.of("a")),
                        new Index("t_p_id_idx", true, List.of("p_id")),
                        new Index("t_a_p_idx", false, List.of("p_id", "a"))),
                    List.of(
                        new ForeignKey(
                            "t_p_id_fkey",
                            List.of("p_id"),
                            "p",
                            List.of("id"),
                            Rule.SET_NULL,
                            Rule.NO_ACTION)))));

    assertThat(reference.differences(other))
        .containsExactly(
            "table t: primary key (id) vs (id, a)",
            "table t: index t_a_p_idx: columns (a, p_id) vs (p_id, a)",
            "table t: index t_p_id_idx: not unique vs unique",
            "table t: foreign key t_p_id_fkey: on delete cascade vs set null");
  }

  @Test
  void isSortedImmutableAndEqualForEqualSchemas() {
    List<Table> tables = new ArrayList<>();
    tables.add(table("zeta", List.of(new Column("id", "integer", 0, 0, false, null, false))));
    tables.add(table("alpha", List.of(new Column("id", "integer", 0, 0, false, null, false))));
    SchemaSnapshot snapshot = new SchemaSnapshot(tables);
    tables.clear();

    assertThat(snapshot.tableNames()).containsExactly("alpha", "zeta");
    assertThatThrownBy(() -> snapshot.tables().clear())
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(snapshot)
        .isEqualTo(
            new SchemaSnapshot(
                List.of(
                    table("zeta", List.of(new Column("id", "integer", 0, 0, false, null, false))),
                    table(
                        "alpha", List.of(new Column("id", "integer", 0, 0, false, null, false))))));
    assertThat(snapshot.describe())
        .isEqualTo(
            """
            table alpha
              column id integer not null
              primary key (id)
            table zeta
              column id integer not null
              primary key (id)
            """);
    assertThat(new SchemaSnapshot(List.of()).describe()).isEqualTo("(no tables)\n");
  }

  private static List<String> drift(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL ->
          List.of(
              "ALTER TABLE videos ALTER COLUMN title TYPE text",
              "ALTER TABLE clips DROP CONSTRAINT clips_video_id_fkey",
              "DROP INDEX videos_status_id_idx",
              "ALTER INDEX clips_video_id_idx RENAME TO clips_video_idx",
              "ALTER TABLE users ALTER COLUMN email DROP NOT NULL",
              "CREATE TABLE audit_note (id bigint PRIMARY KEY, note text)");
      case MYSQL ->
          List.of(
              "ALTER TABLE videos MODIFY title TEXT NULL",
              "ALTER TABLE clips DROP FOREIGN KEY clips_video_id_fkey",
              "DROP INDEX videos_status_id_idx ON videos",
              "ALTER TABLE clips RENAME INDEX clips_video_id_idx TO clips_video_idx",
              "ALTER TABLE users MODIFY email VARCHAR(255) COLLATE utf8mb4_bin NULL",
              "CREATE TABLE audit_note (id BIGINT PRIMARY KEY, note TEXT)");
      case SQLITE ->
          List.of(
              "ALTER TABLE videos DROP COLUMN title",
              "ALTER TABLE videos ADD COLUMN title VARCHAR(500)",
              """
              CREATE TABLE clips_new (
                  id          INTEGER PRIMARY KEY AUTOINCREMENT,
                  video_id    INTEGER NOT NULL,
                  start_s     REAL    NOT NULL,
                  end_s       REAL    NOT NULL,
                  duration_s  REAL    NOT NULL,
                  caption     TEXT,
                  effects     TEXT    NOT NULL DEFAULT '[]',
                  created_at  TEXT    NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                  CONSTRAINT clips_effects_check
                      CHECK (json_valid(effects) AND json_type(effects) = 'array')
              )""",
              "DROP TABLE clips",
              "ALTER TABLE clips_new RENAME TO clips",
              "CREATE INDEX clips_video_idx ON clips (video_id)",
              "DROP INDEX videos_status_id_idx",
              "CREATE TABLE audit_note (id INTEGER PRIMARY KEY, note TEXT)");
    };
  }

  private static void execute(PooledDatabase database, List<String> statements)
      throws SQLException {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static SchemaSnapshot snapshot(Table... tables) {
    return new SchemaSnapshot(List.of(tables));
  }

  private static Table table(String name, List<Column> columns) {
    return new Table(name, columns, new PrimaryKey(null, List.of("id")), List.of(), List.of());
  }
}
