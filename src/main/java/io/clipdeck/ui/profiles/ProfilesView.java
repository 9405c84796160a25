package io.clipdeck.ui.profiles;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Environment;
import io.clipdeck.db.TlsMode;
import io.clipdeck.ui.fx.ChoiceNames;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.Styles;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.fx.ViewLoader;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** The profiles table and the editor beside it. */
public final class ProfilesView implements FeatureView {

  private final ProfilesViewModel viewModel;
  private final Supplier<FeatureView> groupsFactory;
  private final Parent root;
  private FeatureView groups; // built the first time its tab is selected
  private boolean shown;

  @FXML private Tab groupsTab;

  @FXML private Label notice;
  @FXML private TableView<ProfileRow> table;
  @FXML private TableColumn<ProfileRow, String> nameColumn;
  @FXML private TableColumn<ProfileRow, String> kindColumn;
  @FXML private TableColumn<ProfileRow, String> environmentColumn;
  @FXML private Label locationLabel;
  @FXML private TableColumn<ProfileRow, String> healthColumn;
  @FXML private TableColumn<ProfileRow, String> latencyColumn;
  @FXML private MenuButton newButton;
  @FXML private Button duplicateButton;
  @FXML private Button deleteButton;
  @FXML private Button activateButton;
  @FXML private GridPane formGrid;
  @FXML private TextField nameField;
  @FXML private ChoiceBox<DatabaseKind> kindChoice;
  @FXML private Label hostLabel;
  @FXML private HBox hostRow;
  @FXML private TextField hostField;
  @FXML private TextField portField;
  @FXML private Label databaseLabel;
  @FXML private TextField databaseField;
  @FXML private Label userLabel;
  @FXML private TextField userField;
  @FXML private Label passwordLabel;
  @FXML private PasswordField passwordField;
  @FXML private ChoiceBox<Environment> environmentChoice;
  @FXML private Label tlsLabel;
  @FXML private HBox tlsRow;
  @FXML private ChoiceBox<TlsMode> tlsChoice;
  @FXML private TextField caFileField;
  @FXML private TextField poolSizeField;
  @FXML private TextField maxOverflowField;
  @FXML private CheckBox prePingBox;
  @FXML private TextField poolTimeoutField;
  @FXML private TextField poolRecycleField;
  @FXML private TextField statementTimeoutField;
  @FXML private TextField applicationNameField;
  @FXML private CheckBox echoBox;
  @FXML private CheckBox echoPoolBox;
  @FXML private TextArea connectArgsArea;
  @FXML private Button testButton;
  @FXML private Button saveButton;
  @FXML private ProgressIndicator spinner;
  @FXML private Label statusLabel;

  /**
   * @param groups builds the failover groups' view, shown in the second tab, when that tab is first
   *     selected (not at start: the first window does not show it)
   */
  public ProfilesView(ProfilesViewModel viewModel, Supplier<FeatureView> groups) {
    this.viewModel = viewModel;
    this.groupsFactory = groups;
    this.root = ViewLoader.load("profiles/ProfilesView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    groupsTab.selectedProperty().addListener((observable, was, selected) -> groupsVisibility());
    bindTable();
    bindForm();
    notice.textProperty().bind(viewModel.noticeProperty());
    notice.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
    notice.managedProperty().bind(notice.visibleProperty());
    spinner.visibleProperty().bind(viewModel.busyProperty());
    statusLabel.textProperty().bind(viewModel.statusProperty());
    Styles.toggle(statusLabel, "status-error", viewModel.statusIsErrorProperty());
    BooleanBinding nothingSelected = viewModel.selectedProperty().isNull();
    duplicateButton.disableProperty().bind(nothingSelected.or(viewModel.busyProperty()));
    deleteButton
        .disableProperty()
        .bind(nothingSelected.or(viewModel.readOnlyProperty()).or(viewModel.busyProperty()));
    activateButton.disableProperty().bind(nothingSelected);
    testButton.disableProperty().bind(viewModel.busyProperty());
    saveButton.disableProperty().bind(viewModel.busyProperty().or(viewModel.readOnlyProperty()));
    formGrid.disableProperty().bind(viewModel.readOnlyProperty());
    newButton.disableProperty().bind(viewModel.busyProperty());
  }

  private void bindTable() {
    show(nameColumn, row -> row.active() ? row.name() + "  (active)" : row.name());
    show(kindColumn, ProfileRow::kind);
    show(environmentColumn, ProfileRow::environment);
    show(healthColumn, ProfileRow::health);
    show(latencyColumn, ProfileRow::latency);
    table.setItems(viewModel.rows());
    // Each column as wide as its content; a narrow pane scrolls sideways.
    table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
    TableColumns.install(table, "PROFILES");
    table.setRowFactory(tableView -> new EnvironmentRow());
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
            (javafx.collections.ListChangeListener<ProfileRow>)
                change -> selectInTable(viewModel.selectedProperty().get()));
    if (!table.getItems().isEmpty()) {
      table.getSelectionModel().selectFirst();
      locationLabel.setText(table.getItems().getFirst().location());
    }
  }

  private void selectInTable(ProfileRow row) {
    if (row == null) {
      table.getSelectionModel().clearSelection();
    } else if (table.getSelectionModel().getSelectedItem() != row) {
      table.getSelectionModel().select(row);
    }
  }

  private void bindForm() {
    ProfileForm form = viewModel.form();
    nameField.textProperty().bindBidirectional(form.nameProperty());
    kindChoice.getItems().setAll(DatabaseKind.values());
    kindChoice.setConverter(
        ChoiceNames.of(DatabaseKind::displayName, "", List.of(DatabaseKind.values())));
    kindChoice.valueProperty().bindBidirectional(form.kindProperty());
    hostField.textProperty().bindBidirectional(form.hostProperty());
    portField.textProperty().bindBidirectional(form.portProperty());
    databaseField.textProperty().bindBidirectional(form.databaseProperty());
    userField.textProperty().bindBidirectional(form.userProperty());
    passwordField.textProperty().bindBidirectional(form.passwordProperty());
    environmentChoice.getItems().setAll(Environment.choices());
    environmentChoice.setConverter(ChoiceNames.of(ProfilesView::title, "", Environment.choices()));
    environmentChoice.valueProperty().bindBidirectional(form.environmentProperty());
    tlsChoice.getItems().setAll(TlsMode.values());
    tlsChoice.setConverter(ChoiceNames.of(TlsMode::id, "", List.of(TlsMode.values())));
    tlsChoice.valueProperty().bindBidirectional(form.tlsModeProperty());
    caFileField.textProperty().bindBidirectional(form.caFileProperty());
    poolSizeField.textProperty().bindBidirectional(form.poolSizeProperty());
    maxOverflowField.textProperty().bindBidirectional(form.maxOverflowProperty());
    prePingBox.selectedProperty().bindBidirectional(form.prePingProperty());
    poolTimeoutField.textProperty().bindBidirectional(form.poolTimeoutSecondsProperty());
    poolRecycleField.textProperty().bindBidirectional(form.poolRecycleSecondsProperty());
    statementTimeoutField.textProperty().bindBidirectional(form.statementTimeoutMillisProperty());
    applicationNameField.textProperty().bindBidirectional(form.applicationNameProperty());
    echoBox.selectedProperty().bindBidirectional(form.echoProperty());
    echoPoolBox.selectedProperty().bindBidirectional(form.echoPoolProperty());
    connectArgsArea.textProperty().bindBidirectional(form.connectArgsProperty());

    BooleanBinding server = form.kindProperty().isNotEqualTo(DatabaseKind.SQLITE);
    for (Node node :
        new Node[] {
          hostLabel, hostRow, userLabel, userField, passwordLabel, passwordField, tlsLabel, tlsRow
        }) {
      node.visibleProperty().bind(server);
      node.managedProperty().bind(server);
    }
    databaseLabel
        .textProperty()
        .bind(javafx.beans.binding.Bindings.when(server).then("Database").otherwise("SQLite file"));
  }

  @FXML
  private void onNewPostgres() {
    viewModel.newProfile(DatabaseKind.POSTGRESQL);
  }

  @FXML
  private void onNewMysql() {
    viewModel.newProfile(DatabaseKind.MYSQL);
  }

  @FXML
  private void onNewSqlite() {
    viewModel.newProfile(DatabaseKind.SQLITE);
  }

  @FXML
  private void onDuplicate() {
    viewModel.duplicate();
  }

  @FXML
  private void onDelete() {
    viewModel.delete();
  }

  @FXML
  private void onActivate() {
    viewModel.activateSelected();
  }

  @FXML
  private void onTest() {
    viewModel.testForm();
  }

  @FXML
  private void onSave() {
    viewModel.save();
  }

  @Override
  public void shown() {
    shown = true;
    groupsVisibility();
  }

  @Override
  public void hidden() {
    shown = false;
    groupsVisibility();
  }

  /** The groups refresh only while their tab is on screen. */
  private void groupsVisibility() {
    if (groupsTab.isSelected() && groups == null) {
      groups = groupsFactory.get();
      groupsTab.setContent(groups.root());
    }
    if (groups == null) {
      return;
    }
    if (shown && groupsTab.isSelected()) {
      groups.shown();
    } else {
      groups.hidden();
    }
  }

  @Override
  public void close() {
    viewModel.close();
    if (groups != null) {
      groups.close();
    }
  }

  private static String title(Environment environment) {
    String name = environment.name();
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  private static void show(
      TableColumn<ProfileRow, String> column, Function<ProfileRow, String> value) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
  }

  /** Colours a row by its environment so production stands out. */
  private static final class EnvironmentRow extends TableRow<ProfileRow> {
    @Override
    protected void updateItem(ProfileRow row, boolean empty) {
      super.updateItem(row, empty);
      getStyleClass().removeAll("env-development", "env-test", "env-production");
      if (!empty && row != null) {
        getStyleClass().add("env-" + row.environment().toLowerCase(Locale.ROOT));
      }
    }
  }
}
