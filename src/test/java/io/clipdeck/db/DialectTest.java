package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
}
