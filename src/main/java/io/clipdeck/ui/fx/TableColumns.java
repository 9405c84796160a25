package io.clipdeck.ui.fx;

import io.clipdeck.config.UiState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Control;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.MouseEvent;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * Sizes a table's columns from their heading and the rows on screen, and remembers the widths the
 * user drags and the order they move the columns into, per table.
 *
 * <p>A column is never narrower than its heading. Its width is the widest of the heading and the
 * cells shown, a text column at most {@value #WIDE_SHARE} of the table, so one long title cannot
 * push the rest out of sight. The columns are sized again when the rows go from none to some, or
 * when {@link #refit} asks; a column the user sized keeps its width.
 */
public final class TableColumns {

  /** The largest share of the table's width a column is given from its content. */
  static final double WIDE_SHARE = 0.4;

  /** Room beside a cell's text (its padding, and a little air). */
  private static final double CELL_EXTRA = 10;

  /** Room beside a heading's text (the sort arrow, and a little air). */
  private static final double HEADER_EXTRA = 22;

  /** How near a column's right edge a press must be to be the start of a resize. */
  private static final double RESIZE_GRAB = 6;

  private static final Object FITTER = new Object();

  private TableColumns() {}

  /**
   * Sizes {@code table}'s columns and keeps its user's widths and order under {@code view} and the
   * table's id ({@code PROFILES/table}). Call once, when the view is built.
   */
  public static void install(TableView<?> table, String view) {
    Fitter fitter =
        new Fitter(
            table,
            table.getColumns(),
            ".table-cell",
            node -> node instanceof TableCell<?, ?> cell ? cell.getTableColumn() : null,
            column -> column instanceof TableColumn<?, ?> c && c.getTableView() == table,
            view + "/" + table.getId());
    fitter.watchRows(null, table.getItems());
    table.itemsProperty().addListener((observable, was, now) -> fitter.watchRows(was, now));
    table.getProperties().put(FITTER, fitter);
  }

  /** The same for a tree table: sized again when it gets a new root. */
  public static void install(TreeTableView<?> table, String view) {
    Fitter fitter =
        new Fitter(
            table,
            table.getColumns(),
            ".tree-table-cell",
            node -> node instanceof TreeTableCell<?, ?> cell ? cell.getTableColumn() : null,
            column -> column instanceof TreeTableColumn<?, ?> c && c.getTreeTableView() == table,
            view + "/" + table.getId());
    table.rootProperty().addListener((observable, was, now) -> fitter.fitAfterLayout());
    table.getProperties().put(FITTER, fitter);
  }

  /** Sizes the columns again (the ones the user sized keep their width). */
  public static void refit(Control table) {
    if (table.getProperties().get(FITTER) instanceof Fitter fitter) {
      fitter.fitAfterLayout();
    }
  }

  /**
   * The tables' layouts of one window, read from and given back to {@link UiState}. It lives in the
   * scene's properties, where each table finds it once it is shown.
   */
  public static final class Memory {
    private final Map<String, UiState.TableLayout> layouts;

    public Memory(Map<String, UiState.TableLayout> remembered) {
      this.layouts = new LinkedHashMap<>(remembered);
    }

    /** Makes this the memory of the tables shown in {@code scene}. */
    public void installOn(Scene scene) {
      scene.getProperties().put(Memory.class, this);
    }

    /** The layouts to keep now. */
    public Map<String, UiState.TableLayout> layouts() {
      return Map.copyOf(layouts);
    }

    Optional<UiState.TableLayout> layout(String key) {
      return Optional.ofNullable(layouts.get(key));
    }

    void keep(String key, UiState.TableLayout layout) {
      layouts.put(key, layout);
    }

    static Optional<Memory> of(Scene scene) {
      return scene != null && scene.getProperties().get(Memory.class) instanceof Memory memory
          ? Optional.of(memory)
          : Optional.empty();
    }
  }

  private static final class Fitter {
    private final Control table;
    private final ObservableList<? extends TableColumnBase<?, ?>> columns;
    private final String cellClass;
    private final Function<Node, TableColumnBase<?, ?>> columnOfCell;
    private final Predicate<TableColumnBase<?, ?>> owns;
    private final String key;
    private final Set<String> userSized = new HashSet<>();
    private final Map<String, Double> userWidths = new HashMap<>();
    private final ListChangeListener<Object> rowsChanged = this::rowsChanged;
    private boolean restored;
    private boolean pending;
    private TableColumnBase<?, ?> resizing;
    private boolean pressedInHeader;
    private Scene watched;
    private final Runnable afterLayout = this::afterLayout;

    Fitter(
        Control table,
        ObservableList<? extends TableColumnBase<?, ?>> columns,
        String cellClass,
        Function<Node, TableColumnBase<?, ?>> columnOfCell,
        Predicate<TableColumnBase<?, ?>> owns,
        String key) {
      this.table = table;
      this.columns = columns;
      this.cellClass = cellClass;
      this.columnOfCell = columnOfCell;
      this.owns = owns;
      this.key = key;
      table.sceneProperty().addListener((observable, was, now) -> shownIn(now));
      columns.addListener(
          (ListChangeListener<TableColumnBase<?, ?>>)
              change -> {
                if (pressedInHeader) {
                  return; // the user moves a column: kept when the mouse is released
                }
                restore();
                fitAfterLayout();
              });
      // A table built hidden (in another tab) is sized once it has a skin and a width.
      table.skinProperty().addListener((observable, was, now) -> fitAfterLayout());
      table
          .widthProperty()
          .addListener(
              (observable, was, now) -> {
                if (was.doubleValue() <= 0 && now.doubleValue() > 0) {
                  fitAfterLayout();
                }
              });
      table.addEventFilter(MouseEvent.MOUSE_PRESSED, this::pressed);
      table.addEventFilter(MouseEvent.MOUSE_RELEASED, this::released);
      shownIn(table.getScene());
    }

    @SuppressWarnings("unchecked")
    void watchRows(ObservableList<?> was, ObservableList<?> now) {
      if (was != null) {
        ((ObservableList<Object>) was).removeListener(rowsChanged);
      }
      if (now != null) {
        ((ObservableList<Object>) now).addListener(rowsChanged);
      }
      fitAfterLayout();
    }

    /** Fits when the rows go from none to some. */
    private void rowsChanged(ListChangeListener.Change<?> change) {
      int net = 0;
      while (change.next()) {
        net += change.getAddedSize() - change.getRemovedSize();
      }
      int size = change.getList().size();
      if (size > 0 && size - net == 0) {
        fitAfterLayout();
      }
    }

    private void shownIn(Scene scene) {
      if (scene == null) {
        return;
      }
      restore();
      fitAfterLayout();
    }

    /** The user's order and widths, once the table is in a window with a memory. */
    private void restore() {
      if (restored) {
        applyWidths();
        return;
      }
      Optional<Memory> memory = Memory.of(table.getScene());
      if (memory.isEmpty()) {
        return;
      }
      restored = true;
      memory
          .get()
          .layout(key)
          .ifPresent(
              layout -> {
                userWidths.putAll(layout.widths());
                userSized.addAll(layout.widths().keySet());
                reorder(layout.order());
              });
      applyWidths();
    }

    private void applyWidths() {
      for (TableColumnBase<?, ?> column : columns) {
        Double width = userWidths.get(keyOf(column));
        if (width != null) {
          column.setPrefWidth(Math.max(width, column.getMinWidth()));
        }
      }
    }

    private void reorder(List<String> order) {
      if (order.isEmpty()) {
        return;
      }
      @SuppressWarnings("unchecked")
      ObservableList<TableColumnBase<?, ?>> all =
          (ObservableList<TableColumnBase<?, ?>>) (ObservableList<?>) columns;
      List<TableColumnBase<?, ?>> sorted = new ArrayList<>();
      for (String name : order) {
        all.stream().filter(c -> keyOf(c).equals(name)).findFirst().ifPresent(sorted::add);
      }
      if (sorted.size() != all.size()) {
        all.stream().filter(c -> !sorted.contains(c)).forEach(sorted::add);
      }
      if (!sorted.equals(all)) {
        all.setAll(sorted);
      }
    }

    /** Fits once the next layout has put the rows' cells on screen. */
    void fitAfterLayout() {
      Scene scene = table.getScene();
      if (scene == null || pending) {
        return;
      }
      pending = true;
      watched = scene;
      scene.addPostLayoutPulseListener(afterLayout);
      table.requestLayout();
    }

    private void afterLayout() {
      if (watched != null) {
        watched.removePostLayoutPulseListener(afterLayout);
        watched = null;
      }
      pending = false;
      fit();
    }

    private void fit() {
      if (table.getScene() == null || table.getSkin() == null) {
        return;
      }
      Map<TableColumnBase<?, ?>, Double> widest = new HashMap<>();
      for (Node node : table.lookupAll(cellClass)) {
        TableColumnBase<?, ?> column = columnOfCell.apply(node);
        if (column != null
            && node instanceof IndexedCell<?> cell
            && !cell.isEmpty()
            && cell.isVisible()) {
          double width = measure(cell.getText(), cell.getFont()) + CELL_EXTRA;
          if (cell.getGraphic() != null) {
            width += cell.getGraphic().prefWidth(-1) + cell.getGraphicTextGap();
          }
          width += cell.snappedLeftInset() + cell.snappedRightInset();
          if (cell instanceof TreeTableCell<?, ?> && cell.lookup(".text") instanceof Text shown) {
            // A tree's cell starts its text after the level's indent and the disclosure arrow.
            width += shown.getLayoutX() - cell.snappedLeftInset();
          }
          widest.merge(column, width, Math::max);
        }
      }
      double cap = table.getWidth() > 0 ? table.getWidth() * WIDE_SHARE : 400;
      for (Node node : table.lookupAll(".column-header")) {
        if (node instanceof TableColumnHeader header
            && header.getTableColumn() instanceof TableColumnBase<?, ?> column
            && owns.test(column)) {
          Label label = (Label) header.lookup(".label");
          Font font = label == null ? Font.getDefault() : label.getFont();
          double insets =
              header.snappedLeftInset()
                  + header.snappedRightInset()
                  + (label == null ? 0 : label.snappedLeftInset() + label.snappedRightInset());
          double heading = Math.ceil(measure(column.getText(), font) + insets + HEADER_EXTRA);
          column.setMinWidth(Math.max(heading, minimumOf(column)));
          if (!userSized.contains(keyOf(column))) {
            double content = Math.min(widest.getOrDefault(column, 0.0), Math.max(cap, heading));
            column.setPrefWidth(Math.ceil(Math.max(heading, content)));
          }
        }
      }
    }

    /** The minimum the view itself gave the column (kept when the heading needs less). */
    private static double minimumOf(TableColumnBase<?, ?> column) {
      Object given =
          column.getProperties().computeIfAbsent("clipdeck.minWidth", k -> column.getMinWidth());
      return given instanceof Double value ? value : column.getMinWidth();
    }

    private void pressed(MouseEvent event) {
      pressedInHeader = false;
      resizing = null;
      Node headerRow = table.lookup(".column-header-background");
      if (headerRow == null) {
        return;
      }
      Bounds bounds = headerRow.localToScene(headerRow.getBoundsInLocal());
      if (!bounds.contains(event.getSceneX(), event.getSceneY())) {
        return;
      }
      pressedInHeader = true;
      double nearest = RESIZE_GRAB;
      for (Node node : table.lookupAll(".column-header")) {
        if (node instanceof TableColumnHeader header
            && header.getTableColumn() instanceof TableColumnBase<?, ?> column
            && owns.test(column)) {
          Bounds edge = header.localToScene(header.getBoundsInLocal());
          double distance = Math.abs(edge.getMaxX() - event.getSceneX());
          if (distance <= nearest) {
            nearest = distance;
            resizing = column;
          }
        }
      }
    }

    private void released(MouseEvent event) {
      if (pressedInHeader) {
        // After the header has handled the release: a moved column is put in place then.
        Platform.runLater(this::keep);
      }
    }

    private void keep() {
      pressedInHeader = false;
      if (resizing != null) {
        userSized.add(keyOf(resizing));
        resizing = null;
      }
      for (TableColumnBase<?, ?> column : columns) {
        if (userSized.contains(keyOf(column))) {
          userWidths.put(keyOf(column), column.getWidth());
        }
      }
      List<String> order = columns.stream().map(TableColumns::keyOf).toList();
      Memory.of(table.getScene())
          .ifPresent(
              memory -> memory.keep(key, new UiState.TableLayout(order, Map.copyOf(userWidths))));
    }
  }

  /** A column's name in the memory: its id, else its heading. */
  static String keyOf(TableColumnBase<?, ?> column) {
    return column.getId() != null ? column.getId() : String.valueOf(column.getText());
  }

  static double measure(String text, Font font) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    Text probe = new Text(text);
    probe.setFont(font);
    return probe.getLayoutBounds().getWidth();
  }
}
