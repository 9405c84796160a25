package io.clipdeck.migrate;

import io.clipdeck.db.Dialect;
import io.clipdeck.migrate.SchemaSnapshot.Column;
import io.clipdeck.migrate.SchemaSnapshot.ForeignKey;
import io.clipdeck.migrate.SchemaSnapshot.Index;
import io.clipdeck.migrate.SchemaSnapshot.PrimaryKey;
import io.clipdeck.migrate.SchemaSnapshot.Rule;
import io.clipdeck.migrate.SchemaSnapshot.Table;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a {@link SchemaSnapshot} through {@link DatabaseMetaData}, smoothing over what each driver
 * reports differently. Name arguments to the metadata calls are patterns ({@code _} matches any
 * character), so every row is also checked against the exact table name.
 */
final class SchemaReader {

  /** Larger than any declared length: a driver's "unbounded" (text, SQLite's undeclared sizes). */
  private static final int UNBOUNDED = 1_000_000;

  private static final Set<String> SIZED_CHARACTER_TYPES =
      Set.of(
          "char",
          "varchar",
          "character",
          "character varying",
          "nchar",
          "nvarchar",
          "binary",
          "varbinary",
          "bit",
          "bit varying");

  private static final Set<String> NUMERIC_TYPES = Set.of("numeric", "decimal");

  private final DatabaseMetaData metaData;
  private final Dialect dialect;
  private final String catalog;
  private final String schema;

  private SchemaReader(Connection connection) throws SQLException {
    this.metaData = connection.getMetaData();
    this.dialect = Dialect.ofProduct(metaData.getDatabaseProductName());
    // PostgreSQL: the database and its current schema. MySQL/MariaDB: the current database is the
    // catalog (the schema is null). SQLite: both null, which lists the main database.
    this.catalog = dialect.metadataCatalog(connection);
    this.schema = dialect.metadataSchema(connection);
    if (dialect.hasServer() && catalog == null && schema == null) {
      throw new SQLException(
          "The connection has no current database: name one in the profile to read its schema");
    }
  }

  static SchemaSnapshot read(Connection connection) throws SQLException {
    return new SchemaReader(connection).read();
  }

  private SchemaSnapshot read() throws SQLException {
    List<Table> tables = new ArrayList<>();
    for (String table : tableNames()) {
      PrimaryKey primaryKey = primaryKey(table);
      tables.add(
          new Table(
              table,
              columns(table, primaryKey),
              primaryKey,
              indexes(table, primaryKey),
              foreignKeys(table)));
    }
    return new SchemaSnapshot(tables);
  }

  private List<String> tableNames() throws SQLException {
    String[] types = dialect.tableTypes();
    List<String> names = new ArrayList<>();
    try (ResultSet rows = metaData.getTables(catalog, schema, "%", types)) {
      while (rows.next()) {
        String name = rows.getString("TABLE_NAME");
        if (inScope(rows, "TABLE_CAT", "TABLE_SCHEM") && included(name)) {
          names.add(name);
        }
      }
    }
    return names;
  }

  private boolean included(String table) {
    if (table.equalsIgnoreCase(SchemaSnapshot.FLYWAY_HISTORY_TABLE)
        || table.equalsIgnoreCase(RunMarkers.TABLE)) {
      return false;
    }
    return !dialect.isSystemTable(table);
  }

  private List<Column> columns(String table, PrimaryKey primaryKey) throws SQLException {
    Map<Integer, Column> byPosition = new TreeMap<>();
    try (ResultSet rows = metaData.getColumns(catalog, schema, table, "%")) {
      while (rows.next()) {
        if (!isRowOf(rows, table, "TABLE_NAME", "TABLE_CAT", "TABLE_SCHEM")) {
          continue;
        }
        String name = rows.getString("COLUMN_NAME");
        String driverType = Objects.requireNonNullElse(rows.getString("TYPE_NAME"), "unknown");
        int columnSize = intOrZero(rows, "COLUMN_SIZE");
        int digits = intOrZero(rows, "DECIMAL_DIGITS");
        String type = dialect.standardTypeName(driverType, columnSize);
        int size = size(type, columnSize, digits);
        int scale = NUMERIC_TYPES.contains(type) && size > 0 ? digits : 0;
        boolean nullable = rows.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls;
        boolean autoIncrement = "YES".equalsIgnoreCase(rows.getString("IS_AUTOINCREMENT"));
        if (dialect.integerKeyIsRowid()
            && primaryKey.columns().equals(List.of(name))
            && type.equals("integer")) {
          // A rowid alias can never be NULL, though the driver reports it nullable.
          nullable = false;
        }
        byPosition.put(
            rows.getInt("ORDINAL_POSITION"),
            new Column(
                name,
                type,
                size,
                scale,
                nullable,
                defaultValue(rows.getString("COLUMN_DEF")),
                autoIncrement));
      }
    }
    return List.copyOf(byPosition.values());
  }

  /** A character or numeric type's declared size, else a time type's fractional digits. */
  private int size(String type, int columnSize, int digits) {
    if (SIZED_CHARACTER_TYPES.contains(type) || NUMERIC_TYPES.contains(type)) {
      return columnSize > 0 && columnSize < UNBOUNDED ? columnSize : 0;
    }
    return dialect.timePrecision(type, columnSize, digits);
  }

  private static String defaultValue(String reported) {
    if (reported == null) {
      return null;
    }
    String value = reported.strip().replaceAll("\\s+", " ");
    return value.isEmpty() || value.equalsIgnoreCase("null") ? null : value;
  }

  private PrimaryKey primaryKey(String table) throws SQLException {
    Map<Integer, String> columns = new TreeMap<>();
    String name = null;
    try (ResultSet rows = metaData.getPrimaryKeys(catalog, schema, table)) {
      while (rows.next()) {
        if (!isRowOf(rows, table, "TABLE_NAME", "TABLE_CAT", "TABLE_SCHEM")) {
          continue;
        }
        columns.put(rows.getInt("KEY_SEQ"), rows.getString("COLUMN_NAME"));
        String pkName = rows.getString("PK_NAME");
        name = pkName == null || pkName.isBlank() ? name : pkName;
      }
    }
    return columns.isEmpty()
        ? PrimaryKey.NONE
        : new PrimaryKey(name, List.copyOf(columns.values()));
  }

  private List<Index> indexes(String table, PrimaryKey primaryKey) throws SQLException {
    Map<String, Boolean> unique = new LinkedHashMap<>();
    Map<String, Map<Integer, String>> columns = new LinkedHashMap<>();
    try (ResultSet rows = metaData.getIndexInfo(catalog, schema, table, false, true)) {
      while (rows.next()) {
        String name = rows.getString("INDEX_NAME");
        if (name == null
            || rows.getShort("TYPE") == DatabaseMetaData.tableIndexStatistic
            || !isRowOf(rows, table, "TABLE_NAME", "TABLE_CAT", "TABLE_SCHEM")) {
          continue;
        }
        String column = Objects.requireNonNullElse(rows.getString("COLUMN_NAME"), "?");
        if ("D".equalsIgnoreCase(rows.getString("ASC_OR_DESC"))) {
          column += " desc";
        }
        unique.put(name, !rows.getBoolean("NON_UNIQUE"));
        columns
            .computeIfAbsent(name, key -> new TreeMap<>())
            .put(rows.getInt("ORDINAL_POSITION"), column);
      }
    }
    List<Index> indexes = new ArrayList<>();
    for (Map.Entry<String, Map<Integer, String>> entry : columns.entrySet()) {
      Index index =
          new Index(
              entry.getKey(), unique.get(entry.getKey()), List.copyOf(entry.getValue().values()));
      if (!backsPrimaryKey(index, primaryKey)) {
        indexes.add(index);
      }
    }
    return indexes;
  }

  /** PostgreSQL's {@code x_pkey}, MySQL's {@code PRIMARY}, SQLite's automatic index for a key. */
  private static boolean backsPrimaryKey(Index index, PrimaryKey primaryKey) {
    if (primaryKey.columns().isEmpty() || !index.unique()) {
      return false;
    }
    if (index.name().equals(primaryKey.name()) || index.name().equals("PRIMARY")) {
      return true;
    }
    return index.invented() && index.columns().equals(primaryKey.columns());
  }

  private List<ForeignKey> foreignKeys(String table) throws SQLException {
    List<ForeignKeyRows> keys = new ArrayList<>();
    try (ResultSet rows = metaData.getImportedKeys(catalog, schema, table)) {
      ForeignKeyRows current = null;
      while (rows.next()) {
        if (!isRowOf(rows, table, "FKTABLE_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM")) {
          continue;
        }
        String name = Objects.requireNonNullElse(rows.getString("FK_NAME"), "");
        String referenced = rows.getString("PKTABLE_NAME");
        String referencedSchema = rows.getString("PKTABLE_SCHEM");
        if (referencedSchema != null && schema != null && !referencedSchema.equals(schema)) {
          referenced = referencedSchema + "." + referenced;
        }
        int sequence = rows.getInt("KEY_SEQ");
        // Unnamed keys (SQLite) are told apart by their sequence restarting at 1.
        boolean next =
            current == null
                || !current.name.equals(name)
                || !current.referencedTable.equals(referenced)
                || (name.isBlank() && sequence == 1);
        if (next) {
          current =
              new ForeignKeyRows(
                  name,
                  referenced,
                  rule(rows.getShort("DELETE_RULE")),
                  rule(rows.getShort("UPDATE_RULE")));
          keys.add(current);
        }
        current.columns.put(sequence, rows.getString("FKCOLUMN_NAME"));
        current.referencedColumns.put(sequence, rows.getString("PKCOLUMN_NAME"));
      }
    }
    return keys.stream().map(ForeignKeyRows::toForeignKey).toList();
  }

  private static Rule rule(short code) {
    return switch (code) {
      case DatabaseMetaData.importedKeyCascade -> Rule.CASCADE;
      case DatabaseMetaData.importedKeyRestrict -> Rule.RESTRICT;
      case DatabaseMetaData.importedKeySetNull -> Rule.SET_NULL;
      case DatabaseMetaData.importedKeySetDefault -> Rule.SET_DEFAULT;
      default -> Rule.NO_ACTION;
    };
  }

  /** Whether a metadata row is about exactly this table in the snapshot's catalog and schema. */
  private boolean isRowOf(ResultSet rows, String table, String tableColumn, String... scope)
      throws SQLException {
    return table.equals(rows.getString(tableColumn)) && inScope(rows, scope[0], scope[1]);
  }

  private boolean inScope(ResultSet rows, String catalogColumn, String schemaColumn)
      throws SQLException {
    // A null in the row means the driver does not say (pgjdbc's catalogs, SQLite's schemas).
    String rowSchema = rows.getString(schemaColumn);
    if (schema != null && rowSchema != null && !schema.equals(rowSchema)) {
      return false;
    }
    String rowCatalog = rows.getString(catalogColumn);
    return catalog == null || rowCatalog == null || catalog.equals(rowCatalog);
  }

  private static int intOrZero(ResultSet rows, String column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? 0 : value;
  }

  /** One foreign key's rows, gathered before it becomes a record. */
  private static final class ForeignKeyRows {
    final String name;
    final String referencedTable;
    final Rule onDelete;
    final Rule onUpdate;
    final Map<Integer, String> columns = new TreeMap<>();
    final Map<Integer, String> referencedColumns = new TreeMap<>();

    ForeignKeyRows(String name, String referencedTable, Rule onDelete, Rule onUpdate) {
      this.name = name;
      this.referencedTable = referencedTable;
      this.onDelete = onDelete;
      this.onUpdate = onUpdate;
    }

    ForeignKey toForeignKey() {
      return new ForeignKey(
          name,
          List.copyOf(columns.values()),
          referencedTable,
          List.copyOf(referencedColumns.values()),
          onDelete,
          onUpdate);
    }
  }
}
