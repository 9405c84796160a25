package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConnection;

/** One real failure of each kind per database, where the database can produce it. */
class ErrorMappingTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void constraintViolationsNameTheConstraintAndTheValues(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      User ana = fixture.data.users().create(User.of("ana", "ana@example.test"));

      assertThatThrownBy(() -> fixture.data.users().create(User.of("other", "ana@example.test")))
          .isInstanceOfSatisfying(
              DataException.ConstraintViolated.class,
              e -> {
                assertThat(e.kind()).isEqualTo(DataException.Kind.CONSTRAINT_VIOLATED);
                assertThat(e.constraint())
                    .isEqualTo(kind == DatabaseKind.SQLITE ? "users.email" : "users_email_key");
                assertThat(e.getMessage()).contains("try again");
                if (kind != DatabaseKind.SQLITE) {
                  // SQLite names the column but not the value.
                  assertThat(e.detail()).contains("ana@example.test");
                }
              });

      assertThatThrownBy(
              () -> fixture.data.videos().create(Video.of("v1", ana.id() + 99, "https://v", "t")))
          .isInstanceOfSatisfying(
              DataException.ConstraintViolated.class,
              e -> {
                if (kind != DatabaseKind.SQLITE) {
                  // SQLite says only "FOREIGN KEY constraint failed", without a name.
                  assertThat(e.constraint()).isEqualTo("videos_user_id_fkey");
                }
              });

      assertThatThrownBy(
              () ->
                  fixture
                      .executor()
                      .update(
                          "INSERT INTO videos (video_id, user_id, url, status) VALUES (?, ?, ?, ?)",
                          List.of("v2", ana.id(), "https://v", "bogus"),
                          java.util.Set.of("videos")))
          .isInstanceOfSatisfying(
              DataException.ConstraintViolated.class,
              e -> assertThat(e.constraint()).isEqualTo("videos_status_check"));
      assertThat(fixture.executor().metrics().errors()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void badStatementsSayToCheckTheSchema(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      assertThatThrownBy(() -> fixture.executor().query("SELEC 1", List.of(), row -> 1))
          .isInstanceOf(DataException.BadStatement.class)
          .hasMessageContaining(fixture.database.profile().name());
      assertThatThrownBy(
              () -> fixture.executor().query("SELECT * FROM no_such_table", List.of(), row -> 1))
          .isInstanceOfSatisfying(
              DataException.BadStatement.class,
              e -> assertThat(e.kind()).isEqualTo(DataException.Kind.BAD_STATEMENT));
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void anUnreachableDatabaseIsUnavailable(DatabaseKind kind) throws Exception {
    ConnectionProfile profile =
        kind == DatabaseKind.SQLITE
            ? ConnectionProfile.sqlite("gone", dir.resolve("no/such/dir/x.db"))
            : ConnectionProfile.server("gone", kind, "127.0.0.1", 1, "clipdeck", "nobody");
    profile =
        profile.withPool(profile.pool().toBuilder().poolTimeout(Duration.ofMillis(500)).build());
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC())) {
      DataLayer data = new DataLayer(database, Clock.systemUTC());
      assertThatThrownBy(() -> data.users().getById(1))
          .isInstanceOfSatisfying(
              DataException.Unavailable.class,
              e -> assertThat(e.getMessage()).contains("'gone'").contains("server runs"));
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aStatementPastItsTimeLimitIsATimeout(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      String slow =
          switch (kind) {
            case POSTGRESQL -> "SELECT pg_sleep(10)";
            case MYSQL -> "SELECT COUNT(*) FROM seq_1_to_10000000000 WHERE seq % 7 = 3";
            case SQLITE ->
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)"
                    + " SELECT COUNT(*) FROM n";
          };
      assertThatThrownBy(
              () ->
                  fixture
                      .data
                      .jdbc()
                      .withConnection(
                          connection -> {
                            try (Statement statement = connection.createStatement()) {
                              if (kind == DatabaseKind.SQLITE) {
                                // sqlite-jdbc's query timeout only bounds lock waits; SQLite
                                // stops a running statement by interrupting it, as a progress
                                // handler does here after a bounded amount of work.
                                interruptAfterWork(connection);
                              } else {
                                statement.setQueryTimeout(1);
                              }
                              try {
                                statement.execute(slow);
                              } finally {
                                if (kind == DatabaseKind.SQLITE) {
                                  ProgressHandler.clearHandler(
                                      connection.unwrap(SQLiteConnection.class));
                                }
                              }
                            }
                            return null;
                          }))
          .isInstanceOfSatisfying(
              DataException.Timeout.class, e -> assertThat(e.getMessage()).contains("time limit"));
    }
  }

  private static void interruptAfterWork(Connection connection) throws java.sql.SQLException {
    ProgressHandler.setHandler(
        connection.unwrap(SQLiteConnection.class),
        1000,
        new ProgressHandler() {
          private int calls;

          @Override
          protected int progress() {
            return ++calls > 1000 ? 1 : 0;
          }
        });
  }

  @ParameterizedTest
  @EnumSource(value = DatabaseKind.class, names = "SQLITE")
  void sqliteBusyIsARetryableConflict(DatabaseKind kind) throws Exception {
    try (DataFixture fixture =
            DataFixture.open(
                kind,
                dir,
                profile -> {
                  Map<String, String> args = new TreeMap<>(profile.pool().connectArgs());
                  args.put("busy_timeout", "50");
                  return profile.withPool(profile.pool().toBuilder().connectArgs(args).build());
                },
                settings -> settings.withRetryPolicy(RetryPolicy.NONE));
        Connection holder = DriverManager.getConnection(fixture.database.profile().jdbcUrl());
        Statement lock = holder.createStatement()) {
      lock.execute("BEGIN IMMEDIATE");
      lock.execute("INSERT INTO users (username, email) VALUES ('held', 'held@x.test')");
      assertThatThrownBy(() -> fixture.data.users().create(User.of("ana", "ana@x.test")))
          .isInstanceOfSatisfying(
              DataException.RetryableConflict.class,
              e -> assertThat(e.vendorCode() & 0xFF).isEqualTo(5));
      lock.execute("ROLLBACK");
      assertThat(fixture.data.users().create(User.of("ana", "ana@x.test")).id()).isPositive();
    }
  }

  /** SQLite's form of a lock wait timeout is BUSY, above. */
  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MYSQL"})
  void aLockWaitTimeoutIsARetryableConflict(DatabaseKind kind) throws Exception {
    try (DataFixture fixture =
            DataFixture.open(kind, dir, p -> p, s -> s.withRetryPolicy(RetryPolicy.NONE));
        Connection holder = fixture.database.connection();
        Statement lock = holder.createStatement()) {
      long id = fixture.data.users().create(User.of("ana", "ana@x.test")).id();
      holder.setAutoCommit(false);
      lock.executeUpdate("UPDATE users SET credits = 1 WHERE id = " + id);
      String shortWait =
          kind == DatabaseKind.POSTGRESQL
              ? "SET lock_timeout = '100ms'"
              : "SET SESSION innodb_lock_wait_timeout = 1";
      assertThatThrownBy(
              () ->
                  fixture
                      .data
                      .jdbc()
                      .inTransaction(
                          tx -> {
                            try (Statement statement = tx.connection().createStatement()) {
                              statement.execute(shortWait);
                              statement.executeUpdate(
                                  "UPDATE users SET credits = 2 WHERE id = " + id);
                            }
                            return null;
                          }))
          .isInstanceOf(DataException.RetryableConflict.class);
      holder.rollback();
      holder.setAutoCommit(true);
    }
  }

  /** What a replica says to a write, produced here with a read-only transaction. */
  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MYSQL"})
  void aWriteRefusedAsReadOnlySaysToSendWritesToThePrimary(DatabaseKind kind) throws Exception {
    try (DataFixture fixture =
        DataFixture.open(kind, dir, p -> p, s -> s.withRetryPolicy(RetryPolicy.NONE))) {
      assertThatThrownBy(
              () ->
                  fixture
                      .data
                      .jdbc()
                      .inTransaction(
                          tx -> {
                            try (Statement statement = tx.connection().createStatement()) {
                              // Both servers take it before the transaction's first query.
                              statement.execute("SET TRANSACTION READ ONLY");
                              statement.executeUpdate(
                                  "INSERT INTO users (username, email) VALUES ('ro', 'ro@x.test')");
                            }
                            return null;
                          }))
          .isInstanceOfSatisfying(
              DataException.PermissionDenied.class,
              e ->
                  assertThat(e.getMessage())
                      .contains("takes no writes")
                      .contains("Send writes to the primary"));
      assertThat(fixture.data.users().count(Map.of())).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MYSQL"})
  void aMissingPrivilegeIsPermissionDenied(DatabaseKind kind) throws Exception {
    String role =
        "clipdeck_ro_" + UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      ConnectionProfile base = fixture.database.profile();
      if (kind == DatabaseKind.POSTGRESQL) {
        fixture.sql("CREATE ROLE " + role + " LOGIN");
      } else {
        fixture.sql("CREATE USER '" + role + "'@'%'");
        fixture.sql("GRANT SELECT ON " + base.database() + ".users TO '" + role + "'@'%'");
      }
      try {
        ConnectionProfile limited = base.toBuilder().name("limited").user(role).build();
        try (PooledDatabase database = new PooledDatabase(limited, Clock.systemUTC())) {
          DataLayer data = new DataLayer(database, Clock.systemUTC());
          assertThatThrownBy(() -> data.users().create(User.of("ana", "ana@x.test")))
              .isInstanceOfSatisfying(
                  DataException.PermissionDenied.class,
                  e ->
                      assertThat(e.getMessage())
                          .contains("Grant")
                          .doesNotContainIgnoringCase("password="));
        }
      } finally {
        if (kind == DatabaseKind.POSTGRESQL) {
          fixture.sql("DROP OWNED BY " + role);
          fixture.sql("DROP ROLE " + role);
        } else {
          fixture.sql("DROP USER '" + role + "'@'%'");
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void secretLookingValuesAreRedacted() {
    assertThat(SqlErrors.redact("Key (password)=(hunter2) already exists."))
        .doesNotContain("hunter2");
    assertThat(SqlErrors.redact("Duplicate entry 'tok123' for key 'token_key'"))
        .doesNotContain("tok123");
    assertThat(SqlErrors.redact("Key (email)=(a@b.test) already exists.")).contains("a@b.test");
    assertThat(TestDatabases.serversRequired()).isIn(true, false);
  }
}
