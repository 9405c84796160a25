package io.clipdeck.migrate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * What a database's tables look like, read through JDBC metadata: columns, primary keys, indexes
 * and foreign keys of the connection's current schema (PostgreSQL's current schema, normally {@code
 * public}; MySQL's and MariaDB's current database; SQLite's {@code main}). Flyway's {@code
 * flyway_schema_history} and SQLite's internal tables are left out.
 *
 * <p>Immutable and sorted (tables, indexes and foreign keys by name; columns in table order), so
 * two snapshots of the same schema are {@linkplain #equals equal} and {@linkplain #describe
 * describe} alike. {@link #differences} compares two snapshots and says what differs, one line per
 * difference.
 *
 * <p>Types are the driver's names, normalized within a dialect ({@code int8} is {@code bigint},
 * MySQL's {@code BIT} of size 1 from {@code BOOLEAN} is {@code boolean}): compare snapshots of the
 * same kind of database. Across dialects only names, nullability and keys are comparable. CHECK
 * constraints, triggers, views and sequences are not part of a snapshot: JDBC metadata does not
 * describe them.
 *
 * <p>Longer than most classes because its records (tables, columns, keys, indexes) and their
 * comparison are one description of a schema: reading it is {@code SchemaReader}'s job.
 */
public record SchemaSnapshot(List<Table> tables) {

  /** The name of Flyway's history table, never part of a snapshot. */
  public static final String FLYWAY_HISTORY_TABLE = "flyway_schema_history";

  public SchemaSnapshot {
    tables = sortedCopy(tables, Comparator.comparing(Table::name));
  }

  /**
   * Reads the tables of the connection's current catalog and schema. Uses the connection as it is
   * and leaves it open.
   */
  public static SchemaSnapshot read(Connection connection) throws SQLException {
    return SchemaReader.read(connection);
  }

  /** The table of this name, if the snapshot has it. */
  public Optional<Table> table(String name) {
    return tables.stream().filter(table -> table.name().equals(name)).findFirst();
  }

  /** The tables' names, sorted. */
  public List<String> tableNames() {
    return tables.stream().map(Table::name).toList();
  }

  public boolean isEmpty() {
    return tables.isEmpty();
  }

  /** Whether {@link #differences} finds nothing. */
  public boolean sameAs(SchemaSnapshot other) {
    return differences(other).isEmpty();
  }

  /**
   * What differs between this snapshot (the reference, e.g. a fresh migration) and {@code other}
   * (e.g. a live database), one readable line per difference, empty when they are the same.
   * "missing" means in this snapshot only, "extra" in {@code other} only, and "x vs y" gives this
   * snapshot's value first, e.g. {@code table videos: column title: type varchar(500) vs text}.
   *
   * <p>Indexes and foreign keys are matched by name, then by definition: one found under another
   * name is reported as renamed, unless a name was invented by the database (SQLite's {@code
   * sqlite_autoindex_...}, an unnamed foreign key). Primary keys are compared by columns only,
   * since MySQL names every one {@code PRIMARY} and SQLite names none.
   */
  public List<String> differences(SchemaSnapshot other) {
    List<String> lines = new ArrayList<>();
    Map<String, Table> theirs = byName(other.tables, Table::name);
    for (Table table : tables) {
      Table their = theirs.get(table.name());
      if (their == null) {
        lines.add("missing table " + table.name());
      } else {
        table.differences(their, lines);
      }
    }
    Map<String, Table> ours = byName(tables, Table::name);
    for (Table their : other.tables) {
      if (!ours.containsKey(their.name())) {
        lines.add("extra table " + their.name());
      }
    }
    return List.copyOf(lines);
  }

  /** Every table, one line per column, key and index; empty schemas say so. */
  public String describe() {
    if (tables.isEmpty()) {
      return "(no tables)\n";
    }
    StringBuilder text = new StringBuilder();
    for (Table table : tables) {
      text.append(table.describe());
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return describe();
  }

  /** One table: columns in table order, indexes and foreign keys by name. */
  public record Table(
      String name,
      List<Column> columns,
      PrimaryKey primaryKey,
      List<Index> indexes,
      List<ForeignKey> foreignKeys) {

    public Table {
      Objects.requireNonNull(name, "name");
      columns = List.copyOf(columns);
      primaryKey = primaryKey == null ? PrimaryKey.NONE : primaryKey;
      indexes = sortedCopy(indexes, Comparator.comparing(Index::name));
      foreignKeys =
          sortedCopy(
              foreignKeys,
              Comparator.comparing(ForeignKey::name)
                  .thenComparing(ForeignKey::referencedTable)
                  .thenComparing(key -> String.join(",", key.columns())));
    }

    public Optional<Column> column(String columnName) {
      return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
    }

    public List<String> columnNames() {
      return columns.stream().map(Column::name).toList();
    }

    public Optional<Index> index(String indexName) {
      return indexes.stream().filter(index -> index.name().equals(indexName)).findFirst();
    }

    /** The index on exactly these columns, in this order, whatever its name. */
    public Optional<Index> indexOn(List<String> indexColumns) {
      return indexes.stream().filter(index -> index.columns().equals(indexColumns)).findFirst();
    }

    /** Whether a unique index, or the primary key, covers exactly these columns. */
    public boolean isUnique(List<String> keyColumns) {
      return primaryKey.columns().equals(keyColumns)
          || indexes.stream()
              .anyMatch(index -> index.unique() && index.columns().equals(keyColumns));
    }

    /** The foreign key from exactly these columns, whatever its name. */
    public Optional<ForeignKey> foreignKeyFrom(List<String> keyColumns) {
      return foreignKeys.stream().filter(key -> key.columns().equals(keyColumns)).findFirst();
    }

    String describe() {
      StringBuilder text = new StringBuilder("table ").append(name).append('\n');
      for (Column column : columns) {
        text.append("  column ").append(column.describe()).append('\n');
      }
      if (!primaryKey.columns().isEmpty()) {
        text.append("  ").append(primaryKey.describe()).append('\n');
      }
      for (Index index : indexes) {
        text.append("  ").append(index.describe()).append('\n');
      }
      for (ForeignKey key : foreignKeys) {
        text.append("  ").append(key.describe()).append('\n');
      }
      return text.toString();
    }

    void differences(Table other, List<String> lines) {
      String prefix = "table " + name + ": ";
      Map<String, Column> theirColumns = byName(other.columns, Column::name);
      for (Column column : columns) {
        Column their = theirColumns.get(column.name());
        if (their == null) {
          lines.add(prefix + "missing column " + column.describe());
        } else {
          column.differences(their, prefix, lines);
        }
      }
      Map<String, Column> ourColumns = byName(columns, Column::name);
      for (Column their : other.columns) {
        if (!ourColumns.containsKey(their.name())) {
          lines.add(prefix + "extra column " + their.describe());
        }
      }
      List<String> ourOrder = columnNames().stream().filter(theirColumns::containsKey).toList();
      List<String> theirOrder =
          other.columnNames().stream().filter(ourColumns::containsKey).toList();
      if (!ourOrder.equals(theirOrder)) {
        lines.add(
            prefix
                + "column order "
                + String.join(", ", ourOrder)
                + " vs "
                + String.join(", ", theirOrder));
      }
      if (!primaryKey.columns().equals(other.primaryKey.columns())) {
        lines.add(
            prefix
                + "primary key "
                + columnList(primaryKey.columns(), "none")
                + " vs "
                + columnList(other.primaryKey.columns(), "none"));
      }
      indexDifferences(other, prefix, lines);
      foreignKeyDifferences(other, prefix, lines);
    }

    private void indexDifferences(Table other, String prefix, List<String> lines) {
      List<Index> unmatched = new ArrayList<>(other.indexes);
      List<Index> notFound = new ArrayList<>();
      Set<String> ourNames = new HashSet<>(indexes.stream().map(Index::name).toList());
      for (Index index : indexes) {
        Optional<Index> sameName =
            unmatched.stream().filter(their -> their.name().equals(index.name())).findFirst();
        if (sameName.isPresent()) {
          unmatched.remove(sameName.get());
          index.differences(sameName.get(), prefix, lines);
        } else {
          notFound.add(index);
        }
      }
      for (Index index : notFound) {
        Optional<Index> sameDefinition =
            unmatched.stream()
                .filter(their -> !ourNames.contains(their.name()))
                .filter(their -> their.sameDefinition(index))
                .findFirst();
        if (sameDefinition.isPresent()) {
          unmatched.remove(sameDefinition.get());
          if (!index.invented() && !sameDefinition.get().invented()) {
            lines.add(
                prefix
                    + index.kind()
                    + " "
                    + index.name()
                    + " "
                    + columnList(index.columns(), "()")
                    + " is named "
                    + sameDefinition.get().name());
          }
        } else {
          lines.add(prefix + "missing " + index.describe());
        }
      }
      for (Index their : unmatched) {
        lines.add(prefix + "extra " + their.describe());
      }
    }

    private void foreignKeyDifferences(Table other, String prefix, List<String> lines) {
      List<ForeignKey> unmatched = new ArrayList<>(other.foreignKeys);
      List<ForeignKey> notFound = new ArrayList<>();
      for (ForeignKey key : foreignKeys) {
        Optional<ForeignKey> sameName =
            key.invented()
                ? Optional.empty()
                : unmatched.stream().filter(their -> their.name().equals(key.name())).findFirst();
        if (sameName.isPresent()) {
          unmatched.remove(sameName.get());
          key.differences(sameName.get(), prefix, lines);
        } else {
          notFound.add(key);
        }
      }
      for (ForeignKey key : notFound) {
        Optional<ForeignKey> sameTarget =
            unmatched.stream().filter(their -> their.sameTarget(key)).findFirst();
        if (sameTarget.isPresent()) {
          ForeignKey their = sameTarget.get();
          unmatched.remove(their);
          if (!key.invented() && !their.invented() && !key.name().equals(their.name())) {
            lines.add(
                prefix
                    + "foreign key "
                    + key.name()
                    + " "
                    + columnList(key.columns(), "()")
                    + " is named "
                    + their.name());
          }
          key.ruleDifferences(their, prefix + "foreign key " + key.label() + ": ", lines);
        } else {
          lines.add(prefix + "missing " + key.describe());
        }
      }
      for (ForeignKey their : unmatched) {
        lines.add(prefix + "extra " + their.describe());
      }
    }
  }

  /**
   * A column. {@code type} is the normalized type name without its size; {@code size} is the length
   * of a character type, the precision of a numeric one, or the fractional-second digits of a time
   * type where they are not the default, 0 when not meaningful; {@code scale} is a numeric type's
   * scale. {@code defaultValue} is the default expression as the database reports it, {@code null}
   * when there is none. {@code autoIncrement} covers identity, serial and {@code AUTO_INCREMENT}
   * columns and SQLite's {@code INTEGER PRIMARY KEY}.
   */
  public record Column(
      String name,
      String type,
      int size,
      int scale,
      boolean nullable,
      String defaultValue,
      boolean autoIncrement) {

    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }

    /**
     * The type as DDL would spell it: {@code varchar(500)}, {@code numeric(12,2)}, {@code text}.
     */
    public String typeWithSize() {
      if (size <= 0) {
        return type;
      }
      return type + "(" + size + (scale > 0 ? "," + scale : "") + ")";
    }

    String describe() {
      StringBuilder text = new StringBuilder(name).append(' ').append(typeWithSize());
      text.append(nullable ? " null" : " not null");
      if (defaultValue != null) {
        text.append(" default ").append(defaultValue);
      }
      if (autoIncrement) {
        text.append(" auto-increment");
      }
      return text.toString();
    }

    void differences(Column other, String prefix, List<String> lines) {
      String column = prefix + "column " + name + ": ";
      if (!typeWithSize().equals(other.typeWithSize())) {
        lines.add(column + "type " + typeWithSize() + " vs " + other.typeWithSize());
      }
      if (nullable != other.nullable) {
        lines.add(column + nullability(nullable) + " vs " + nullability(other.nullable));
      }
      if (!Objects.equals(defaultValue, other.defaultValue)) {
        lines.add(
            column
                + "default "
                + Objects.requireNonNullElse(defaultValue, "none")
                + " vs "
                + Objects.requireNonNullElse(other.defaultValue, "none"));
      }
      if (autoIncrement != other.autoIncrement) {
        lines.add(
            column
                + (autoIncrement ? "auto-increment" : "not auto-increment")
                + " vs "
                + (other.autoIncrement ? "auto-increment" : "not auto-increment"));
      }
    }

    private static String nullability(boolean nullable) {
      return nullable ? "null" : "not null";
    }
  }

  /**
   * A primary key's columns in key order; {@code name} is {@code null} where the database has none.
   */
  public record PrimaryKey(String name, List<String> columns) {

    /** A table without a primary key. */
    public static final PrimaryKey NONE = new PrimaryKey(null, List.of());

    public PrimaryKey {
      columns = List.copyOf(columns);
    }

    String describe() {
      return "primary key " + columnList(columns, "()");
    }
  }

  /**
   * An index other than the primary key's. Columns are in index order; a descending one ends in
   * {@code " desc"} where the driver says so.
   */
  public record Index(String name, boolean unique, List<String> columns) {

    public Index {
      Objects.requireNonNull(name, "name");
      columns = List.copyOf(columns);
    }

    /** Whether the database made the name up (SQLite's automatic indexes for UNIQUE). */
    public boolean invented() {
      return name.toLowerCase(Locale.ROOT).startsWith("sqlite_autoindex_");
    }

    boolean sameDefinition(Index other) {
      return unique == other.unique && columns.equals(other.columns);
    }

    String kind() {
      return unique ? "unique index" : "index";
    }

    String describe() {
      return kind() + " " + name + " " + columnList(columns, "()");
    }

    void differences(Index other, String prefix, List<String> lines) {
      String index = prefix + "index " + name + ": ";
      if (!columns.equals(other.columns)) {
        lines.add(
            index
                + "columns "
                + columnList(columns, "()")
                + " vs "
                + columnList(other.columns, "()"));
      }
      if (unique != other.unique) {
        lines.add(index + uniqueness(unique) + " vs " + uniqueness(other.unique));
      }
    }

    private static String uniqueness(boolean unique) {
      return unique ? "unique" : "not unique";
    }
  }

  /**
   * A foreign key: its columns, the table and columns they reference, and what deleting or updating
   * a referenced row does. {@code name} is empty where the database has none (an unnamed SQLite
   * key).
   */
  public record ForeignKey(
      String name,
      List<String> columns,
      String referencedTable,
      List<String> referencedColumns,
      Rule onDelete,
      Rule onUpdate) {

    public ForeignKey {
      name = name == null ? "" : name;
      columns = List.copyOf(columns);
      Objects.requireNonNull(referencedTable, "referencedTable");
      referencedColumns = List.copyOf(referencedColumns);
      Objects.requireNonNull(onDelete, "onDelete");
      Objects.requireNonNull(onUpdate, "onUpdate");
    }

    /** Whether the key has no name of its own. */
    public boolean invented() {
      return name.isBlank();
    }

    boolean sameTarget(ForeignKey other) {
      return columns.equals(other.columns)
          && referencedTable.equals(other.referencedTable)
          && referencedColumns.equals(other.referencedColumns);
    }

    String label() {
      return invented() ? columnList(columns, "()") : name;
    }

    String describe() {
      StringBuilder text = new StringBuilder("foreign key ");
      if (!invented()) {
        text.append(name).append(' ');
      }
      text.append(columnList(columns, "()"))
          .append(" -> ")
          .append(referencedTable)
          .append(' ')
          .append(columnList(referencedColumns, "()"))
          .append(" on delete ")
          .append(onDelete.sql());
      if (onUpdate != Rule.NO_ACTION && onUpdate != Rule.RESTRICT) {
        text.append(" on update ").append(onUpdate.sql());
      }
      return text.toString();
    }

    void differences(ForeignKey other, String prefix, List<String> lines) {
      String key = prefix + "foreign key " + label() + ": ";
      if (!columns.equals(other.columns)) {
        lines.add(
            key
                + "columns "
                + columnList(columns, "()")
                + " vs "
                + columnList(other.columns, "()"));
      }
      String target = referencedTable + " " + columnList(referencedColumns, "()");
      String theirTarget = other.referencedTable + " " + columnList(other.referencedColumns, "()");
      if (!target.equals(theirTarget)) {
        lines.add(key + "references " + target + " vs " + theirTarget);
      }
      ruleDifferences(other, key, lines);
    }

    void ruleDifferences(ForeignKey other, String key, List<String> lines) {
      if (onDelete != other.onDelete) {
        lines.add(key + "on delete " + onDelete.sql() + " vs " + other.onDelete.sql());
      }
      if (onUpdate != other.onUpdate) {
        lines.add(key + "on update " + onUpdate.sql() + " vs " + other.onUpdate.sql());
      }
    }
  }

  /** A foreign key's referential action. */
  public enum Rule {
    NO_ACTION,
    RESTRICT,
    CASCADE,
    SET_NULL,
    SET_DEFAULT;

    /** As SQL spells it: {@code no action}, {@code cascade}, {@code set null}... */
    public String sql() {
      return name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
  }

  private static String columnList(List<String> columns, String empty) {
    return columns.isEmpty() ? empty : "(" + String.join(", ", columns) + ")";
  }

  private static <T> List<T> sortedCopy(List<T> items, Comparator<? super T> order) {
    List<T> copy = new ArrayList<>(items);
    copy.sort(order);
    return List.copyOf(copy);
  }

  private static <T> Map<String, T> byName(List<T> items, Function<T, String> name) {
    Map<String, T> map = new LinkedHashMap<>();
    for (T item : items) {
      map.putIfAbsent(name.apply(item), item);
    }
    return map;
  }
}
