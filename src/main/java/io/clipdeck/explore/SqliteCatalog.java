package io.clipdeck.explore;

import static io.clipdeck.explore.Catalog.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * SQLite's catalog: {@code sqlite_schema} (which keeps each object's CREATE statement), the
 * table-valued pragmas, {@code sqlite_stat1} and {@code dbstat} for sizes. Its schemas are the
 * attached databases, {@code main} first.
 */
final class SqliteCatalog implements Catalog {

  private static final RowLocator ROWID = new RowLocator("rowid", "rowid", "?");

  @Override
  public List<String> schemas(Connection connection) throws SQLException {
    return query(
        connection,
        "SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq",
        row -> row.getString(1));
  }

  @Override
  public String defaultSchema(Connection connection) {
    return "main";
  }

  private String schemaTable(String schema) {
    return quote(schema) + ".sqlite_schema";
  }

  @Override
  public List<SchemaObject> objects(Connection connection, String schema) throws SQLException {
    return query(
        connection,
        "SELECT type, name FROM "
            + schemaTable(schema)
            + " WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            + " ORDER BY type, name",
        row ->
            SchemaObject.of(
                row.getString(1).equals("view") ? ObjectKind.VIEW : ObjectKind.TABLE,
                schema,
                row.getString(2)));
  }

  @Override
  public List<TableStats> tableStats(Connection connection, String schema) throws SQLException {
    List<String> tables =
        objects(connection, schema).stream()
            .filter(object -> object.kind() == ObjectKind.TABLE)
            .map(SchemaObject::name)
            .toList();
    Map<String, Long> analysed = analysedRows(connection, schema);
    Map<String, Long> sizes = sizes(connection, schema);
    List<TableStats> stats = new ArrayList<>();
    for (String table : tables) {
      Long rows = analysed.get(table);
      if (rows == null) {
        rows = highestRowid(connection, schema, table);
      }
      stats.add(new TableStats(schema, table, rows, sizes.get(table), null, null));
    }
    return stats;
  }

  /** Rows per table from {@code sqlite_stat1}, written by ANALYZE; empty before one ran. */
  private Map<String, Long> analysedRows(Connection connection, String schema) {
    Map<String, Long> rows = new HashMap<>();
    try {
      for (List<String> stat :
          query(
              connection,
              "SELECT tbl, stat FROM " + quote(schema) + ".sqlite_stat1",
              row -> List.of(row.getString(1), row.getString(2)))) {
        String first = stat.get(1).split(" ", 2)[0];
        rows.merge(stat.get(0), Long.parseLong(first), Math::max);
      }
    } catch (SQLException | NumberFormatException e) {
      // No ANALYZE yet: no sqlite_stat1 table.
    }
    return rows;
  }

  /**
   * The highest rowid, read from the end of the table's b-tree (no scan): the row count when no row
   * was deleted, an upper bound otherwise. Null for a WITHOUT ROWID table.
   */
  private Long highestRowid(Connection connection, String schema, String table) {
    try (PreparedStatement statement =
            connection.prepareStatement("SELECT max(rowid) FROM " + qualified(schema, table));
        ResultSet row = statement.executeQuery()) {
      return row.next() ? row.getLong(1) : null;
    } catch (SQLException e) {
      return null;
    }
  }

  /** Bytes per table with its indexes from {@code dbstat}; empty when the library lacks it. */
  private Map<String, Long> sizes(Connection connection, String schema) {
    Map<String, Long> sizes = new HashMap<>();
    try {
      for (List<Object> size :
          query(
              connection,
              "SELECT m.tbl_name, sum(d.pgsize) FROM dbstat(?) d JOIN "
                  + schemaTable(schema)
                  + " m ON m.name = d.name GROUP BY m.tbl_name",
              row -> List.<Object>of(row.getString(1), row.getLong(2)),
              schema)) {
        sizes.put((String) size.get(0), (Long) size.get(1));
      }
    } catch (SQLException e) {
      // Built without SQLITE_ENABLE_DBSTAT_VTAB: sizes stay unknown.
    }
    return sizes;
  }

  @Override
  public List<ColumnInfo> columns(Connection connection, String schema, String table)
      throws SQLException {
    record Row(String name, String type, boolean notNull, String defaultValue, int pk) {}
    List<Row> rows =
        query(
            connection,
            "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?, ?)"
                + " ORDER BY cid",
            row ->
                new Row(
                    row.getString(1),
                    row.getString(2),
                    row.getBoolean(3),
                    row.getString(4),
                    row.getInt(5)),
            table,
            schema);
    long keyColumns = rows.stream().filter(row -> row.pk() > 0).count();
    return rows.stream()
        .map(
            row -> {
              // A rowid alias (INTEGER PRIMARY KEY) can never be NULL, though not declared so.
              boolean rowidAlias =
                  row.pk() == 1 && keyColumns == 1 && row.type().equalsIgnoreCase("integer");
              return new ColumnInfo(
                  row.name(), row.type(), !row.notNull() && !rowidAlias, row.defaultValue());
            })
        .toList();
  }

  private List<String> primaryKey(Connection connection, String schema, String table)
      throws SQLException {
    return query(
        connection,
        "SELECT name FROM pragma_table_info(?, ?) WHERE pk > 0 ORDER BY pk",
        row -> row.getString(1),
        table,
        schema);
  }

  @Override
  public List<IndexInfo> indexes(Connection connection, String schema, String table)
      throws SQLException {
    record Listed(String name, boolean unique, String origin, boolean partial) {}
    List<Listed> listed =
        query(
            connection,
            "SELECT name, \"unique\", origin, partial FROM pragma_index_list(?, ?) ORDER BY name",
            row ->
                new Listed(
                    row.getString(1), row.getBoolean(2), row.getString(3), row.getBoolean(4)),
            table,
            schema);
    List<IndexInfo> indexes = new ArrayList<>();
    if (listed.stream().noneMatch(index -> index.origin().equals("pk"))) {
      List<String> key = primaryKey(connection, schema, table);
      if (!key.isEmpty()) {
        indexes.add(
            new IndexInfo(
                "PRIMARY KEY",
                true,
                true,
                key,
                true,
                "-- the primary key is the table's rowid: " + String.join(", ", key)));
      }
    }
    for (Listed index : listed) {
      List<String> columns =
          query(
              connection,
              "SELECT name FROM pragma_index_info(?, ?) ORDER BY seqno",
              row -> row.getString(1),
              index.name(),
              schema);
      boolean plain = !index.partial() && columns.stream().allMatch(c -> c != null);
      String sql = sqlOf(connection, schema, "index", index.name());
      indexes.add(
          new IndexInfo(
              index.name(),
              index.unique(),
              index.origin().equals("pk"),
              columns.stream().filter(c -> c != null).toList(),
              plain,
              sql != null
                  ? sql + ";"
                  : "-- made by the table's "
                      + (index.origin().equals("pk") ? "PRIMARY KEY" : "UNIQUE")
                      + " constraint"));
    }
    return indexes;
  }

  @Override
  public List<ConstraintInfo> constraints(Connection connection, String schema, String table)
      throws SQLException {
    List<ConstraintInfo> constraints = new ArrayList<>();
    List<String> key = primaryKey(connection, schema, table);
    if (!key.isEmpty()) {
      constraints.add(new ConstraintInfo("primary key", "PRIMARY KEY", "PRIMARY KEY " + list(key)));
    }
    record ForeignKeyRow(
        int id, String table, String from, String to, String onUpdate, String onDelete) {}
    List<ForeignKeyRow> rows =
        query(
            connection,
            "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete"
                + " FROM pragma_foreign_key_list(?, ?) ORDER BY id, seq",
            row ->
                new ForeignKeyRow(
                    row.getInt(1),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4),
                    row.getString(5),
                    row.getString(6)),
            table,
            schema);
    Map<Integer, List<ForeignKeyRow>> byId = new java.util.TreeMap<>();
    rows.forEach(row -> byId.computeIfAbsent(row.id(), id -> new ArrayList<>()).add(row));
    byId.forEach(
        (id, parts) -> {
          ForeignKeyRow first = parts.getFirst();
          constraints.add(
              new ConstraintInfo(
                  "foreign key " + (id + 1),
                  "FOREIGN KEY",
                  "FOREIGN KEY "
                      + list(parts.stream().map(ForeignKeyRow::from).toList())
                      + " REFERENCES "
                      + quote(first.table())
                      + " "
                      + list(parts.stream().map(p -> p.to() == null ? "rowid" : p.to()).toList())
                      + " ON DELETE "
                      + first.onDelete()
                      + " ON UPDATE "
                      + first.onUpdate()));
        });
    for (IndexInfo index : indexes(connection, schema, table)) {
      if (index.unique() && !index.primary() && index.definition().startsWith("--")) {
        constraints.add(
            new ConstraintInfo(index.name(), "UNIQUE", "UNIQUE " + list(index.columns())));
      }
    }
    return constraints;
  }

  private String list(List<String> names) {
    return "(" + String.join(", ", names.stream().map(this::quote).toList()) + ")";
  }

  @Override
  public List<TriggerInfo> triggers(Connection connection, String schema, String table)
      throws SQLException {
    return query(
        connection,
        "SELECT name, sql FROM "
            + schemaTable(schema)
            + " WHERE type = 'trigger' AND tbl_name = ? ORDER BY name",
        row -> new TriggerInfo(row.getString(1), row.getString(2) + ";"),
        table);
  }

  private String sqlOf(Connection connection, String schema, String type, String name)
      throws SQLException {
    List<String> found =
        query(
            connection,
            "SELECT sql FROM " + schemaTable(schema) + " WHERE type = ? AND name = ?",
            row -> row.getString(1),
            type,
            name);
    return found.isEmpty() ? null : found.getFirst();
  }

  @Override
  public String ddl(Connection connection, SchemaObject object) throws SQLException {
    return switch (object.kind()) {
      case TABLE, VIEW, TRIGGER -> {
        String sql =
            sqlOf(
                connection,
                object.schema(),
                object.kind().name().toLowerCase(Locale.ROOT),
                object.name());
        if (sql == null) {
          throw PostgresCatalog.missing(object);
        }
        yield sql + ";";
      }
      case INDEX ->
          indexes(connection, object.schema(), object.table()).stream()
              .filter(index -> index.name().equals(object.name()))
              .map(IndexInfo::definition)
              .findFirst()
              .orElseThrow(() -> PostgresCatalog.missing(object));
      case CONSTRAINT ->
          constraints(connection, object.schema(), object.table()).stream()
              .filter(constraint -> constraint.name().equals(object.name()))
              .map(
                  constraint ->
                      "-- part of the table's CREATE statement\n" + constraint.definition())
              .findFirst()
              .orElseThrow(() -> PostgresCatalog.missing(object));
      default -> throw PostgresCatalog.missing(object);
    };
  }

  @Override
  public RowLocator rowLocator() {
    return ROWID;
  }

  @Override
  public String asText(String expression) {
    return "CAST(" + expression + " AS TEXT)";
  }
}
