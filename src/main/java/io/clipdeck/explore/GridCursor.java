package io.clipdeck.explore;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where the next page starts: the last row's sort value and key values as the driver returned them,
 * or a row offset when the table has no key. Opaque to callers: hand it back to {@link
 * SchemaExplorer#page}.
 */
public final class GridCursor {

  final long offset;
  final boolean hasSortValue;
  final Object sortValue;
  final List<Object> keyValues;

  private GridCursor(long offset, boolean hasSortValue, Object sortValue, List<Object> keyValues) {
    this.offset = offset;
    this.hasSortValue = hasSortValue;
    this.sortValue = sortValue;
    this.keyValues = Collections.unmodifiableList(new ArrayList<>(keyValues));
  }

  static GridCursor ofOffset(long offset) {
    return new GridCursor(offset, false, null, List.of());
  }

  static GridCursor ofKey(boolean hasSortValue, Object sortValue, List<Object> keyValues) {
    return new GridCursor(0, hasSortValue, sortValue, keyValues);
  }

  @Override
  public String toString() {
    return keyValues.isEmpty() ? "offset " + offset : "after " + keyValues;
  }
}
