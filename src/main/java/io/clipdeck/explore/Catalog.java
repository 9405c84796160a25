package io.clipdeck.explore;

import io.clipdeck.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * How one kind of server describes itself: its catalog queries, its DDL, its quoting. Every name
 * reaches these queries as a bound value; only {@link #quote} builds identifiers, and only from
 * names the catalog itself returned.
 */
interface Catalog {

  /** The catalog of a dialect: the one place in explore that picks by database. */
  static Catalog of(Dialect dialect) {
    return switch (dialect) {
      case POSTGRESQL -> new PostgresCatalog();
      case MYSQL -> new MariaDbCatalog();
      case SQLITE -> new SqliteCatalog();
    };
  }

  List<String> schemas(Connection connection) throws SQLException;

  /** The schema opened first: the profile's current one. */
  String defaultSchema(Connection connection) throws SQLException;

  /** Tables, views, materialised views, sequences and functions of a schema, by kind then name. */
  List<SchemaObject> objects(Connection connection, String schema) throws SQLException;

  List<TableStats> tableStats(Connection connection, String schema) throws SQLException;

  /**
   * The table, view or materialised view of exactly that name, if the schema has one. Every grid
   * page asks, so a catalog with a cheaper lookup than listing the schema overrides it.
   */
  default java.util.Optional<SchemaObject> relation(
      Connection connection, String schema, String name) throws SQLException {
    return objects(connection, schema).stream()
        .filter(object -> object.kind().hasRows() && object.name().equals(name))
        .findFirst();
  }

  List<ColumnInfo> columns(Connection connection, String schema, String table) throws SQLException;

  List<IndexInfo> indexes(Connection connection, String schema, String table) throws SQLException;

  List<ConstraintInfo> constraints(Connection connection, String schema, String table)
      throws SQLException;

  List<TriggerInfo> triggers(Connection connection, String schema, String table)
      throws SQLException;

  String ddl(Connection connection, SchemaObject object) throws SQLException;

  /**
   * The row locator of a table without a usable key ({@code ctid}, {@code rowid}), as a select
   * expression and a comparison placeholder; null when the server has none (MySQL/MariaDB).
   */
  RowLocator rowLocator();

  /** A column's value as text, for filters that compare any type with typed text. */
  String asText(String expression);

  /** Quotes a name the catalog returned; quote characters inside are doubled. */
  default String quote(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }

  default String qualified(String schema, String table) {
    return quote(schema) + "." + quote(table);
  }

  /** A last-resort row address: its select expression, and how a bound value compares with it. */
  record RowLocator(String name, String select, String placeholder) {}

  /** Runs a query with string parameters and maps each row. */
  static <T> List<T> query(Connection connection, String sql, RowReader<T> reader, String... values)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setString(i + 1, values[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(reader.read(rows));
        }
        return result;
      }
    }
  }

  /** One row to one value. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }
}
