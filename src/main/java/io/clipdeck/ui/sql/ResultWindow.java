package io.clipdeck.ui.sql;

import io.clipdeck.sql.Column;
import io.clipdeck.sql.ResultCursor;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The rows of the current result that the table holds: at most {@code held}, the oldest dropped
 * from the top as windows arrive, with the numbers of the rows held. Used on the FX thread.
 */
final class ResultWindow {

  private final int held;
  private final ObservableList<Column> columns = FXCollections.observableArrayList();
  private final ObservableList<Object[]> rows = FXCollections.observableArrayList();
  private final ReadOnlyBooleanWrapper more = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper line = new ReadOnlyStringWrapper("");
  private ResultCursor cursor;
  private long firstRowNumber = 1;

  ResultWindow(int held) {
    this.held = held;
  }

  ObservableList<Column> columns() {
    return columns;
  }

  ObservableList<Object[]> rows() {
    return rows;
  }

  ReadOnlyBooleanProperty moreProperty() {
    return more.getReadOnlyProperty();
  }

  ReadOnlyStringProperty lineProperty() {
    return line.getReadOnlyProperty();
  }

  /** The cursor more rows come from, or null. */
  ResultCursor cursor() {
    return cursor;
  }

  /** Shows a new result with its first window. */
  void show(ResultCursor result, List<Object[]> firstWindow) {
    cursor = result;
    firstRowNumber = 1;
    // Rows first: the view sizes the columns it builds from them.
    rows.setAll(firstWindow);
    columns.setAll(result.columns());
    update();
  }

  /** Appends a window fetched from {@code from}; ignored when another result came meanwhile. */
  void append(ResultCursor from, List<Object[]> window) {
    if (from != cursor) {
      return;
    }
    rows.addAll(window);
    int excess = rows.size() - held;
    if (excess > 0) {
      rows.remove(0, excess);
      firstRowNumber += excess;
    }
    update();
  }

  void clear() {
    cursor = null;
    columns.clear();
    rows.clear();
    update();
  }

  private void update() {
    if (cursor == null) {
      line.set("");
      more.set(false);
      return;
    }
    boolean remaining = !cursor.exhausted() && !cursor.isClosed();
    more.set(remaining);
    long last = firstRowNumber + rows.size() - 1;
    line.set(
        rows.isEmpty()
            ? "no rows"
            : "rows "
                + firstRowNumber
                + "–"
                + last
                + (remaining ? ", more as you scroll" : " (all)"));
  }
}
