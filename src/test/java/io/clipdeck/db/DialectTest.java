package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each database does differently, asked of the one dialect. */
class DialectTest {

  @Test
  void sqliteTimestampsReadWithoutAFormatterEqualInstantParse() {
    for (String text :
        List.of(
            "2026-12-01T10:15:30.123Z",
            "1970-01-01T00:00:00.000Z",
            "2024-02-29T23:59:59.999Z",
            "0001-01-01T00:00:00.000Z",
            "9999-12-31T23:59:59.999Z")) {
      assertThat(Dialect.sqliteInstant(text)).isEqualTo(Instant.parse(text));
    }
    // Other shapes go to Instant.parse: the same value or the same refusal.
    assertThat(Dialect.sqliteInstant("2026-12-01T10:15:30Z"))
        .isEqualTo(Instant.parse("2026-12-01T10:15:30Z"));
    assertThat(Dialect.sqliteInstant("2026-12-01T10:15:30.123456Z"))
        .isEqualTo(Instant.parse("2026-12-01T10:15:30.123456Z"));
    for (String bad :
        List.of(
            "2026-02-30T10:15:30.123Z",
            "2026-13-01T10:15:30.123Z",
            "2026-12-01T24:15:30.123Z",
            "2026-12-01T10:15:3x.123Z",
            "not a time")) {
      assertThatThrownBy(() -> Dialect.sqliteInstant(bad))
          .isInstanceOf(DateTimeParseException.class);
    }
  }

  @Test
  void aConnectionsProductNameNamesItsDialect() {
    assertThat(Dialect.ofProduct("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.ofProduct("MariaDB")).isEqualTo(Dialect.MYSQL);
    assertThat(Dialect.ofProduct("MySQL")).isEqualTo(Dialect.MYSQL);
    assertThat(Dialect.ofProduct("SQLite")).isEqualTo(Dialect.SQLITE);
    assertThatThrownBy(() -> Dialect.ofProduct("Oracle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PostgreSQL, MySQL/MariaDB and SQLite, not Oracle");
  }

  @Test
  void eachServerSetsItsSessionAsItsDriverAllows() {
    assertThat(Dialect.POSTGRESQL.sessionTimeZoneSql("UTC")).contains("SET TIME ZONE 'UTC'");
    assertThat(Dialect.MYSQL.sessionTimeZoneSql("UTC")).isEmpty();
    assertThat(Dialect.MYSQL.sessionStatementTimeoutSql(Duration.ofMillis(2500)))
        .contains(
            "SET SESSION /*M! max_statement_time=2.500 */ /*!50708 max_execution_time=2500 */");
    assertThat(Dialect.MYSQL.sessionStatementTimeoutSql(Duration.ZERO)).isEmpty();
    assertThat(Dialect.POSTGRESQL.sessionStatementTimeoutSql(Duration.ofSeconds(1))).isEmpty();
    assertThat(Dialect.SQLITE.replicaQuery()).isEmpty();
    assertThat(Dialect.MYSQL.transactionalDdl()).isFalse();
    assertThat(Dialect.SQLITE.transactionalDdl()).isTrue();
  }

  @Test
  void anInsertSkipsADuplicateKeyInEachDialect() {
    String insert = "INSERT INTO api_quota (provider, window_start, calls) VALUES (?, ?, 0)";
    assertThat(Dialect.POSTGRESQL.insertIgnoringDuplicates(insert, "calls"))
        .isEqualTo(insert + " ON CONFLICT DO NOTHING");
    assertThat(Dialect.MYSQL.insertIgnoringDuplicates(insert, "calls"))
        .isEqualTo(insert + " ON DUPLICATE KEY UPDATE calls = calls");
    assertThat(Dialect.SQLITE.insertIgnoringDuplicates(insert, "calls"))
        .startsWith("INSERT OR IGNORE INTO api_quota");
    assertThatThrownBy(() -> Dialect.SQLITE.insertIgnoringDuplicates("UPDATE t SET a = 1"))
        .hasMessageContaining("expected an INSERT INTO statement");
  }

  @Test
  void errorKindsComeFromEachDatabasesOwnTables() {
    assertThat(Dialect.POSTGRESQL.errorKind("40P01", 0, false))
        .contains(Dialect.ErrorKind.RETRYABLE_CONFLICT);
    assertThat(Dialect.POSTGRESQL.errorKind("08006", 0, false))
        .contains(Dialect.ErrorKind.UNAVAILABLE);
    // Not in the table: the caller goes by the exception's class.
    assertThat(Dialect.POSTGRESQL.errorKind("42P01", 0, false)).isEmpty();
    assertThat(Dialect.POSTGRESQL.errorKind(null, 0, false)).isEmpty();
    assertThat(Dialect.MYSQL.errorKind("HY000", 1062, false))
        .contains(Dialect.ErrorKind.CONSTRAINT_VIOLATED);
    assertThat(Dialect.MYSQL.errorKind("HY000", 3024, false)).contains(Dialect.ErrorKind.TIMEOUT);
    assertThat(Dialect.MYSQL.errorKind("42S02", 1146, false)).isEmpty();
    // SQLITE_CONSTRAINT_UNIQUE (2067) by its primary code 19; only the driver's own codes count.
    assertThat(Dialect.SQLITE.errorKind(null, 2067, true))
        .contains(Dialect.ErrorKind.CONSTRAINT_VIOLATED);
    assertThat(Dialect.SQLITE.errorKind(null, 1, true)).contains(Dialect.ErrorKind.BAD_STATEMENT);
    assertThat(Dialect.SQLITE.errorKind("08001", 0, false)).isEmpty();
  }
}
