package io.clipdeck.data;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Turns the result set's current row into one value; never moves the cursor. */
@FunctionalInterface
public interface RowMapper<T> {
  T map(ResultSet row) throws SQLException;
}
