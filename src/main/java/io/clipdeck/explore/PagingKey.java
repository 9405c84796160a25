package io.clipdeck.explore;

import java.util.List;

/**
 * What orders a table's grid pages, so that each page starts right after the last row of the one
 * before and every row is seen exactly once, however far the user pages.
 *
 * @param name the key's name (the constraint or index, {@code ctid}, {@code rowid}); null for
 *     {@link Kind#OFFSET}
 * @param columns the key's columns; empty for a row locator and for offsets
 */
public record PagingKey(Kind kind, String name, List<String> columns) {

  /** How pages are ordered, from best to last resort. */
  public enum Kind {
    /** The primary key. */
    PRIMARY_KEY,
    /** A unique index whose columns are all NOT NULL, whole and not partial. */
    UNIQUE_INDEX,
    /** PostgreSQL's {@code ctid} or SQLite's {@code rowid}: a row's address, not its identity. */
    ROW_LOCATOR,
    /** No key at all (a view; a MySQL/MariaDB table without one): LIMIT and OFFSET. */
    OFFSET
  }

  public PagingKey {
    columns = List.copyOf(columns);
  }

  /** A sentence for the screen: what pages the grid, and what that costs when it is a fallback. */
  public String description() {
    return switch (kind) {
      case PRIMARY_KEY -> "Paged by the primary key (" + String.join(", ", columns) + ")";
      case UNIQUE_INDEX ->
          "Paged by the unique index " + name + " (" + String.join(", ", columns) + ")";
      case ROW_LOCATOR ->
          "No primary key or usable unique index: paged by "
              + name
              + ", the row's address (an update can move a row to another page)";
      case OFFSET ->
          "No key: paged by offset (rows may shift between pages while the data changes)";
    };
  }

  /** Whether this is a last resort the screen should point out. */
  public boolean isFallback() {
    return kind == Kind.ROW_LOCATOR || kind == Kind.OFFSET;
  }
}
