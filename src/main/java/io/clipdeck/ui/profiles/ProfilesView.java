package io.clipdeck.ui.profiles;

import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.ViewLoader;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;

/** Lists the profiles with their health; tests a connection and switches the active profile. */
public final class ProfilesView implements FeatureView {

  private final ProfilesViewModel viewModel;
  private final Parent root;

  @FXML private Label notice;
  @FXML private TableView<ProfileRow> table;
  @FXML private TableColumn<ProfileRow, String> nameColumn;
  @FXML private TableColumn<ProfileRow, String> kindColumn;
  @FXML private TableColumn<ProfileRow, String> environmentColumn;
  @FXML private TableColumn<ProfileRow, String> locationColumn;
  @FXML private TableColumn<ProfileRow, String> healthColumn;
  @FXML private TableColumn<ProfileRow, String> latencyColumn;
  @FXML private Button testButton;
  @FXML private Button activateButton;
  @FXML private ProgressIndicator spinner;
  @FXML private Label testResult;

  public ProfilesView(ProfilesViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = ViewLoader.load("profiles/ProfilesView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    show(nameColumn, row -> row.active() ? row.name() + "  (active)" : row.name());
    show(kindColumn, ProfileRow::kind);
    show(environmentColumn, ProfileRow::environment);
    show(locationColumn, ProfileRow::location);
    show(healthColumn, ProfileRow::health);
    show(latencyColumn, ProfileRow::latency);
    table.setItems(viewModel.rows());
    table.setRowFactory(tableView -> new EnvironmentRow());
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((observable, previous, row) -> viewModel.selectedProperty().set(row));
    viewModel
        .selectedProperty()
        .addListener(
            (observable, previous, row) -> {
              if (row != null && table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
              }
            });
    if (!table.getItems().isEmpty()) {
      table.getSelectionModel().selectFirst();
    }

    notice.textProperty().bind(viewModel.noticeProperty());
    notice.visibleProperty().bind(viewModel.noticeProperty().isNotEmpty());
    notice.managedProperty().bind(notice.visibleProperty());
    spinner.visibleProperty().bind(viewModel.testingProperty());
    testButton.disableProperty().bind(viewModel.testingProperty());
    activateButton.disableProperty().bind(viewModel.selectedProperty().isNull());
    testResult.textProperty().bind(viewModel.testResultProperty());
  }

  @FXML
  private void onTest() {
    viewModel.testSelected();
  }

  @FXML
  private void onActivate() {
    viewModel.activateSelected();
  }

  @Override
  public void close() {
    viewModel.close();
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
        getStyleClass().add("env-" + row.environment().toLowerCase(java.util.Locale.ROOT));
      }
    }
  }
}
