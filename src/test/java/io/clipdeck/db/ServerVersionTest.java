package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerVersionTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "MySQL      | 5.5.5-10.11.19-MariaDB-0+deb12u1       | MariaDB 10.11.19",
        "MariaDB    | 10.11.19-MariaDB-0+deb12u1             | MariaDB 10.11.19",
        "MariaDB    | 11.4.2-MariaDB                         | MariaDB 11.4.2",
        "MariaDB    | 11.4.2                                 | MariaDB 11.4.2",
        "MySQL      | 8.4.3                                  | MySQL 8.4.3",
        "MySQL      | 8.0.36-0ubuntu0.22.04.1                | MySQL 8.0.36",
        "PostgreSQL | 15.19 (Debian 15.19-0+deb12u1)         | PostgreSQL 15.19",
        "PostgreSQL | 17.2                                   | PostgreSQL 17.2",
        "SQLite     | 3.54.1                                 | SQLite 3.54.1",
        "PostgreSQL | devel                                  | PostgreSQL devel",
      })
  void showsTheVersionAsTheServersOwnToolsDo(String product, String wire, String shown) {
    assertThat(ServerVersion.describe(product, wire)).isEqualTo(shown);
  }
}
