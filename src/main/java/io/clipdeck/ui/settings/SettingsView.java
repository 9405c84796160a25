package io.clipdeck.ui.settings;

import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.ViewLoader;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** Settings: dashboard, cache, providers (keys into the secret store), paths. Binds only. */
public final class SettingsView implements FeatureView {

  private final SettingsViewModel viewModel;
  private final Parent root;

  @FXML private TextField refreshField;
  @FXML private TextField windowField;
  @FXML private TextField retentionField;
  @FXML private TextField saturationField;
  @FXML private TextField borrowField;
  @FXML private TextField warningField;
  @FXML private TextField alertField;
  @FXML private TextField redisField;
  @FXML private CheckBox demoBox;
  @FXML private VBox providersBox;
  @FXML private TextField providerErrorRateField;
  @FXML private TextField errorWindowField;
  @FXML private TextField minimumCallsField;
  @FXML private TextField quotaField;
  @FXML private TextField queryErrorRateField;
  @FXML private TextField thumbnailsField;
  @FXML private TextField narrationsField;
  @FXML private Label errorLabel;
  @FXML private Label statusLabel;

  public SettingsView(SettingsViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = ViewLoader.load("settings/SettingsView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    refreshField.textProperty().bindBidirectional(viewModel.refreshIntervalProperty());
    windowField.textProperty().bindBidirectional(viewModel.chartWindowProperty());
    retentionField.textProperty().bindBidirectional(viewModel.retentionProperty());
    saturationField.textProperty().bindBidirectional(viewModel.poolSaturationProperty());
    borrowField.textProperty().bindBidirectional(viewModel.slowBorrowProperty());
    warningField.textProperty().bindBidirectional(viewModel.longQueryWarningProperty());
    alertField.textProperty().bindBidirectional(viewModel.longQueryAlertProperty());
    redisField.textProperty().bindBidirectional(viewModel.redisUrlProperty());
    demoBox.selectedProperty().bindBidirectional(viewModel.demoProvidersProperty());
    thumbnailsField.textProperty().bindBidirectional(viewModel.thumbnailsProperty());
    narrationsField.textProperty().bindBidirectional(viewModel.narrationsProperty());
    errorLabel.textProperty().bind(viewModel.errorProperty());
    statusLabel.textProperty().bind(viewModel.statusProperty());
    for (ProviderForm form : viewModel.providers()) {
      providersBox.getChildren().add(providerGrid(form));
    }
    AlertForm alerts = viewModel.alerts();
    providerErrorRateField.textProperty().bindBidirectional(alerts.providerErrorRateProperty());
    errorWindowField.textProperty().bindBidirectional(alerts.errorWindowProperty());
    minimumCallsField.textProperty().bindBidirectional(alerts.minimumCallsProperty());
    quotaField.textProperty().bindBidirectional(alerts.quotaNearlySpentProperty());
    queryErrorRateField.textProperty().bindBidirectional(alerts.queryErrorRateProperty());
  }

  /** One provider's rows; the fields are disabled while it is, or while the demo answers. */
  private GridPane providerGrid(ProviderForm form) {
    GridPane grid = new GridPane();
    grid.setHgap(10);
    grid.setVgap(6);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(200);
    ColumnConstraints fields = new ColumnConstraints();
    fields.setHgrow(Priority.ALWAYS);
    grid.getColumnConstraints().addAll(labels, fields);
    CheckBox enabled = new CheckBox("enabled");
    enabled.setId("enabled-" + form.id());
    enabled.selectedProperty().bindBidirectional(form.enabledProperty());
    Label title = new Label(form.title());
    title.getStyleClass().add("planned-heading");
    grid.addRow(0, title, enabled);
    grid.addRow(1, new Label("Base URL"), bound(form.id() + "-base-url", form.baseUrlProperty()));
    grid.addRow(2, new Label("Model"), bound(form.id() + "-model", form.modelProperty()));
    grid.addRow(
        3,
        new Label("Requests per minute"),
        bound(form.id() + "-per-minute", form.perMinuteProperty()));
    grid.addRow(
        4, new Label("Requests per hour"), bound(form.id() + "-per-hour", form.perHourProperty()));
    PasswordField key = new PasswordField();
    key.setId(form.id() + "-key");
    key.setPromptText("paste a new key; it goes to the secret store and the field is cleared");
    key.textProperty().bindBidirectional(form.keyProperty());
    Button store = new Button("Store key");
    store.setId(form.id() + "-store-key");
    store.setOnAction(event -> viewModel.storeKey(form));
    key.setOnAction(event -> viewModel.storeKey(form));
    grid.addRow(5, new Label("API key"), key);
    Label state = new Label();
    state.textProperty().bind(form.keyStateProperty());
    state.getStyleClass().add("view-subtitle");
    grid.addRow(6, store, state);
    grid.addRow(
        7,
        new Label("Connections at once"),
        bound(form.id() + "-connections", form.maxConnectionsProperty()));
    int row = 8;
    switch (form.pricedIn()) {
      case TOKENS -> {
        grid.addRow(
            row++,
            new Label("Price per million input tokens ($)"),
            bound(form.id() + "-price-input", form.priceInputProperty()));
        grid.addRow(
            row,
            new Label("Price per million output tokens ($)"),
            bound(form.id() + "-price-output", form.priceOutputProperty()));
      }
      case CHARACTERS ->
          grid.addRow(
              row,
              new Label("Price per thousand characters ($)"),
              bound(form.id() + "-price", form.priceUnitProperty()));
      case IMAGES ->
          grid.addRow(
              row,
              new Label("Price per image ($)"),
              bound(form.id() + "-price", form.priceUnitProperty()));
      case NOTHING -> {
        // YouTube bills in quota units, which the limits above already count.
      }
    }
    grid.getChildren().stream()
        .filter(node -> node != title && node != enabled)
        .forEach(node -> node.disableProperty().bind(form.enabledProperty().not()));
    return grid;
  }

  private static TextField bound(String id, javafx.beans.property.StringProperty property) {
    TextField field = new TextField();
    field.setId(id);
    field.textProperty().bindBidirectional(property);
    return field;
  }

  @FXML
  private void onSave() {
    viewModel.save();
  }

  @FXML
  private void onRevert() {
    viewModel.load();
  }

  @Override
  public void shown() {
    viewModel.load();
  }
}
