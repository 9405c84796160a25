package io.clipdeck.explore;

import java.util.List;
import java.util.Objects;

/**
 * What the grid shows of one table or view: its filters (all must hold), an optional sort column,
 * and the page size.
 *
 * @param sortColumn null to order by the paging key alone
 */
public record GridQuery(
    String schema,
    String table,
    List<ColumnFilter> filters,
    String sortColumn,
    boolean descending,
    int pageSize) {

  /** The most rows one page holds. */
  public static final int MAX_PAGE = 5_000;

  public GridQuery {
    Objects.requireNonNull(table, "table");
    filters = List.copyOf(filters);
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new IllegalArgumentException(
          "page size is " + pageSize + ": use 1 to " + MAX_PAGE + " rows");
    }
  }

  public static GridQuery of(String schema, String table, int pageSize) {
    return new GridQuery(schema, table, List.of(), null, false, pageSize);
  }

  public GridQuery withFilters(List<ColumnFilter> changed) {
    return new GridQuery(schema, table, changed, sortColumn, descending, pageSize);
  }

  public GridQuery sortedBy(String column, boolean descendingOrder) {
    return new GridQuery(schema, table, filters, column, descendingOrder, pageSize);
  }
}
