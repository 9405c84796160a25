package io.clipdeck.data;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One table's column allow-list. Every name a caller gives (a field to filter or update, a sort
 * key) is looked up here by exact match before any SQL is built; names not listed are refused.
 * Quoting alone would not do: SQLite reads a double-quoted unknown name as a string literal, so
 * {@code ORDER BY "no_such"} silently sorts by a constant.
 */
public final class Columns {

  /** The most rows one call returns; larger limits are capped to this. */
  public static final int MAX_LIMIT = 10_000;

  /** What the allow-lists themselves may contain: plain lower-case SQL names. */
  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

  private final String table;
  private final Map<String, Column> columns;

  private Columns(String table, Map<String, Column> columns) {
    this.table = table;
    this.columns = columns;
  }

  /** An allow-list for {@code table}; the first column is the id. */
  public static Columns of(String table, Column... columns) {
    requirePlain(table);
    Map<String, Column> byName = new LinkedHashMap<>();
    for (Column column : columns) {
      requirePlain(column.name());
      if (byName.put(column.name(), column) != null) {
        throw new IllegalArgumentException("Column " + column.name() + " is listed twice");
      }
    }
    if (!byName.containsKey("id")) {
      throw new IllegalArgumentException("Table " + table + " needs an id column");
    }
    return new Columns(table, Collections.unmodifiableMap(byName));
  }

  public String table() {
    return table;
  }

  public Collection<Column> all() {
    return columns.values();
  }

  public List<String> names() {
    return new ArrayList<>(columns.keySet());
  }

  /**
   * The 1-based position of {@code name} in {@link #names()}: its index in a row selected with
   * every column in allow-list order, as the repositories select them (a read by index skips the
   * driver's lookup of the label on every row).
   */
  public int position(String name) {
    require(name);
    int position = 1;
    for (String each : columns.keySet()) {
      if (each.equals(name)) {
        return position;
      }
      position++;
    }
    throw new IllegalStateException("unreachable: " + name + " was required");
  }

  public boolean has(String name) {
    return name != null && columns.containsKey(name);
  }

  /** The column named exactly {@code name}, or an {@link InvalidIdentifierException}. */
  public Column require(String name) {
    Column column = name == null ? null : columns.get(name);
    if (column == null) {
      throw new InvalidIdentifierException(
          "'"
              + printable(name)
              + "' is not a column of "
              + table
              + ": use one of "
              + String.join(", ", columns.keySet()));
    }
    return column;
  }

  /** A column create or update may set. */
  public Column requireWritable(String name) {
    Column column = require(name);
    if (!column.writable()) {
      throw new InvalidIdentifierException(
          "Column " + table + "." + name + " is set by the data layer and cannot be written");
    }
    return column;
  }

  /** A column keyset paging may sort by: NOT NULL, so {@code (key, id) > (?, ?)} sees every row. */
  public Column requireKeysetKey(String name) {
    Column column = require(name);
    if (column.nullable()) {
      throw new InvalidIdentifierException(
          "Column "
              + table
              + "."
              + name
              + " may be NULL, so it cannot order keyset pages: page it with an offset, or sort"
              + " by a NOT NULL column");
    }
    return column;
  }

  /** A column rows can be ordered by or matched on: any but JSON, which compares differently. */
  public Column requireComparable(String name) {
    Column column = require(name);
    if (column.type() == ColumnType.JSON_ARRAY) {
      throw new InvalidIdentifierException(
          "Column " + table + "." + name + " holds JSON and cannot order or match rows");
    }
    return column;
  }

  /** The limit to use: at least 1, at most {@link #MAX_LIMIT}. */
  public static int cappedLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit is " + limit + ": use 1 or more");
    }
    return Math.min(limit, MAX_LIMIT);
  }

  static void requireOffset(long offset) {
    if (offset < 0) {
      throw new IllegalArgumentException("offset is " + offset + ": use 0 or more");
    }
  }

  /**
   * Quotes a name from an allow-list with the connection's quote string. The name was matched
   * against a list of plain names, so it holds no quote character; checked again here regardless.
   */
  static String quote(String quoteString, String name) {
    requirePlain(name);
    if (!quoteString.equals("\"") && !quoteString.equals("`")) {
      throw new IllegalStateException("Unexpected identifier quote string '" + quoteString + "'");
    }
    return quoteString + name + quoteString;
  }

  private static void requirePlain(String name) {
    if (name == null || !PLAIN_NAME.matcher(name).matches()) {
      throw new InvalidIdentifierException("'" + printable(name) + "' is not a plain SQL name");
    }
  }

  /** A hostile name made safe to show: control and non-ASCII characters escaped, 60 at most. */
  static String printable(String name) {
    if (name == null) {
      return "null";
    }
    StringBuilder text = new StringBuilder();
    name.codePoints()
        .limit(60)
        .forEach(
            point -> {
              if (point >= 0x20 && point < 0x7F) {
                text.appendCodePoint(point);
              } else {
                text.append(String.format("\\u%04X", point));
              }
            });
    return name.length() > 60 ? text + "…" : text.toString();
  }
}
