package io.clipdeck.ui.browser;

import io.clipdeck.data.VideoExport;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.ui.fx.ChoiceNames;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.FxSaveTargets;
import io.clipdeck.ui.fx.JobProgressBar;
import io.clipdeck.ui.fx.SaveTargets;
import io.clipdeck.ui.fx.Styles;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.fx.ViewLoader;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;

/** The video table with its filters and pages, and the selected video's details and clips. */
public final class BrowserView implements FeatureView {

  /** Rows have one height, so the table lays out a long list without measuring each row. */
  private static final double ROW_HEIGHT = 24;

  private final BrowserViewModel viewModel;
  private final SaveTargets saveTargets;
  private final Parent root;

  /**
   * The index of the last real row when scrolling asked for more (-1: none): kept in sight when the
   * page arrives (and the oldest rows go), so the user reads on below it rather than at the new
   * page's end, and the next move to the bottom is a move down again. An index, not the row, so
   * that finding it again costs nothing per row.
   */
  private int scrolledTo = -1;

  /** Whether the table's moves come from the user now (see {@link #watchScrolling}). */
  private boolean userScrolling;

  private static final Set<KeyCode> DOWN_KEYS =
      EnumSet.of(KeyCode.DOWN, KeyCode.PAGE_DOWN, KeyCode.END);

  @FXML private TextField searchField;
  @FXML private ChoiceBox<VideoStatus> statusChoice;
  @FXML private TextField userField;
  @FXML private DatePicker fromPicker;
  @FXML private DatePicker toPicker;
  @FXML private ChoiceBox<String> sortChoice;
  @FXML private ToggleButton ascendingToggle;
  @FXML private Button refreshButton;
  @FXML private ProgressIndicator spinner;
  @FXML private VBox migrateBox;
  @FXML private HBox emptyBox;
  @FXML private TextField sampleCountField;
  @FXML private Button migrateButton;
  @FXML private Button sampleButton;
  @FXML private TextField schemaSampleCountField;
  @FXML private Button schemaSampleButton;
  @FXML private TableView<VideoRow> table;
  @FXML private TableColumn<VideoRow, String> videoIdColumn;
  @FXML private TableColumn<VideoRow, String> titleColumn;
  @FXML private TableColumn<VideoRow, String> userColumn;
  @FXML private TableColumn<VideoRow, String> statusColumn;
  @FXML private TableColumn<VideoRow, String> durationColumn;
  @FXML private TableColumn<VideoRow, String> clipsColumn;
  @FXML private TableColumn<VideoRow, String> createdColumn;
  @FXML private Button previousButton;
  @FXML private Button nextButton;
  @FXML private Label countLabel;
  @FXML private ChoiceBox<VideoStatus> bulkStatusChoice;
  @FXML private Button bulkButton;
  @FXML private Button enrichButton;
  @FXML private Button enrichMatchingButton;
  @FXML private Button exportButton;
  @FXML private Button exportJsonButton;
  @FXML private Button lastButton;
  @FXML private TextField newUrlField;
  @FXML private TextField newTitleField;
  @FXML private TextField newUserField;
  @FXML private Button createButton;
  @FXML private VBox detailBox;
  @FXML private TextField titleField;
  @FXML private ChoiceBox<VideoStatus> editStatusChoice;
  @FXML private Button saveButton;
  @FXML private Button deleteButton;
  @FXML private Label detailsLabel;
  @FXML private Pane timeline;
  @FXML private ListView<ClipRow> clipList;
  @FXML private ListView<String> usageList;
  @FXML private Label statusLabel;

  /** Exports ask the toolkit's save dialog where to write. */
  public BrowserView(BrowserViewModel viewModel) {
    this(viewModel, new FxSaveTargets());
  }

  /**
   * @param saveTargets asked where an export goes (GUI tests answer without the native dialog)
   */
  public BrowserView(BrowserViewModel viewModel, SaveTargets saveTargets) {
    this.viewModel = viewModel;
    this.saveTargets = saveTargets;
    this.root = ViewLoader.load("browser/BrowserView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    bindFilters();
    bindCreateForm();
    bindTable();
    bindDetails();
    spinner.visibleProperty().bind(viewModel.loadingProperty());
    // One change at a time: actions wait for the running read or write to be on screen.
    for (Button action :
        new Button[] {
          migrateButton,
          sampleButton,
          schemaSampleButton,
          saveButton,
          deleteButton,
          exportButton,
          exportJsonButton,
          createButton
        }) {
      action.disableProperty().bind(viewModel.loadingProperty());
    }
    show(migrateBox, viewModel.notMigratedProperty().get());
    viewModel.notMigratedProperty().addListener((o, was, now) -> show(migrateBox, now));
    show(emptyBox, viewModel.databaseEmptyProperty().get());
    viewModel.databaseEmptyProperty().addListener((o, was, now) -> show(emptyBox, now));
    JobProgressBar.above(statusLabel, viewModel.jobs());
    statusLabel.textProperty().bind(viewModel.statusProperty());
    Styles.toggle(statusLabel, "status-error", viewModel.statusIsErrorProperty());
  }

  private void bindCreateForm() {
    newUrlField.textProperty().bindBidirectional(viewModel.newVideo().newUrlProperty());
    newTitleField.textProperty().bindBidirectional(viewModel.newVideo().newTitleProperty());
    newUserField.textProperty().bindBidirectional(viewModel.newVideo().newUserProperty());
  }

  private void bindFilters() {
    searchField.textProperty().bindBidirectional(viewModel.searchProperty());
    userField.textProperty().bindBidirectional(viewModel.userFilterProperty());
    statusChoice.getItems().add(null);
    statusChoice.getItems().addAll(VideoStatus.values());
    statusChoice.setConverter(
        ChoiceNames.of(VideoStatus::id, "Every status", List.of(VideoStatus.values())));
    statusChoice.valueProperty().bindBidirectional(viewModel.statusFilterProperty());
    fromPicker.valueProperty().bindBidirectional(viewModel.createdFromProperty());
    toPicker.valueProperty().bindBidirectional(viewModel.createdToProperty());
    sortChoice.getItems().setAll(BrowserViewModel.SORT_COLUMNS);
    sortChoice.valueProperty().bindBidirectional(viewModel.sortColumnProperty());
    ascendingToggle.selectedProperty().bindBidirectional(viewModel.ascendingProperty());
  }

  private void bindTable() {
    show(videoIdColumn, VideoRow::videoId);
    show(titleColumn, VideoRow::title);
    show(userColumn, row -> row.isPlaceholder() ? "" : String.valueOf(row.userId()));
    show(statusColumn, VideoRow::status);
    show(durationColumn, VideoRow::duration);
    show(clipsColumn, row -> row.isPlaceholder() ? "" : String.valueOf(row.clips()));
    show(createdColumn, VideoRow::created);
    table.setItems(viewModel.rows());
    // Each column as wide as its content (a title at most 40 %); a narrow pane scrolls sideways.
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    TableColumns.install(table, "BROWSER");
    table.setFixedCellSize(ROW_HEIGHT);
    table.setRowFactory(
        view ->
            new TableRow<>() {
              @Override
              protected void updateItem(VideoRow row, boolean empty) {
                super.updateItem(row, empty);
                Styles.set(this, "placeholder-row", !empty && row != null && row.isPlaceholder());
              }
            });
    // The skin makes the scroll bar: watch it once it exists.
    table.skinProperty().addListener((observable, was, skin) -> watchScrolling());
    viewModel
        .rows()
        .addListener(
            (ListChangeListener<VideoRow>)
                change -> {
                  // What moves the table now is the table taking in its new rows, not the user.
                  userScrolling = false;
                  if (scrolledTo < 0) {
                    return;
                  }
                  // A page appended: the oldest page may go above, the placeholders below.
                  int droppedAbove = 0;
                  boolean appended = false;
                  boolean replaced = false;
                  while (change.next()) {
                    if (change.wasAdded() && change.getFrom() == 0) {
                      replaced = true;
                    } else if (change.wasRemoved() && change.getFrom() == 0) {
                      droppedAbove += change.getRemovedSize();
                    } else if (change.wasAdded()) {
                      appended |= !change.getAddedSubList().getLast().isPlaceholder();
                    }
                  }
                  if (appended && !replaced) {
                    keepInSight(scrolledTo - droppedAbove);
                  }
                  if (appended || replaced) {
                    scrolledTo = -1;
                  }
                });
    table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((observable, was, row) -> viewModel.details().selectedProperty().set(row));
    table
        .getSelectionModel()
        .getSelectedItems()
        .addListener(
            (ListChangeListener<VideoRow>)
                change ->
                    viewModel.selection().setAll(table.getSelectionModel().getSelectedItems()));
    previousButton.disableProperty().bind(viewModel.hasPreviousProperty().not());
    lastButton.disableProperty().bind(viewModel.hasNextProperty().not());
    nextButton.disableProperty().bind(viewModel.hasNextProperty().not());
    countLabel.textProperty().bind(viewModel.countLineProperty());
    bulkStatusChoice.getItems().setAll(Arrays.asList(VideoStatus.values()));
    bulkStatusChoice.setConverter(
        ChoiceNames.of(VideoStatus::id, "", List.of(VideoStatus.values())));
    bulkStatusChoice.setValue(VideoStatus.PENDING);
    bulkButton
        .disableProperty()
        .bind(Bindings.isEmpty(viewModel.selection()).or(viewModel.loadingProperty()));
    enrichButton.disableProperty().bind(Bindings.isEmpty(viewModel.selection()));
    enrichMatchingButton.disableProperty().bind(viewModel.loadingProperty());
  }

  private void bindDetails() {
    detailBox.disableProperty().bind(viewModel.details().selectedProperty().isNull());
    titleField.textProperty().bindBidirectional(viewModel.details().editTitleProperty());
    editStatusChoice.getItems().setAll(VideoStatus.values());
    editStatusChoice.setConverter(
        ChoiceNames.of(VideoStatus::id, "", List.of(VideoStatus.values())));
    editStatusChoice.valueProperty().bindBidirectional(viewModel.details().editStatusProperty());
    detailsLabel.textProperty().bind(viewModel.details().detailsProperty());
    clipList.setItems(viewModel.details().clips());
    clipList.setCellFactory(
        list ->
            new ListCell<>() {
              @Override
              protected void updateItem(ClipRow clip, boolean empty) {
                super.updateItem(clip, empty);
                setText(
                    empty || clip == null
                        ? null
                        : clip.span()
                            + "  "
                            + clip.caption()
                            + (clip.effects().isEmpty() ? "" : "  [" + clip.effects() + "]"));
              }
            });
    usageList.setItems(viewModel.details().usage());
    viewModel.details().clips().addListener((ListChangeListener<ClipRow>) change -> drawTimeline());
    timeline.widthProperty().addListener((observable, was, width) -> drawTimeline());
  }

  /**
   * Scrolling down to the bottom asks for the next page (placeholder rows show until it comes).
   * Only the user's own moves count: the wheel, the scroll bar's thumb, track and arrows, and the
   * Down, Page Down and End keys. The table also moves by itself when its rows change (it keeps a
   * row in sight, clamps a position past its new end, lays out the new count over a pulse or two),
   * and such a move to the bottom is nobody asking for more. At the bottom already, the bar cannot
   * move further, so the gesture itself asks.
   */
  private void watchScrolling() {
    for (Node node : table.lookupAll(".scroll-bar")) {
      if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
        bar.valueProperty()
            .addListener(
                (observable, was, value) -> {
                  if (userScrolling
                      && value.doubleValue() > was.doubleValue()
                      && atTheBottom(bar)) {
                    askForMore();
                  }
                });
        bar.addEventFilter(MouseEvent.MOUSE_PRESSED, event -> userScrolling = true);
        table.addEventFilter(
            ScrollEvent.SCROLL,
            event -> {
              if (event.getDeltaY() < 0) {
                userMovedDown(bar);
              }
            });
        table.addEventFilter(
            KeyEvent.KEY_PRESSED,
            event -> {
              if (DOWN_KEYS.contains(event.getCode())) {
                userMovedDown(bar);
              }
            });
      }
    }
  }

  private void userMovedDown(ScrollBar bar) {
    userScrolling = true;
    if (atTheBottom(bar)) {
      askForMore();
    }
  }

  private static boolean atTheBottom(ScrollBar bar) {
    return bar.getMax() > 0 && bar.getValue() >= bar.getMax();
  }

  private void askForMore() {
    scrolledTo = lastRealRow();
    viewModel.loadMore();
  }

  /** The index of the last row that is not a placeholder (they are only at the end); -1: none. */
  private int lastRealRow() {
    List<VideoRow> rows = viewModel.rows();
    int index = rows.size() - 1;
    while (index >= 0 && rows.get(index).isPlaceholder()) {
      index--;
    }
    return index;
  }

  /**
   * Scrolls so the row at {@code index} is the last row on screen (after the rows above went).
   * After the table has taken in the change (its skin hears of it after this view): scrolled
   * before, the table would place the row by the old row count, and could land at the bottom, which
   * would read as the user asking for one more page.
   */
  private void keepInSight(int index) {
    if (index < 0) {
      return;
    }
    Platform.runLater(
        () -> {
          table.applyCss();
          table.layout();
          int onScreen = (int) (table.getHeight() / ROW_HEIGHT) - 2;
          table.scrollTo(Math.max(0, index - onScreen));
        });
  }

  /** Each clip as a bar from its start to its end over the video's length. */
  private void drawTimeline() {
    double width = timeline.getWidth();
    timeline
        .getChildren()
        .setAll(
            viewModel.details().clips().stream()
                .map(
                    clip -> {
                      Rectangle bar =
                          new Rectangle(
                              clip.from() * width,
                              3,
                              Math.max(2, (clip.to() - clip.from()) * width),
                              16);
                      bar.getStyleClass().add("timeline-clip");
                      Tooltip.install(bar, new Tooltip(clip.span() + "  " + clip.caption()));
                      return (Node) bar;
                    })
                .toList());
  }

  private static void show(Node node, boolean shown) {
    node.setVisible(shown);
    node.setManaged(shown);
  }

  private static void show(TableColumn<VideoRow, String> column, Function<VideoRow, String> value) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
  }

  @FXML
  private void onRefresh() {
    viewModel.reload();
  }

  @FXML
  private void onPrevious() {
    viewModel.previousPage();
  }

  @FXML
  private void onNext() {
    viewModel.nextPage();
  }

  @FXML
  private void onSave() {
    viewModel.details().save();
  }

  @FXML
  private void onDelete() {
    viewModel.details().deleteSelected();
  }

  @FXML
  private void onBulkStatus() {
    viewModel.actions().setStatusOfSelection(bulkStatusChoice.getValue());
  }

  @FXML
  private void onEnrichSelected() {
    viewModel.actions().enrichSelected();
  }

  @FXML
  private void onEnrichMatching() {
    viewModel.actions().enrichMatching();
  }

  @FXML
  private void onMigrate() {
    viewModel.actions().migrateNow();
  }

  @FXML
  private void onGenerate() {
    viewModel
        .actions()
        .generateSampleData(viewModel.actions().parseCount(sampleCountField.getText()));
  }

  @FXML
  private void onGenerateWithSchema() {
    viewModel
        .actions()
        .generateSampleData(viewModel.actions().parseCount(schemaSampleCountField.getText()));
  }

  @FXML
  private void onLast() {
    viewModel.lastPage();
  }

  @FXML
  private void onCreate() {
    viewModel.newVideo().createVideo();
  }

  @FXML
  private void onExport() {
    export(VideoExport.Format.CSV);
  }

  @FXML
  private void onExportJson() {
    export(VideoExport.Format.JSON);
  }

  private void export(VideoExport.Format format) {
    String extension = format.extension();
    saveTargets
        .chooseSaveTarget(
            root.getScene().getWindow(),
            "Export the videos of the current filter",
            "videos." + extension,
            format.name(),
            extension)
        .ifPresent(file -> viewModel.actions().export(file, format));
  }

  @Override
  public void shown() {
    viewModel.shown();
  }
}
