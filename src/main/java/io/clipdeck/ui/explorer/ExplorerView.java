package io.clipdeck.ui.explorer;

import io.clipdeck.data.VideoExport;
import io.clipdeck.explore.ColumnFilter;
import io.clipdeck.explore.ColumnInfo;
import io.clipdeck.explore.GridCells;
import io.clipdeck.explore.TableStats;
import io.clipdeck.ui.fx.ChoiceNames;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.Format;
import io.clipdeck.ui.fx.SaveTargets;
import io.clipdeck.ui.fx.Styles;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.fx.ViewLoader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TablePosition;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** The schema tree, the selection's data grid, columns, DDL, and its schema's tables by size. */
public final class ExplorerView implements FeatureView {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
  private static final KeyCombination COPY =
      new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);

  private static final double GRID_ROW_HEIGHT = 26;

  private final ExplorerViewModel viewModel;
  private final DataGridViewModel grid;
  private final SaveTargets saveTargets;
  private final Parent root;

  @FXML private TextField searchField;
  @FXML private Button refreshButton;
  @FXML private ProgressIndicator spinner;
  @FXML private TreeView<ExplorerNode> tree;
  @FXML private Label headingLabel;
  @FXML private TabPane tabs;
  @FXML private Tab dataTab;
  @FXML private Tab detailsTab;
  @FXML private Tab ddlTab;
  @FXML private Tab tablesTab;
  @FXML private ChoiceBox<String> filterColumnChoice;
  @FXML private ChoiceBox<ColumnFilter.Operator> filterOperatorChoice;
  @FXML private TextField filterValueField;
  @FXML private Button addFilterButton;
  @FXML private Button clearFiltersButton;
  @FXML private ChoiceBox<String> sortChoice;
  @FXML private ToggleButton descendingToggle;
  @FXML private Label filtersLabel;
  @FXML private Label keyLabel;
  @FXML private TableView<List<Object>> gridTable;
  @FXML private Button previousButton;
  @FXML private Button nextButton;
  @FXML private Label pageLabel;
  @FXML private Button copyCellButton;
  @FXML private Button copyRowsButton;
  @FXML private Button exportCsvButton;
  @FXML private Button exportJsonButton;
  @FXML private TableView<ColumnInfo> columnTable;
  @FXML private TableColumn<ColumnInfo, String> columnNameColumn;
  @FXML private TableColumn<ColumnInfo, String> columnTypeColumn;
  @FXML private TableColumn<ColumnInfo, String> columnNullColumn;
  @FXML private TableColumn<ColumnInfo, String> columnDefaultColumn;
  @FXML private ListView<String> partsList;
  @FXML private TextArea ddlArea;
  @FXML private Label tablesLabel;
  @FXML private TableView<TableStats> statsTable;
  @FXML private TableColumn<TableStats, String> statsNameColumn;
  @FXML private TableColumn<TableStats, Long> statsRowsColumn;
  @FXML private TableColumn<TableStats, Long> statsSizeColumn;
  @FXML private TableColumn<TableStats, Instant> statsVacuumColumn;
  @FXML private TableColumn<TableStats, Instant> statsAnalyzeColumn;
  @FXML private Label statusLabel;

  /**
   * @param saveTargets asked where an export goes (GUI tests answer without the native dialog)
   */
  public ExplorerView(ExplorerViewModel viewModel, SaveTargets saveTargets) {
    this.viewModel = viewModel;
    this.grid = viewModel.grid();
    this.saveTargets = saveTargets;
    this.root = ViewLoader.load("explorer/ExplorerView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    searchField.textProperty().bindBidirectional(viewModel.searchProperty());
    spinner.visibleProperty().bind(viewModel.loadingProperty());
    headingLabel.textProperty().bind(viewModel.headingProperty());
    statusLabel.textProperty().bind(viewModel.statusProperty());
    Styles.toggle(statusLabel, "status-error", viewModel.statusIsErrorProperty());
    bindTree();
    bindGrid();
    bindDetails();
    bindTables();
  }

  private void bindTree() {
    TreeItem<ExplorerNode> top = new TreeItem<>();
    tree.setRoot(top);
    viewModel
        .roots()
        .addListener(
            (ListChangeListener<ExplorerNode>)
                change -> top.getChildren().setAll(items(viewModel.roots())));
    tree.getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (o, was, item) -> {
              ExplorerNode node = item == null ? null : item.getValue();
              viewModel.selectedProperty().set(node);
              showTabFor(node);
            });
  }

  private List<TreeItem<ExplorerNode>> items(List<ExplorerNode> nodes) {
    return nodes.stream().map(this::item).toList();
  }

  /** A tree item that mirrors its node; an unread node shows an arrow and reads when opened. */
  private TreeItem<ExplorerNode> item(ExplorerNode node) {
    TreeItem<ExplorerNode> item = new TreeItem<>(node);
    if (node.isLoaded()) {
      item.getChildren().setAll(items(node.children()));
    } else {
      item.getChildren().add(new TreeItem<>(ExplorerNode.note("…")));
    }
    node.children()
        .addListener(
            (ListChangeListener<ExplorerNode>)
                change -> item.getChildren().setAll(items(node.children())));
    item.expandedProperty()
        .addListener(
            (o, was, expanded) -> {
              if (expanded) {
                viewModel.expand(node);
              }
            });
    return item;
  }

  private void showTabFor(ExplorerNode node) {
    if (node == null) {
      return;
    }
    Tab current = tabs.getSelectionModel().getSelectedItem();
    if (node.type() == ExplorerNode.Type.SCHEMA || node.type() == ExplorerNode.Type.GROUP) {
      tabs.getSelectionModel().select(tablesTab);
    } else if (node.isTableLike()) {
      if (current == tablesTab) {
        tabs.getSelectionModel().select(dataTab);
      }
    } else if (node.object() != null) {
      tabs.getSelectionModel().select(ddlTab);
    }
  }

  private void bindGrid() {
    gridTable.setItems(grid.rows());
    TableColumns.install(gridTable, "EXPLORER");
    // One row height: a page lays out without measuring each row, and rows never overlap.
    gridTable.setFixedCellSize(GRID_ROW_HEIGHT);
    gridTable.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    gridTable.getSelectionModel().setCellSelectionEnabled(true);
    gridTable.setOnKeyPressed(
        event -> {
          if (COPY.match(event)) {
            copySelection();
            event.consume();
          }
        });
    grid.columns()
        .addListener(
            (ListChangeListener<String>) change -> gridColumns(List.copyOf(grid.columns())));
    filterColumnChoice.setItems(grid.columns());
    filterOperatorChoice.getItems().setAll(ColumnFilter.Operator.values());
    filterOperatorChoice.setValue(ColumnFilter.Operator.CONTAINS);
    filterOperatorChoice.setConverter(
        ChoiceNames.of(ColumnFilter.Operator::label, "", List.of(ColumnFilter.Operator.values())));
    sortChoice.setConverter(ChoiceNames.of(name -> name, "Key order", sortChoice.getItems()));
    sortChoice.valueProperty().bindBidirectional(grid.sortColumnProperty());
    descendingToggle.selectedProperty().bindBidirectional(grid.descendingProperty());
    grid.filters()
        .addListener(
            (ListChangeListener<ColumnFilter>)
                change ->
                    filtersLabel.setText(
                        (grid.filters().isEmpty() ? "" : "Filters: ")
                            + String.join(
                                " · ",
                                grid.filters().stream()
                                    .map(
                                        filter ->
                                            filter.column()
                                                + " "
                                                + filter.operator().label()
                                                + (filter.value() == null
                                                    ? ""
                                                    : " '" + filter.value() + "'"))
                                    .toList())));
    keyLabel.textProperty().bind(grid.keyLineProperty());
    Styles.toggle(keyLabel, "key-fallback", grid.keyIsFallbackProperty());
    pageLabel.textProperty().bind(grid.pageLineProperty());
    previousButton.disableProperty().bind(grid.hasPreviousProperty().not());
    nextButton.disableProperty().bind(grid.hasNextProperty().not());
    // Nothing to filter, sort, copy or export before a table is chosen.
    for (Node control :
        new Node[] {
          copyCellButton,
          copyRowsButton,
          exportCsvButton,
          exportJsonButton,
          filterColumnChoice,
          filterOperatorChoice,
          filterValueField,
          addFilterButton,
          clearFiltersButton,
          sortChoice,
          descendingToggle
        }) {
      control.disableProperty().bind(grid.tableProperty().isEmpty());
    }
  }

  private void gridColumns(List<String> names) {
    List<TableColumn<List<Object>, Object>> columns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      int index = i;
      TableColumn<List<Object>, Object> column = new TableColumn<>(names.get(i));
      column.setSortable(false);
      column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().get(index)));
      column.setCellFactory(table -> new GridCell());
      columns.add(column);
    }
    gridTable.getColumns().setAll(columns);
    if (!names.isEmpty()) {
      filterColumnChoice.setValue(names.getFirst());
    }
    List<String> sortable = new ArrayList<>();
    sortable.add(null);
    sortable.addAll(names);
    String sort = grid.sortColumnProperty().get();
    sortChoice.getItems().setAll(sortable);
    sortChoice.setValue(sort);
  }

  /** A cell showing its value shortened, NULL muted. */
  private static final class GridCell extends TableCell<List<Object>, Object> {
    @Override
    protected void updateItem(Object value, boolean empty) {
      super.updateItem(value, empty);
      setText(empty ? null : GridCells.shown(value));
      Styles.set(this, "null-cell", !empty && value == null);
    }
  }

  private void bindDetails() {
    columnTable.setItems(viewModel.columns());
    TableColumns.install(columnTable, "EXPLORER");
    text(columnNameColumn, ColumnInfo::name);
    text(columnTypeColumn, ColumnInfo::type);
    text(columnNullColumn, column -> column.nullable() ? "yes" : "no");
    text(columnDefaultColumn, column -> column.defaultValue() == null ? "" : column.defaultValue());
    partsList.setItems(viewModel.parts());
    ddlArea.textProperty().bind(viewModel.ddlProperty());
  }

  private void bindTables() {
    statsTable.setItems(viewModel.tables());
    TableColumns.install(statsTable, "EXPLORER");
    text(statsNameColumn, TableStats::name);
    value(statsRowsColumn, TableStats::estimatedRows);
    value(statsSizeColumn, TableStats::sizeBytes);
    value(statsVacuumColumn, TableStats::lastVacuum);
    value(statsAnalyzeColumn, TableStats::lastAnalyze);
    shown(statsRowsColumn, rows -> String.format(Locale.ROOT, "%,d", rows));
    shown(statsSizeColumn, Format::bytes);
    shown(statsVacuumColumn, WHEN::format);
    shown(statsAnalyzeColumn, WHEN::format);
    tablesLabel
        .textProperty()
        .bind(
            viewModel
                .tablesSchemaProperty()
                .map(
                    schema ->
                        schema.isEmpty()
                            ? ""
                            : "Tables of "
                                + schema
                                + ", largest first: the server's estimates from its statistics."));
  }

  private static <S> void text(TableColumn<S, String> column, Function<S, String> value) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
  }

  private static <S, T> void value(TableColumn<S, T> column, Function<S, T> value) {
    column.setCellValueFactory(
        cell -> (ObservableValue<T>) new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
  }

  private static <S, T> void shown(TableColumn<S, T> column, Function<T, String> text) {
    column.setCellFactory(
        table ->
            new TableCell<>() {
              @Override
              protected void updateItem(T value, boolean empty) {
                super.updateItem(value, empty);
                setText(empty ? null : value == null ? "—" : text.apply(value));
              }
            });
  }

  @FXML
  private void onRefresh() {
    viewModel.refresh();
  }

  @FXML
  private void onAddFilter() {
    grid.addFilter(
        filterColumnChoice.getValue(), filterOperatorChoice.getValue(), filterValueField.getText());
  }

  @FXML
  private void onClearFilters() {
    grid.clearFilters();
  }

  @FXML
  private void onPrevious() {
    grid.previousPage();
  }

  @FXML
  private void onNext() {
    grid.nextPage();
  }

  @FXML
  private void onCopyCell() {
    TablePosition<?, ?> focused = gridTable.getFocusModel().getFocusedCell();
    if (focused == null || focused.getRow() < 0 || focused.getColumn() < 0) {
      return;
    }
    String text = GridCells.text(grid.rows().get(focused.getRow()).get(focused.getColumn()));
    copy(text == null ? "" : text);
  }

  @FXML
  private void onCopyRows() {
    TreeSet<Integer> rows = new TreeSet<>();
    gridTable.getSelectionModel().getSelectedCells().forEach(cell -> rows.add(cell.getRow()));
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < grid.columns().size(); i++) {
      all.add(i);
    }
    copy(DataGridViewModel.copyText(rows.stream().map(grid.rows()::get).toList(), all));
  }

  /** Ctrl+C: the selected cells, a line per row, in column order. */
  private void copySelection() {
    TreeSet<Integer> rows = new TreeSet<>();
    TreeSet<Integer> columns = new TreeSet<>();
    for (TablePosition<?, ?> cell : gridTable.getSelectionModel().getSelectedCells()) {
      rows.add(cell.getRow());
      columns.add(cell.getColumn());
    }
    if (!rows.isEmpty()) {
      copy(
          DataGridViewModel.copyText(
              rows.stream().map(grid.rows()::get).toList(), List.copyOf(columns)));
    }
  }

  private static void copy(String text) {
    ClipboardContent content = new ClipboardContent();
    content.putString(text);
    Clipboard.getSystemClipboard().setContent(content);
  }

  @FXML
  private void onExportCsv() {
    export(VideoExport.Format.CSV);
  }

  @FXML
  private void onExportJson() {
    export(VideoExport.Format.JSON);
  }

  private void export(VideoExport.Format format) {
    String extension = format.extension();
    String table = grid.tableProperty().get();
    saveTargets
        .chooseSaveTarget(
            root.getScene().getWindow(),
            "Export the rows of " + table,
            table.substring(table.indexOf('.') + 1).replaceAll("[^\\p{L}\\p{N}_-]+", "_")
                + "."
                + extension,
            format.name(),
            extension)
        .ifPresent(file -> grid.export(file, format));
  }

  @Override
  public void shown() {
    viewModel.shown();
  }

  @Override
  public void close() {
    viewModel.close();
  }
}
