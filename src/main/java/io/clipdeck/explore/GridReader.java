package io.clipdeck.explore;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds and runs the grid's statement for one table: its columns, then the key's values (or the
 * row locator) after them; filters and the page's start as bound values; ordered by the sort column
 * (NULLs last ascending, first descending) and then the key, so that "after the last row" is exact.
 * Every identifier comes from the catalog's column list and is quoted.
 */
final class GridReader {

  /** Types that have no ordering (PostgreSQL's json and xml). */
  private static final List<String> UNSORTABLE = List.of("json", "xml");

  private final Catalog catalog;
  private final DatabaseKind kind;
  private final GridQuery query;
  private final List<ColumnInfo> columns;
  private final PagingKey key;
  private final String sortColumn;

  /** The statement's text and its values, in order. */
  record Statement(String sql, List<Object> values) {}

  GridReader(
      Catalog catalog,
      DatabaseKind kind,
      GridQuery query,
      List<ColumnInfo> columns,
      PagingKey key) {
    this.catalog = catalog;
    this.kind = kind;
    this.query = query;
    this.columns = columns;
    this.key = key;
    this.sortColumn = query.sortColumn() == null ? null : requireColumn(query.sortColumn()).name();
    if (sortColumn != null) {
      String type = requireColumn(sortColumn).type().toLowerCase(Locale.ROOT);
      if (UNSORTABLE.contains(type)) {
        throw new UnknownIdentifierException(
            "Column " + sortColumn + " holds " + type + ", which has no order: sort by another");
      }
    }
    query.filters().forEach(filter -> requireColumn(filter.column()));
  }

  private ColumnInfo requireColumn(String name) {
    return columns.stream()
        .filter(column -> column.name().equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new UnknownIdentifierException(
                    "'"
                        + printable(name)
                        + "' is not a column of "
                        + query.table()
                        + ": use one of "
                        + String.join(", ", columns.stream().map(ColumnInfo::name).toList())));
  }

  private static String printable(String name) {
    if (name == null) {
      return "null";
    }
    String shown =
        name.codePoints()
            .limit(60)
            .collect(
                StringBuilder::new,
                (b, c) -> b.appendCodePoint(Character.isISOControl(c) ? '?' : c),
                StringBuilder::append)
            .toString();
    return name.length() > 60 ? shown + "…" : shown;
  }

  List<String> columnNames() {
    return columns.stream().map(ColumnInfo::name).toList();
  }

  /** The expressions that identify a row after the columns: the key's columns or the locator. */
  private List<String> keyExpressions() {
    return switch (key.kind()) {
      case PRIMARY_KEY, UNIQUE_INDEX -> key.columns().stream().map(catalog::quote).toList();
      case ROW_LOCATOR -> List.of(catalog.rowLocator().name());
      case OFFSET -> List.of();
    };
  }

  private String keyPlaceholder() {
    return key.kind() == PagingKey.Kind.ROW_LOCATOR ? catalog.rowLocator().placeholder() : "?";
  }

  /** The statement of a page (limit + 1 rows, to know whether another follows) or of an export. */
  Statement statement(GridCursor after, Integer limit) {
    List<Object> values = new ArrayList<>();
    List<String> selected =
        new ArrayList<>(columns.stream().map(c -> catalog.quote(c.name())).toList());
    if (key.kind() == PagingKey.Kind.ROW_LOCATOR) {
      selected.add(catalog.rowLocator().select());
    } else {
      selected.addAll(keyExpressions());
    }
    StringBuilder sql =
        new StringBuilder("SELECT ")
            .append(String.join(", ", selected))
            .append(" FROM ")
            .append(catalog.qualified(query.schema(), query.table()));
    List<String> conditions = new ArrayList<>();
    for (ColumnFilter filter : query.filters()) {
      String column = catalog.quote(filter.column());
      switch (filter.operator()) {
        case EQUALS -> {
          conditions.add(catalog.asText(column) + " = ?");
          values.add(filter.value());
        }
        case NOT_EQUALS -> {
          conditions.add(catalog.asText(column) + " <> ?");
          values.add(filter.value());
        }
        case CONTAINS -> {
          conditions.add("LOWER(" + catalog.asText(column) + ") LIKE ? ESCAPE '!'");
          values.add("%" + likeEscaped(filter.value().toLowerCase(Locale.ROOT)) + "%");
        }
        case IS_NULL -> conditions.add(column + " IS NULL");
        case IS_NOT_NULL -> conditions.add(column + " IS NOT NULL");
      }
    }
    if (after != null && key.kind() != PagingKey.Kind.OFFSET) {
      conditions.add(after(after, values));
    }
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    List<String> order = new ArrayList<>();
    String direction = query.descending() ? " DESC" : "";
    if (sortColumn != null) {
      String sort = catalog.quote(sortColumn);
      // NULLs last going up, first going down, the same on every server.
      order.add("CASE WHEN " + sort + " IS NULL THEN 1 ELSE 0 END" + direction);
      order.add(sort + direction);
    }
    for (String expression : keyExpressions()) {
      order.add(expression + direction);
    }
    if (!order.isEmpty()) {
      sql.append(" ORDER BY ").append(String.join(", ", order));
    }
    if (limit != null) {
      sql.append(" LIMIT ").append(limit + 1);
      if (key.kind() == PagingKey.Kind.OFFSET && after != null) {
        sql.append(" OFFSET ").append(after.offset);
      }
    }
    return new Statement(sql.toString(), values);
  }

  /**
   * The condition "this row comes after the cursor's", with its values appended to {@code values}.
   */
  private String after(GridCursor cursor, List<Object> values) {
    List<Object> keyValues = new ArrayList<>();
    String keyAfter = keyAfter(cursor.keyValues, 0, keyValues);
    if (sortColumn == null) {
      values.addAll(keyValues);
      return "(" + keyAfter + ")";
    }
    String sort = catalog.quote(sortColumn);
    if (cursor.sortValue == null) {
      values.addAll(keyValues);
      // Ascending, NULLs come last: only NULLs remain. Descending, they came first.
      return query.descending()
          ? "((" + sort + " IS NULL AND (" + keyAfter + ")) OR " + sort + " IS NOT NULL)"
          : "(" + sort + " IS NULL AND (" + keyAfter + "))";
    }
    values.add(cursor.sortValue);
    values.add(cursor.sortValue);
    values.addAll(keyValues);
    return "("
        + (query.descending() ? "" : sort + " IS NULL OR ")
        + sort
        + (query.descending() ? " < ?" : " > ?")
        + " OR ("
        + sort
        + " = ? AND ("
        + keyAfter
        + ")))";
  }

  /** {@code k1 > ? OR (k1 = ? AND (k2 > ? OR …))}: lexicographic order without row values. */
  private String keyAfter(List<Object> keyValues, int from, List<Object> values) {
    List<String> expressions = keyExpressions();
    String expression = expressions.get(from);
    String placeholder = keyPlaceholder();
    String greater = (query.descending() ? " < " : " > ") + placeholder;
    values.add(keyValues.get(from));
    if (from == expressions.size() - 1) {
      return expression + greater;
    }
    String equal = expression + " = " + placeholder;
    values.add(keyValues.get(from));
    return expression
        + greater
        + " OR ("
        + equal
        + " AND ("
        + keyAfter(keyValues, from + 1, values)
        + "))";
  }

  private static String likeEscaped(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  PreparedStatement prepare(Connection connection, Statement statement) throws SQLException {
    PreparedStatement prepared = connection.prepareStatement(statement.sql());
    for (int i = 0; i < statement.values().size(); i++) {
      Object value = statement.values().get(i);
      if (value == null) {
        prepared.setNull(i + 1, Types.NULL);
      } else {
        prepared.setObject(i + 1, value);
      }
    }
    return prepared;
  }

  /** Reads a page: up to {@code pageSize} rows, and the cursor after the last when more follow. */
  GridPage page(Connection connection, GridCursor after) throws SQLException {
    Statement statement = statement(after, query.pageSize());
    List<List<Object>> rows = new ArrayList<>();
    GridCursor next = null;
    try (PreparedStatement prepared = prepare(connection, statement);
        ResultSet result = prepared.executeQuery()) {
      GridCursor last = null;
      while (result.next()) {
        if (rows.size() == query.pageSize()) {
          long start = after == null ? 0 : after.offset;
          next =
              key.kind() == PagingKey.Kind.OFFSET ? GridCursor.ofOffset(start + rows.size()) : last;
          break;
        }
        rows.add(cells(result));
        last = cursorOf(result);
      }
    }
    return new GridPage(columns, rows, key, next);
  }

  private GridCursor cursorOf(ResultSet result) throws SQLException {
    if (key.kind() == PagingKey.Kind.OFFSET) {
      return null; // made by the caller from the row count
    }
    List<Object> keyValues = new ArrayList<>();
    int keyCount = keyExpressions().size();
    for (int i = 0; i < keyCount; i++) {
      keyValues.add(result.getObject(columns.size() + 1 + i));
    }
    Object sortValue = null;
    if (sortColumn != null) {
      sortValue = result.getObject(columns.indexOf(requireColumn(sortColumn)) + 1);
    }
    return GridCursor.ofKey(sortColumn != null, sortValue, keyValues);
  }

  /** The columns' values of the current row, as the grid and the exports take them. */
  List<Object> cells(ResultSet result) throws SQLException {
    ResultSetMetaData meta = result.getMetaData();
    List<Object> cells = new ArrayList<>(columns.size());
    for (int i = 1; i <= columns.size(); i++) {
      cells.add(cell(result, i, meta.getColumnType(i)));
    }
    return cells;
  }

  private Object cell(ResultSet result, int index, int type) throws SQLException {
    if (!Dialect.of(kind).typedColumns()) {
      return result.getObject(index);
    }
    Object value =
        switch (type) {
          case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
              result.getBytes(index);
          case Types.BOOLEAN -> result.getBoolean(index);
          case Types.TINYINT,
              Types.SMALLINT,
              Types.INTEGER,
              Types.BIGINT,
              Types.REAL,
              Types.FLOAT,
              Types.DOUBLE,
              Types.NUMERIC,
              Types.DECIMAL -> {
            Object number = result.getObject(index);
            yield number instanceof Number || number == null ? number : number.toString();
          }
          case Types.BIT -> {
            Object bit = result.getObject(index);
            yield bit instanceof Boolean || bit == null ? bit : result.getString(index);
          }
          default -> result.getString(index);
        };
    return result.wasNull() ? null : value;
  }
}
