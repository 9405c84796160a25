package io.clipdeck.explore;

import java.util.List;

/**
 * One index of a table.
 *
 * @param columns the indexed columns in order; empty when an entry is an expression
 * @param plain every entry is a whole column (no expression, no prefix) and the index covers every
 *     row (not partial): only such a unique index can order grid pages
 */
public record IndexInfo(
    String name,
    boolean unique,
    boolean primary,
    List<String> columns,
    boolean plain,
    String definition) {

  public IndexInfo {
    columns = List.copyOf(columns);
  }
}
