package io.clipdeck.ui.groups;

import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.fx.ViewLoader;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;

/** Failover groups: list with live state, editor, events, and the drill buttons. */
public final class GroupsView implements FeatureView {

  private final GroupsViewModel viewModel;
  private final Parent root;

  @FXML private TableView<GroupRow> table;
  @FXML private TableColumn<GroupRow, String> nameColumn;
  @FXML private TableColumn<GroupRow, String> servingColumn;
  @FXML private TableColumn<GroupRow, String> stateColumn;
  @FXML private TableColumn<GroupRow, String> lastColumn;
  @FXML private TextField nameField;
  @FXML private TextField membersField;
  @FXML private Label profilesHint;
  @FXML private TextField failuresField;
  @FXML private TextField intervalField;
  @FXML private CheckBox automaticBox;
  @FXML private TextField hysteresisField;
  @FXML private Button simulateButton;
  @FXML private Button failBackButton;
  @FXML private Button deleteButton;
  @FXML private ListView<String> eventList;
  @FXML private Label groupStatus;

  public GroupsView(GroupsViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = ViewLoader.load("groups/GroupsView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    show(nameColumn, GroupRow::name);
    show(servingColumn, GroupRow::serving);
    show(stateColumn, GroupRow::state);
    show(lastColumn, GroupRow::last);
    table.setItems(viewModel.rows());
    // Columns as wide as their content; the last switch takes the rest.
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    TableColumns.install(table, "GROUPS");
    table
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (observable, previous, row) -> {
              if (row != null) {
                viewModel.selectedProperty().set(row);
              }
            });
    viewModel
        .selectedProperty()
        .addListener(
            (observable, previous, row) -> {
              if (row == null) {
                table.getSelectionModel().clearSelection();
              } else if (table.getSelectionModel().getSelectedItem() != row) {
                table.getSelectionModel().select(row);
              }
            });
    nameField.textProperty().bindBidirectional(viewModel.nameProperty());
    membersField.textProperty().bindBidirectional(viewModel.membersProperty());
    profilesHint.textProperty().bind(viewModel.profileNamesProperty());
    failuresField.textProperty().bindBidirectional(viewModel.failuresProperty());
    intervalField.textProperty().bindBidirectional(viewModel.intervalSecondsProperty());
    automaticBox.selectedProperty().bindBidirectional(viewModel.automaticFailbackProperty());
    hysteresisField.textProperty().bindBidirectional(viewModel.hysteresisSecondsProperty());
    hysteresisField.disableProperty().bind(automaticBox.selectedProperty().not());
    simulateButton.disableProperty().bind(viewModel.selectedProperty().isNull());
    failBackButton.disableProperty().bind(viewModel.selectedProperty().isNull());
    deleteButton.disableProperty().bind(viewModel.selectedProperty().isNull());
    eventList.setItems(viewModel.events());
    groupStatus.textProperty().bind(viewModel.statusProperty());
  }

  @FXML
  private void onNew() {
    viewModel.newGroup();
  }

  @FXML
  private void onSave() {
    viewModel.save();
  }

  @FXML
  private void onDelete() {
    viewModel.delete();
  }

  @FXML
  private void onSimulate() {
    viewModel.simulateFailover();
  }

  @FXML
  private void onFailBack() {
    viewModel.failBack();
  }

  @Override
  public void shown() {
    viewModel.start();
  }

  @Override
  public void hidden() {
    viewModel.stop();
  }

  @Override
  public void close() {
    viewModel.close();
  }

  private static void show(TableColumn<GroupRow, String> column, Function<GroupRow, String> value) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
  }
}
