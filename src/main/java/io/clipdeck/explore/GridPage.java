package io.clipdeck.explore;

import java.util.Collections;
import java.util.List;

/**
 * One page of the grid: the columns, the rows (each a list of cell values: null, a {@code String},
 * a {@code Number}, a {@code Boolean} or a {@code byte[]}), the key that orders the pages, and
 * where the next page starts.
 *
 * @param next null on the last page
 */
public record GridPage(
    List<ColumnInfo> columns, List<List<Object>> rows, PagingKey key, GridCursor next) {

  public GridPage {
    columns = List.copyOf(columns);
    // Cells may be null: wrapped rather than copied with List.copyOf.
    rows = Collections.unmodifiableList(rows);
  }

  public boolean hasNext() {
    return next != null;
  }
}
