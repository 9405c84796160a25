package io.clipdeck.data.repo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Null-aware column reads: JDBC's getLong/getDouble turn NULL into 0. */
final class Rows {

  private Rows() {}

  static Long longOrNull(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  static Integer intOrNull(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  static Double doubleOrNull(ResultSet row, String column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }

  static Double doubleOrNull(ResultSet row, int column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }

  /**
   * A decimal at a fixed scale: PostgreSQL and MySQL return the column's scale, SQLite a REAL, so
   * values compare and print the same on all three.
   */
  static BigDecimal decimal(ResultSet row, String column, int scale) throws SQLException {
    BigDecimal value = row.getBigDecimal(column);
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }

  static BigDecimal decimal(ResultSet row, int column, int scale) throws SQLException {
    BigDecimal value = row.getBigDecimal(column);
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }
}
