package io.clipdeck.sql;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.function.UnaryOperator;

/**
 * A scratch database of one kind with a schema Clipdeck did not make (a mixed-case quoted table,
 * non-ASCII text, NULLs, large text, binary and JSON), its pool and a console service.
 */
final class SqlFixture implements AutoCloseable {

  static final String BIG_TEXT = "é".repeat(10_000);

  final DatabaseKind kind;
  final ScratchDatabase scratch;
  final PooledDatabase database;
  final SqlConsoleService service;
  final Path dir;

  private SqlFixture(
      DatabaseKind kind,
      ScratchDatabase scratch,
      ConnectionProfile profile,
      Path dir,
      Clock clock) {
    this.kind = kind;
    this.scratch = scratch;
    this.dir = dir;
    this.database = new PooledDatabase(profile, clock);
    this.service =
        new SqlConsoleService(database, ConsoleHistory.forProfile(dir, profile.name()), clock);
  }

  static SqlFixture open(DatabaseKind kind, Path dir) throws Exception {
    return open(kind, dir, UnaryOperator.identity(), Clock.systemUTC());
  }

  static SqlFixture open(
      DatabaseKind kind, Path dir, UnaryOperator<ConnectionProfile> change, Clock clock)
      throws Exception {
    ScratchDatabase scratch = TestDatabases.create(kind, dir);
    SqlFixture fixture = new SqlFixture(kind, scratch, change.apply(scratch.profile()), dir, clock);
    fixture.createSchema();
    return fixture;
  }

  /** The quoted name of the test table in this dialect. */
  String table() {
    return kind == DatabaseKind.MYSQL ? "`Mixed Case`" : "\"Mixed Case\"";
  }

  String name() {
    return kind == DatabaseKind.MYSQL ? "`Näme`" : "\"Näme\"";
  }

  private void createSchema() throws Exception {
    String create =
        switch (kind) {
          case POSTGRESQL ->
              "CREATE TABLE \"Mixed Case\" (id integer PRIMARY KEY, \"Näme\" text, note text,"
                  + " data bytea, doc jsonb)";
          case MYSQL ->
              "CREATE TABLE `Mixed Case` (id int PRIMARY KEY, `Näme` varchar(100), note longtext,"
                  + " data longblob, doc json) DEFAULT CHARSET utf8mb4";
          case SQLITE ->
              "CREATE TABLE \"Mixed Case\" (id integer PRIMARY KEY, \"Näme\" text, note text,"
                  + " data blob, doc text)";
        };
    String bytes =
        switch (kind) {
          case POSTGRESQL -> "'\\xdeadbeef'::bytea";
          case MYSQL, SQLITE -> "X'DEADBEEF'";
        };
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      statement.execute(create);
      statement.execute(
          "INSERT INTO "
              + table()
              + " VALUES (1, 'Zoë 東京', '"
              + BIG_TEXT
              + "', "
              + bytes
              + ", '{\"a\": [1, 2]}')");
      statement.execute("INSERT INTO " + table() + " VALUES (2, NULL, NULL, NULL, NULL)");
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    }
  }

  @Override
  public void close() {
    database.close();
    scratch.close();
  }
}
