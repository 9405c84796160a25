package io.clipdeck.explore;

import static io.clipdeck.explore.Catalog.query;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MySQL/MariaDB's catalog: {@code information_schema}, and {@code SHOW CREATE} for DDL. Its schemas
 * are the server's databases (JDBC calls them catalogs).
 */
final class MariaDbCatalog implements Catalog {

  private static final List<String> SYSTEM =
      List.of("information_schema", "performance_schema", "mysql", "sys");

  @Override
  public String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  @Override
  public List<String> schemas(Connection connection) throws SQLException {
    String current = defaultSchema(connection);
    List<String> schemas = new ArrayList<>();
    if (current != null) {
      schemas.add(current);
    }
    for (String name :
        query(
            connection,
            "SELECT schema_name FROM information_schema.schemata ORDER BY schema_name",
            row -> row.getString(1))) {
      if (!SYSTEM.contains(name.toLowerCase(java.util.Locale.ROOT)) && !name.equals(current)) {
        schemas.add(name);
      }
    }
    return schemas;
  }

  @Override
  public String defaultSchema(Connection connection) throws SQLException {
    return connection.getCatalog();
  }

  @Override
  public List<SchemaObject> objects(Connection connection, String schema) throws SQLException {
    List<SchemaObject> objects =
        new ArrayList<>(
            query(
                connection,
                """
                SELECT table_type, table_name FROM information_schema.tables
                WHERE table_schema = ?
                ORDER BY CASE table_type WHEN 'VIEW' THEN 2 WHEN 'SEQUENCE' THEN 3 ELSE 1 END,
                         table_name
                """,
                row ->
                    SchemaObject.of(
                        switch (row.getString(1)) {
                          case "VIEW" -> ObjectKind.VIEW;
                          case "SEQUENCE" -> ObjectKind.SEQUENCE;
                          default -> ObjectKind.TABLE;
                        },
                        schema,
                        row.getString(2)),
                schema));
    objects.addAll(
        query(
            connection,
            """
            SELECT routine_type, routine_name FROM information_schema.routines
            WHERE routine_schema = ? ORDER BY routine_name
            """,
            row ->
                SchemaObject.of(
                    row.getString(1).equals("PROCEDURE")
                        ? ObjectKind.PROCEDURE
                        : ObjectKind.FUNCTION,
                    schema,
                    row.getString(2)),
            schema));
    return objects;
  }

  @Override
  public List<TableStats> tableStats(Connection connection, String schema) throws SQLException {
    return query(
        connection,
        """
        SELECT table_name, table_rows, data_length + index_length
        FROM information_schema.tables
        WHERE table_schema = ? AND table_type IN ('BASE TABLE', 'SYSTEM VERSIONED')
        ORDER BY table_name
        """,
        row ->
            new TableStats(
                schema,
                row.getString(1),
                row.getObject(2) == null ? null : row.getLong(2),
                row.getObject(3) == null ? null : row.getLong(3),
                null,
                null),
        schema);
  }

  @Override
  public List<ColumnInfo> columns(Connection connection, String schema, String table)
      throws SQLException {
    return query(
        connection,
        """
        SELECT column_name, column_type, is_nullable = 'YES', column_default, extra
        FROM information_schema.columns
        WHERE table_schema = ? AND table_name = ?
        ORDER BY ordinal_position
        """,
        row -> {
          String extra = row.getString(5);
          String type = row.getString(2);
          return new ColumnInfo(
              row.getString(1),
              extra == null || extra.isBlank() ? type : type + " " + extra,
              row.getBoolean(3),
              defaultValue(row.getString(4)));
        },
        schema,
        table);
  }

  /** MariaDB reports "no default" as the text NULL on nullable columns. */
  private static String defaultValue(String reported) {
    return reported == null || reported.equalsIgnoreCase("NULL") ? null : reported;
  }

  @Override
  public List<IndexInfo> indexes(Connection connection, String schema, String table)
      throws SQLException {
    record Entry(String index, boolean unique, String column, boolean whole) {}
    List<Entry> entries =
        query(
            connection,
            """
            SELECT index_name, non_unique = 0, column_name, sub_part IS NULL
            FROM information_schema.statistics
            WHERE table_schema = ? AND table_name = ?
            ORDER BY index_name <> 'PRIMARY', index_name, seq_in_index
            """,
            row ->
                new Entry(row.getString(1), row.getBoolean(2), row.getString(3), row.getBoolean(4)),
            schema,
            table);
    Map<String, List<Entry>> byIndex = new LinkedHashMap<>();
    entries.forEach(
        entry -> byIndex.computeIfAbsent(entry.index(), n -> new ArrayList<>()).add(entry));
    List<IndexInfo> indexes = new ArrayList<>();
    byIndex.forEach(
        (name, parts) -> {
          boolean unique = parts.getFirst().unique();
          boolean primary = name.equals("PRIMARY");
          List<String> columns = parts.stream().map(Entry::column).filter(c -> c != null).toList();
          boolean plain = parts.stream().allMatch(part -> part.whole() && part.column() != null);
          String definition =
              primary
                  ? "ALTER TABLE "
                      + qualified(schema, table)
                      + " ADD PRIMARY KEY ("
                      + quotedList(columns)
                      + ");"
                  : "CREATE "
                      + (unique ? "UNIQUE " : "")
                      + "INDEX "
                      + quote(name)
                      + " ON "
                      + qualified(schema, table)
                      + " ("
                      + quotedList(columns)
                      + ");";
          indexes.add(new IndexInfo(name, unique, primary, columns, plain, definition));
        });
    return indexes;
  }

  private String quotedList(List<String> names) {
    return String.join(", ", names.stream().map(this::quote).toList());
  }

  @Override
  public List<ConstraintInfo> constraints(Connection connection, String schema, String table)
      throws SQLException {
    List<ConstraintInfo> constraints = new ArrayList<>();
    for (IndexInfo index : indexes(connection, schema, table)) {
      if (index.primary()) {
        constraints.add(
            new ConstraintInfo(
                "PRIMARY", "PRIMARY KEY", "PRIMARY KEY (" + quotedList(index.columns()) + ")"));
      }
    }
    record KeyColumn(String name, String column, String refSchema, String refTable, String ref) {}
    List<KeyColumn> keyColumns =
        query(
            connection,
            """
            SELECT k.constraint_name, k.column_name, k.referenced_table_schema,
                   k.referenced_table_name, k.referenced_column_name
            FROM information_schema.key_column_usage k
            WHERE k.table_schema = ? AND k.table_name = ? AND k.referenced_table_name IS NOT NULL
            ORDER BY k.constraint_name, k.ordinal_position
            """,
            row ->
                new KeyColumn(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4),
                    row.getString(5)),
            schema,
            table);
    Map<String, List<KeyColumn>> byKey = new LinkedHashMap<>();
    keyColumns.forEach(key -> byKey.computeIfAbsent(key.name(), n -> new ArrayList<>()).add(key));
    Map<String, String> rules = new LinkedHashMap<>();
    for (var rule :
        query(
            connection,
            """
            SELECT constraint_name, delete_rule, update_rule
            FROM information_schema.referential_constraints
            WHERE constraint_schema = ? AND table_name = ?
            """,
            row -> List.of(row.getString(1), row.getString(2), row.getString(3)),
            schema,
            table)) {
      rules.put(rule.get(0), " ON DELETE " + rule.get(1) + " ON UPDATE " + rule.get(2));
    }
    byKey.forEach(
        (name, parts) -> {
          KeyColumn first = parts.getFirst();
          String referenced =
              first.refSchema().equals(schema)
                  ? quote(first.refTable())
                  : qualified(first.refSchema(), first.refTable());
          constraints.add(
              new ConstraintInfo(
                  name,
                  "FOREIGN KEY",
                  "FOREIGN KEY ("
                      + quotedList(parts.stream().map(KeyColumn::column).toList())
                      + ") REFERENCES "
                      + referenced
                      + " ("
                      + quotedList(parts.stream().map(KeyColumn::ref).toList())
                      + ")"
                      + rules.getOrDefault(name, "")));
        });
    for (IndexInfo index : indexes(connection, schema, table)) {
      if (index.unique() && !index.primary()) {
        constraints.add(
            new ConstraintInfo(
                index.name(), "UNIQUE", "UNIQUE (" + quotedList(index.columns()) + ")"));
      }
    }
    constraints.addAll(checks(connection, schema, table));
    return constraints;
  }

  /**
   * CHECK constraints from MariaDB's {@code information_schema.check_constraints}; MySQL's has no
   * table name there, so on MySQL the checks show only in the table's DDL.
   */
  private List<ConstraintInfo> checks(Connection connection, String schema, String table) {
    try {
      return query(
          connection,
          """
          SELECT constraint_name, check_clause FROM information_schema.check_constraints
          WHERE constraint_schema = ? AND table_name = ? ORDER BY constraint_name
          """,
          row -> new ConstraintInfo(row.getString(1), "CHECK", "CHECK (" + row.getString(2) + ")"),
          schema,
          table);
    } catch (SQLException e) {
      return List.of();
    }
  }

  @Override
  public List<TriggerInfo> triggers(Connection connection, String schema, String table)
      throws SQLException {
    return query(
        connection,
        """
        SELECT trigger_name, action_timing, event_manipulation
        FROM information_schema.triggers
        WHERE event_object_schema = ? AND event_object_table = ? ORDER BY trigger_name
        """,
        row -> new TriggerInfo(row.getString(1), row.getString(2) + " " + row.getString(3)),
        schema,
        table);
  }

  @Override
  public String ddl(Connection connection, SchemaObject object) throws SQLException {
    // A database (SCHEMA) has no schema of its own to qualify it with.
    String qualified =
        object.kind() == ObjectKind.SCHEMA ? null : qualified(object.schema(), object.name());
    return switch (object.kind()) {
      case TABLE -> show(connection, "SHOW CREATE TABLE " + qualified);
      case VIEW -> show(connection, "SHOW CREATE VIEW " + qualified);
      case SEQUENCE -> show(connection, "SHOW CREATE SEQUENCE " + qualified);
      case FUNCTION -> show(connection, "SHOW CREATE FUNCTION " + qualified);
      case PROCEDURE -> show(connection, "SHOW CREATE PROCEDURE " + qualified);
      case TRIGGER -> show(connection, "SHOW CREATE TRIGGER " + qualified);
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
                      "ALTER TABLE "
                          + qualified(object.schema(), object.table())
                          + " ADD CONSTRAINT "
                          + quote(constraint.name())
                          + " "
                          + constraint.definition()
                          + ";")
              .findFirst()
              .orElseThrow(() -> PostgresCatalog.missing(object));
      case MATERIALIZED_VIEW -> throw PostgresCatalog.missing(object);
      case SCHEMA -> show(connection, "SHOW CREATE DATABASE " + quote(object.name()));
    };
  }

  /**
   * Runs a {@code SHOW CREATE …} built from names the catalog returned (quoted), and returns its
   * "Create …" column ("SQL Original Statement" for a trigger).
   */
  private static String show(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(sql)) {
      if (!row.next()) {
        throw new SQLException("the server returned nothing for " + sql);
      }
      ResultSetMetaData meta = row.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        String label = meta.getColumnLabel(i);
        if (label.startsWith("Create ") || label.equals("SQL Original Statement")) {
          String text = row.getString(i);
          if (text == null) {
            throw new SQLException("The server hides the definition: " + sql + " needs privileges");
          }
          return text.endsWith(";") ? text : text + ";";
        }
      }
      throw new SQLException("Unexpected answer to " + sql);
    }
  }

  @Override
  public RowLocator rowLocator() {
    return null;
  }

  @Override
  public String asText(String expression) {
    return "CAST(" + expression + " AS CHAR)";
  }
}
