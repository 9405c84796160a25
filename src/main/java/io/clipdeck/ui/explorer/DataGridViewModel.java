package io.clipdeck.ui.explorer;

import io.clipdeck.data.VideoExport;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.explore.ColumnFilter;
import io.clipdeck.explore.ColumnInfo;
import io.clipdeck.explore.GridCells;
import io.clipdeck.explore.GridCursor;
import io.clipdeck.explore.GridPage;
import io.clipdeck.explore.GridQuery;
import io.clipdeck.explore.SchemaExplorer;
import io.clipdeck.explore.SchemaObject;
import io.clipdeck.ui.fx.ViewJobs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The explorer's data grid: one table's or view's rows a page at a time, by key (the service says
 * which key, and the screen says when it is a fallback), filtered and sorted per column, copied as
 * text and exported as it streams.
 */
public final class DataGridViewModel {

  static final int PAGE_SIZE = 100;

  private final Supplier<ConnectionProfile> profile;
  private final Function<ConnectionProfile, SchemaExplorer> explorers;
  private final ViewJobs jobs;

  private final ObservableList<String> columns = FXCollections.observableArrayList();
  private final ObservableList<List<Object>> rows = FXCollections.observableArrayList();
  private final ObservableList<ColumnFilter> filters = FXCollections.observableArrayList();
  private final StringProperty sortColumn = new SimpleStringProperty();
  private final BooleanProperty descending = new SimpleBooleanProperty(false);
  private final ReadOnlyStringWrapper table = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper keyLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper keyIsFallback = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper pageLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);

  /** The table or view shown; null before one is chosen. */
  private SchemaObject shown;

  /** Where each page read so far starts: element i starts page i + 1 (page 1 at null). */
  private final List<GridCursor> pageStarts = new ArrayList<>();

  private GridCursor nextStart;
  private long requests;
  private boolean opening;

  DataGridViewModel(
      Supplier<ConnectionProfile> profile,
      Function<ConnectionProfile, SchemaExplorer> explorers,
      ViewJobs jobs) {
    this.profile = profile;
    this.explorers = explorers;
    this.jobs = jobs;
    sortColumn.addListener((o, was, now) -> firstPageUnlessOpening());
    descending.addListener((o, was, now) -> firstPageUnlessOpening());
  }

  /** Shows a table or view from its first page, without filters or sort. */
  void open(SchemaObject object) {
    shown = object;
    table.set(object.schema() + "." + object.name());
    opening = true;
    filters.clear();
    sortColumn.set(null);
    descending.set(false);
    opening = false;
    firstPage();
  }

  /** Shows nothing (the profile changed). */
  void clear() {
    shown = null;
    requests++;
    table.set("");
    columns.clear();
    rows.clear();
    keyLine.set("");
    pageLine.set("");
    hasNext.set(false);
    hasPrevious.set(false);
  }

  private void firstPageUnlessOpening() {
    if (!opening) {
      firstPage();
    }
  }

  public void firstPage() {
    pageStarts.clear();
    pageStarts.add(null);
    read();
  }

  public void nextPage() {
    if (nextStart != null) {
      pageStarts.add(nextStart);
      read();
    }
  }

  public void previousPage() {
    if (pageStarts.size() > 1) {
      pageStarts.removeLast();
      read();
    }
  }

  /** Adds a filter on a column and reads the first page; a value-less filter ignores the value. */
  public void addFilter(String column, ColumnFilter.Operator operator, String value) {
    if (column == null || operator == null) {
      jobs.report("Choose a column and how to compare it", true);
      return;
    }
    String bound = operator.takesValue() ? (value == null ? "" : value) : null;
    filters.add(new ColumnFilter(column, operator, bound));
    firstPage();
  }

  public void clearFilters() {
    filters.clear();
    firstPage();
  }

  /** The grid's query: its table, filters and sort. */
  private GridQuery query() {
    return GridQuery.of(shown.schema(), shown.name(), PAGE_SIZE)
        .withFilters(List.copyOf(filters))
        .sortedBy(sortColumn.get(), descending.get());
  }

  private void read() {
    if (shown == null) {
      return;
    }
    long request = ++requests;
    GridQuery query = query();
    GridCursor start = pageStarts.getLast();
    int page = pageStarts.size();
    ConnectionProfile on = profile.get();
    jobs.report(
        "Reading rows of " + query.table(),
        () -> explorers.apply(on).page(query, start),
        read -> {
          if (request == requests) {
            show(read, page);
          }
        });
  }

  private void show(GridPage page, int number) {
    List<String> names = page.columns().stream().map(ColumnInfo::name).toList();
    if (!names.equals(columns)) {
      columns.setAll(names);
    }
    rows.setAll(page.rows());
    nextStart = page.next();
    hasNext.set(page.hasNext());
    hasPrevious.set(number > 1);
    keyLine.set(page.key().description());
    keyIsFallback.set(page.key().isFallback());
    long first = (long) (number - 1) * PAGE_SIZE;
    pageLine.set(
        page.rows().isEmpty()
            ? "Page " + number + " · no rows"
            : String.format(
                Locale.ROOT,
                "Page %d · rows %,d–%,d%s",
                number,
                first + 1,
                first + page.rows().size(),
                page.hasNext() ? "" : " (last page)"));
  }

  /** Cells as tab-separated text, a line per row, NULL as an empty cell: for the clipboard. */
  public static String copyText(List<List<Object>> rows, List<Integer> columnIndexes) {
    StringBuilder text = new StringBuilder();
    for (List<Object> row : rows) {
      List<String> cells = new ArrayList<>();
      for (int index : columnIndexes) {
        String cell = GridCells.text(row.get(index));
        cells.add(cell == null ? "" : cell.replaceAll("[\t\r\n]+", " "));
      }
      text.append(String.join("\t", cells)).append('\n');
    }
    return text.toString();
  }

  /** Streams every row the grid's filters let through, in its order, to a file. */
  public void export(Path file, VideoExport.Format format) {
    if (shown == null) {
      return;
    }
    GridQuery query = query();
    ConnectionProfile on = profile.get();
    jobs.report(
        "Exporting " + query.table(),
        () -> explorers.apply(on).export(query, file, format, written -> {}),
        written ->
            jobs.report(
                String.format(Locale.ROOT, "Exported %,d rows to %s", written, file), false));
  }

  public boolean isOpen() {
    return shown != null;
  }

  public ObservableList<String> columns() {
    return columns;
  }

  /** The page's rows; each cell null, a String, a Number, a Boolean or a byte[]. */
  public ObservableList<List<Object>> rows() {
    return rows;
  }

  public ObservableList<ColumnFilter> filters() {
    return filters;
  }

  /** The column the rows are ordered by before the key; null for the key alone. */
  public StringProperty sortColumnProperty() {
    return sortColumn;
  }

  public BooleanProperty descendingProperty() {
    return descending;
  }

  /** The table or view shown, as {@code schema.name}. */
  public ReadOnlyStringProperty tableProperty() {
    return table.getReadOnlyProperty();
  }

  /** What pages the grid, in words. */
  public ReadOnlyStringProperty keyLineProperty() {
    return keyLine.getReadOnlyProperty();
  }

  /** Whether the pages are ordered by ctid, rowid or offsets, which the screen points out. */
  public ReadOnlyBooleanProperty keyIsFallbackProperty() {
    return keyIsFallback.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty pageLineProperty() {
    return pageLine.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasNextProperty() {
    return hasNext.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasPreviousProperty() {
    return hasPrevious.getReadOnlyProperty();
  }
}
