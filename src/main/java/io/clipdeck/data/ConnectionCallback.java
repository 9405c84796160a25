package io.clipdeck.data;

import java.sql.Connection;
import java.sql.SQLException;

/** Work on a borrowed connection; the caller of {@link Jdbc#withConnection} gives it back. */
@FunctionalInterface
public interface ConnectionCallback<T> {
  T run(Connection connection) throws SQLException;
}
