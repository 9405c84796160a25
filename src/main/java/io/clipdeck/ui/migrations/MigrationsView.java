package io.clipdeck.ui.migrations;

import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.Styles;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.fx.ViewLoader;
import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.FileChooser;

/** The migrations table, its operations, the SQL preview and the new-migration form. */
public final class MigrationsView implements FeatureView {

  private final MigrationsViewModel viewModel;
  private final MigrationMatrixViewModel matrix;
  private final Parent root;

  @FXML private Label profileLabel;
  @FXML private Label versionLabel;
  @FXML private Label appliedLabel;
  @FXML private Label pendingLabel;
  @FXML private Label failedLabel;
  @FXML private Label databaseLabel;
  @FXML private Button refreshButton;
  @FXML private Button migrateButton;
  @FXML private Button migrateToButton;
  @FXML private Button dryRunButton;
  @FXML private Button validateButton;
  @FXML private Button repairButton;
  @FXML private Button baselineButton;
  @FXML private Button cleanButton;
  @FXML private Button rollbackButton;
  @FXML private Button verifyButton;
  @FXML private Button newButton;
  @FXML private ProgressIndicator spinner;
  @FXML private TableView<MigrationEntry> table;
  @FXML private TableColumn<MigrationEntry, String> versionColumn;
  @FXML private TableColumn<MigrationEntry, String> descriptionColumn;
  @FXML private TableColumn<MigrationEntry, String> stateColumn;
  @FXML private TableColumn<MigrationEntry, String> installedColumn;
  @FXML private TableColumn<MigrationEntry, String> timeColumn;
  @FXML private TableColumn<MigrationEntry, String> downColumn;
  @FXML private ListView<String> activityList;
  @FXML private TabPane tabs;
  @FXML private Tab sqlTab;
  @FXML private Tab newTab;
  @FXML private Label previewTitle;
  @FXML private TextArea previewArea;
  @FXML private GridPane formGrid;
  @FXML private TextField nameField;
  @FXML private TextField descriptionField;
  @FXML private TextArea upArea;
  @FXML private TextArea downArea;
  @FXML private Button cancelButton;
  @FXML private Button createButton;
  @FXML private Label statusLabel;
  @FXML private Label projectLabel;
  @FXML private Tab projectTab;
  @FXML private TextArea locationsArea;
  @FXML private TextField tableField;
  @FXML private Button importButton;
  @FXML private Button clipdeckSchemaButton;
  @FXML private Button saveProjectButton;
  @FXML private Tab matrixTab;
  @FXML private ComboBox<String> groupBox;
  @FXML private Button matrixRefreshButton;
  @FXML private ProgressIndicator matrixSpinner;
  @FXML private Label matrixMessage;
  @FXML private TableView<MatrixRow> matrixTable;

  public MigrationsView(MigrationsViewModel viewModel) {
    this(viewModel, viewModel.newMatrixViewModel());
  }

  public MigrationsView(MigrationsViewModel viewModel, MigrationMatrixViewModel matrix) {
    this.viewModel = viewModel;
    this.matrix = matrix;
    this.root = ViewLoader.load("migrations/MigrationsView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    bindHeader();
    bindTable();
    bindPreviewAndForm();
    bindMatrix();
    activityList.setItems(viewModel.activity());
    viewModel
        .activity()
        .addListener(
            (ListChangeListener<String>)
                change -> activityList.scrollTo(viewModel.activity().size() - 1));

    for (Button button :
        new Button[] {
          refreshButton,
          migrateButton,
          dryRunButton,
          validateButton,
          repairButton,
          newButton,
          createButton,
          importButton,
          saveProjectButton
        }) {
      button.disableProperty().bind(viewModel.busyProperty());
    }
    migrateToButton
        .disableProperty()
        .bind(viewModel.history().canMigrateToSelectedProperty().not());
    rollbackButton.disableProperty().bind(viewModel.rollback().canRollBackSelectedProperty().not());
    verifyButton.disableProperty().bind(viewModel.rollback().canVerifySelectedProperty().not());
    baselineButton
        .disableProperty()
        .bind(viewModel.history().canBaselineToSelectedProperty().not());
    cleanButton.disableProperty().bind(viewModel.history().canCleanProperty().not());
    clipdeckSchemaButton
        .disableProperty()
        .bind(viewModel.busyProperty().or(viewModel.project().clipdeckSchemaProperty()));
    projectLabel
        .textProperty()
        .bind(Bindings.concat("Project: ", viewModel.project().summaryProperty()));
    locationsArea.textProperty().bindBidirectional(viewModel.project().locationsProperty());
    tableField.textProperty().bindBidirectional(viewModel.project().tableProperty());
    spinner.visibleProperty().bind(viewModel.busyProperty());

    statusLabel.textProperty().bind(viewModel.statusProperty());
    Styles.toggle(statusLabel, "status-error", viewModel.statusIsErrorProperty());
  }

  private void bindHeader() {
    profileLabel.textProperty().bind(viewModel.profileLineProperty());
    versionLabel.textProperty().bind(viewModel.versionLineProperty());
    databaseLabel.textProperty().bind(viewModel.databaseLineProperty());
    chip(appliedLabel, viewModel.appliedProperty(), "applied");
    chip(pendingLabel, viewModel.pendingProperty(), "pending");
    chip(failedLabel, viewModel.failedProperty(), "failed");
  }

  /** A count with its word, coloured only when it is not zero. */
  private static void chip(Label label, ReadOnlyIntegerProperty count, String word) {
    label.textProperty().bind(count.asString("%d " + word));
    Styles.toggle(label, "nonzero", count.greaterThan(0));
  }

  private void bindTable() {
    show(versionColumn, MigrationEntry::version);
    show(descriptionColumn, MigrationEntry::description);
    show(stateColumn, MigrationEntry::state);
    show(installedColumn, MigrationEntry::installedOn);
    show(timeColumn, MigrationEntry::time);
    show(downColumn, row -> row.downScript() ? "yes" : "no");
    stateColumn.setCellFactory(column -> new StateCell());
    table.setRowFactory(tableView -> new StateRow());
    table.setItems(viewModel.rows());
    TableColumns.install(table, "MIGRATIONS");
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (observable, previous, row) -> {
              if (row != null) {
                viewModel.selectedProperty().set(row);
              }
            });
    viewModel.selectedProperty().addListener((observable, previous, row) -> selectInTable(row));
    viewModel
        .rows()
        .addListener(
            (ListChangeListener<MigrationEntry>)
                change -> selectInTable(viewModel.selectedProperty().get()));
  }

  private void selectInTable(MigrationEntry row) {
    if (row == null) {
      table.getSelectionModel().clearSelection();
    } else if (table.getSelectionModel().getSelectedItem() != row) {
      table.getSelectionModel().select(row);
      table.scrollTo(row);
    }
  }

  private void bindPreviewAndForm() {
    previewTitle.textProperty().bind(viewModel.previewTitleProperty());
    previewArea.textProperty().bind(viewModel.previewProperty());
    MigrationForm form = viewModel.newMigration().form();
    nameField.textProperty().bindBidirectional(form.nameProperty());
    descriptionField.textProperty().bindBidirectional(form.descriptionProperty());
    upArea.textProperty().bindBidirectional(form.upSqlProperty());
    downArea.textProperty().bindBidirectional(form.downSqlProperty());
    viewModel
        .newMigration()
        .editorOpenProperty()
        .addListener(
            (observable, was, open) -> tabs.getSelectionModel().select(open ? newTab : sqlTab));
    newTab
        .selectedProperty()
        .addListener(
            (observable, was, selected) -> {
              if (selected != viewModel.newMigration().editorOpenProperty().get()) {
                viewModel.newMigration().editorOpenProperty().set(selected);
              }
            });
    // A new preview (a dry run, a failure, the selected script) brings the SQL tab forward,
    // unless a migration is being written.
    viewModel
        .previewProperty()
        .addListener(
            (observable, was, text) -> {
              if (!viewModel.newMigration().editorOpenProperty().get()) {
                tabs.getSelectionModel().select(sqlTab);
              }
            });
  }

  private void bindMatrix() {
    groupBox.setItems(matrix.groups());
    groupBox.valueProperty().bindBidirectional(matrix.groupProperty());
    groupBox.disableProperty().bind(matrix.busyProperty());
    matrixRefreshButton
        .disableProperty()
        .bind(matrix.busyProperty().or(Bindings.isEmpty(matrix.groups())));
    matrixSpinner.visibleProperty().bind(matrix.busyProperty());
    matrixMessage.textProperty().bind(matrix.messageProperty());
    Styles.toggle(matrixMessage, "status-error", matrix.problemProperty());
    matrixTable.setItems(matrix.rows());
    matrixTable.setRowFactory(tableView -> new DriftRow());
    TableColumns.install(matrixTable, "MIGRATIONS");
    matrix.members().addListener((ListChangeListener<String>) change -> matrixColumns());
    matrixColumns();
    // Read when the tab comes forward; Refresh reads again.
    matrixTab
        .selectedProperty()
        .addListener(
            (observable, was, selected) -> {
              if (selected && matrix.rows().isEmpty()) {
                matrix.refresh();
              }
            });
  }

  /** One column for the migration, one per member, and the drift mark. */
  private void matrixColumns() {
    List<TableColumn<MatrixRow, String>> columns = new ArrayList<>();
    TableColumn<MatrixRow, String> migration = new TableColumn<>("Migration");
    migration.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().label()));
    migration.setPrefWidth(170);
    columns.add(migration);
    for (int i = 0; i < matrix.members().size(); i++) {
      int index = i;
      TableColumn<MatrixRow, String> member = new TableColumn<>(matrix.members().get(i));
      member.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().cell(index)));
      member.setCellFactory(column -> new MatrixStateCell());
      member.setPrefWidth(110);
      columns.add(member);
    }
    TableColumn<MatrixRow, String> drift = new TableColumn<>("Drift");
    drift.setCellValueFactory(
        cell -> new ReadOnlyStringWrapper(cell.getValue().drift() ? "checksum differs" : ""));
    drift.setCellFactory(column -> new MatrixStateCell());
    drift.setPrefWidth(110);
    columns.add(drift);
    matrixTable.getColumns().setAll(columns);
  }

  @FXML
  private void onGroupPicked() {
    if (matrixTab.isSelected() && !matrix.busyProperty().get()) {
      matrix.refresh();
    }
  }

  @FXML
  private void onRefreshMatrix() {
    matrix.refresh();
  }

  @FXML
  private void onRefresh() {
    viewModel.refresh();
  }

  @FXML
  private void onMigrate() {
    viewModel.history().migrate();
  }

  @FXML
  private void onMigrateToSelected() {
    viewModel.history().migrateToSelected();
  }

  @FXML
  private void onDryRun() {
    viewModel.history().dryRun();
  }

  @FXML
  private void onValidate() {
    viewModel.history().validate();
  }

  @FXML
  private void onRepair() {
    viewModel.history().repair();
  }

  @FXML
  private void onBaseline() {
    viewModel.history().baselineToSelected();
  }

  @FXML
  private void onClean() {
    viewModel.history().clean();
  }

  @FXML
  private void onRollBack() {
    viewModel.rollback().rollBackSelected();
  }

  @FXML
  private void onVerify() {
    viewModel.rollback().verifySelected();
  }

  @FXML
  private void onNewMigration() {
    viewModel.newMigration().open();
    nameField.requestFocus();
  }

  @FXML
  private void onCancelNew() {
    viewModel.newMigration().cancel();
  }

  @FXML
  private void onCreate() {
    viewModel.newMigration().create();
  }

  @FXML
  private void onImportConfig() {
    FileChooser chooser = new FileChooser();
    chooser.setTitle("Import a Flyway configuration");
    chooser
        .getExtensionFilters()
        .addAll(
            new FileChooser.ExtensionFilter("Flyway configuration", "*.conf", "*.toml"),
            new FileChooser.ExtensionFilter("All files", "*"));
    File file = chooser.showOpenDialog(root.getScene().getWindow());
    if (file != null) {
      viewModel.project().importConfig(file.toPath());
    }
  }

  @FXML
  private void onSaveProject() {
    viewModel.project().save();
  }

  @FXML
  private void onUseClipdeckSchema() {
    viewModel.project().useClipdeckSchema();
  }

  /** Brings the project editor forward (for a test, or a first visit on a foreign profile). */
  void showProjectTab() {
    tabs.getSelectionModel().select(projectTab);
  }

  @Override
  public void shown() {
    viewModel.shown();
  }

  @Override
  public void hidden() {
    viewModel.hidden();
  }

  @Override
  public void close() {
    matrix.close();
    viewModel.close();
  }

  private static void show(
      TableColumn<MigrationEntry, String> column, Function<MigrationEntry, String> value) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
  }

  /** The state in its colour: green applied, amber pending, red failed or missing. */
  private static final class StateCell extends TableCell<MigrationEntry, String> {
    private String styled;

    @Override
    protected void updateItem(String state, boolean empty) {
      super.updateItem(state, empty);
      getStyleClass().remove("migration-state");
      if (styled != null) {
        getStyleClass().remove(styled);
        styled = null;
      }
      if (empty || state == null) {
        setText(null);
        return;
      }
      setText(state);
      styled = MigrationEntry.styleOf(state);
      getStyleClass().addAll("migration-state", styled);
    }
  }

  /** A member's state in the matrix, coloured as in the table; drift in red. */
  private static final class MatrixStateCell extends TableCell<MatrixRow, String> {
    private String styled;

    @Override
    protected void updateItem(String state, boolean empty) {
      super.updateItem(state, empty);
      getStyleClass().remove("migration-state");
      if (styled != null) {
        getStyleClass().remove(styled);
        styled = null;
      }
      if (empty || state == null || state.isEmpty()) {
        setText(empty ? null : state);
        return;
      }
      setText(state);
      styled =
          state.contains("checksum")
              ? "state-drift"
              : MigrationEntry.styleOf(state.equals("applied") ? "success" : state);
      getStyleClass().addAll("migration-state", styled);
    }
  }

  /** A migration whose checksums differ between members stands out. */
  private static final class DriftRow extends TableRow<MatrixRow> {
    @Override
    protected void updateItem(MatrixRow row, boolean empty) {
      super.updateItem(row, empty);
      getStyleClass().remove("row-drift");
      if (!empty && row != null && row.drift()) {
        getStyleClass().add("row-drift");
      }
    }
  }

  /** A failed migration's whole row stands out. */
  private static final class StateRow extends TableRow<MigrationEntry> {
    @Override
    protected void updateItem(MigrationEntry row, boolean empty) {
      super.updateItem(row, empty);
      getStyleClass().remove("row-failed");
      if (!empty && row != null && row.state().contains("failed")) {
        getStyleClass().add("row-failed");
      }
    }
  }
}
