package io.clipdeck.ui.enrich;

import io.clipdeck.enrich.Step;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.JobProgressBar;
import io.clipdeck.ui.fx.SchemaOffer;
import io.clipdeck.ui.fx.Styles;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.fx.ViewLoader;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Pasted links or the browser's selection, the steps, and the run: progress bars per step, rate and
 * ETA, the providers' state, the items, the summary and the history of runs.
 */
public final class EnrichmentView implements FeatureView {

  private final EnrichmentViewModel viewModel;
  private final ProviderConsoleViewModel consoleViewModel;
  private final Parent root;

  @FXML private Label providersLabel;
  @FXML private ProgressIndicator spinner;
  @FXML private TextArea urlsArea;
  @FXML private Button importButton;
  @FXML private Label chosenLabel;
  @FXML private Label problemLabel;
  @FXML private VBox stepBox;
  @FXML private Button startButton;
  @FXML private Button pauseButton;
  @FXML private Button resumeButton;
  @FXML private Button cancelButton;
  @FXML private Button cancelNowButton;
  @FXML private Button retryButton;
  @FXML private Label runLabel;
  @FXML private Label rateLabel;
  @FXML private VBox progressBox;
  @FXML private Label summaryLabel;
  @FXML private TableView<ItemRow> itemTable;
  @FXML private TableColumn<ItemRow, String> videoColumn;
  @FXML private TableColumn<ItemRow, String> stepColumn;
  @FXML private TableColumn<ItemRow, String> stateColumn;
  @FXML private TableColumn<ItemRow, String> attemptsColumn;
  @FXML private TableColumn<ItemRow, String> errorColumn;
  @FXML private ListView<String> providerList;
  @FXML private ListView<String> historyList;
  @FXML private FlowPane consoleBox;
  @FXML private Label consoleStatusLabel;
  @FXML private Label statusLabel;
  @FXML private VBox schemaBox;
  @FXML private Button createSchemaButton;
  @FXML private TextField sampleCountField;
  @FXML private Button sampleButton;

  public EnrichmentView(EnrichmentViewModel viewModel, ProviderConsoleViewModel consoleViewModel) {
    this.viewModel = viewModel;
    this.consoleViewModel = consoleViewModel;
    this.root = ViewLoader.load("enrich/EnrichmentView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void onCreateSchema() {
    viewModel.schemaOffer().ifPresent(SchemaOffer::createSchema);
  }

  @FXML
  private void onLoadSample() {
    viewModel
        .schemaOffer()
        .ifPresent(
            offer -> offer.loadSampleData(SchemaOffer.parseCount(sampleCountField.getText())));
  }

  @FXML
  private void initialize() {
    providersLabel.textProperty().bind(viewModel.providersLineProperty());
    providersLabel.visibleProperty().bind(viewModel.providersLineProperty().isNotEmpty());
    Styles.toggle(providersLabel, "simulated", viewModel.simulatedProperty());
    spinner.visibleProperty().bind(viewModel.busyProperty());
    urlsArea.textProperty().bindBidirectional(viewModel.urlsProperty());
    chosenLabel.textProperty().bind(viewModel.chosenLineProperty());
    showProblems();
    viewModel.importProblems().addListener((ListChangeListener<String>) change -> showProblems());
    for (Step step : Step.values()) {
      CheckBox box = new CheckBox(step.label() + " (" + step.provider().displayName() + ")");
      box.setId("step-" + step.id());
      box.selectedProperty().bindBidirectional(viewModel.stepChosenProperty(step));
      box.disableProperty().bind(viewModel.stepOfferedProperty(step).not());
      stepBox.getChildren().add(box);
    }
    bindActions();
    runLabel.textProperty().bind(viewModel.runLineProperty());
    rateLabel.textProperty().bind(viewModel.rateLineProperty());
    viewModel.progress().addListener((ListChangeListener<ProgressRow>) change -> showProgress());
    showProgress();
    summaryLabel.textProperty().bind(viewModel.summaryLineProperty());
    column(videoColumn, ItemRow::video);
    column(stepColumn, ItemRow::step);
    column(stateColumn, ItemRow::state);
    column(attemptsColumn, item -> String.valueOf(item.attempts()));
    column(errorColumn, ItemRow::lastError);
    itemTable.setItems(viewModel.items());
    TableColumns.install(itemTable, "ENRICHMENT");
    itemTable.setPlaceholder(new Label("No run yet: choose videos and steps, then Start."));
    providerList.setItems(viewModel.providerLines());
    wrapLines(providerList);
    wrapLines(historyList);
    historyList.setItems(viewModel.history());
    historyList.setPlaceholder(new Label("Runs that end appear here."));
    JobProgressBar.above(statusLabel, viewModel.jobs());
    viewModel
        .schemaOffer()
        .ifPresent(
            offer -> {
              schemaBox.visibleProperty().bind(offer.neededProperty());
              schemaBox.managedProperty().bind(offer.neededProperty());
            });
    createSchemaButton.disableProperty().bind(viewModel.jobs().busyProperty());
    sampleButton.disableProperty().bind(viewModel.jobs().busyProperty());
    statusLabel.textProperty().bind(viewModel.statusProperty());
    Styles.toggle(statusLabel, "status-error", viewModel.statusIsErrorProperty());
    ProviderConsolePane.install(consoleViewModel, consoleBox);
    consoleStatusLabel.textProperty().bind(consoleViewModel.statusProperty());
    Styles.toggle(consoleStatusLabel, "status-error", consoleViewModel.statusIsErrorProperty());
  }

  private void bindActions() {
    var busy = viewModel.busyProperty();
    var running = viewModel.runningProperty();
    var paused = viewModel.pausedProperty();
    importButton.disableProperty().bind(busy);
    startButton.disableProperty().bind(busy.or(running));
    pauseButton.disableProperty().bind(busy.or(running.not()).or(paused));
    resumeButton.disableProperty().bind(busy.or(paused.not()));
    cancelButton.disableProperty().bind(busy.or(running.not()));
    cancelNowButton.disableProperty().bind(busy.or(running.not()));
    retryButton.disableProperty().bind(busy.or(viewModel.hasFailuresProperty().not()));
  }

  /** The pasted lines that were skipped, one a line; nothing when all were links. */
  private void showProblems() {
    problemLabel.setText(String.join("\n", viewModel.importProblems()));
    show(problemLabel, !viewModel.importProblems().isEmpty());
  }

  /** One line per progress row: label, bar, counts. */
  private void showProgress() {
    progressBox
        .getChildren()
        .setAll(
            viewModel.progress().stream()
                .map(
                    row -> {
                      Label label = new Label(row.label());
                      label.setMinWidth(150);
                      ProgressBar bar = new ProgressBar(row.fraction());
                      HBox line = new HBox(10, label, bar, new Label(row.counts()));
                      line.setAlignment(Pos.CENTER_LEFT);
                      line.getStyleClass().add("progress-line");
                      return (Node) line;
                    })
                .toList());
  }

  /** Long lines wrap inside the list's width instead of scrolling sideways. */
  private static void wrapLines(ListView<String> list) {
    list.setCellFactory(
        view ->
            new ListCell<>() {
              {
                setWrapText(true);
                prefWidthProperty().bind(view.widthProperty().subtract(24));
              }

              @Override
              protected void updateItem(String line, boolean empty) {
                super.updateItem(line, empty);
                setText(empty ? null : line);
              }
            });
  }

  private static void column(TableColumn<ItemRow, String> column, Function<ItemRow, String> value) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
  }

  private static void show(Node node, boolean shown) {
    node.setVisible(shown);
    node.setManaged(shown);
  }

  @FXML
  private void onImport() {
    viewModel.importUrls();
  }

  @FXML
  private void onStart() {
    viewModel.start();
  }

  @FXML
  private void onPause() {
    viewModel.pause();
  }

  @FXML
  private void onResume() {
    viewModel.resume();
  }

  @FXML
  private void onCancel() {
    viewModel.cancel(true);
  }

  @FXML
  private void onCancelNow() {
    viewModel.cancel(false);
  }

  @FXML
  private void onRetry() {
    viewModel.retryFailed();
  }

  @Override
  public void shown() {
    viewModel.shown();
    consoleViewModel.shown();
  }

  @Override
  public void hidden() {
    viewModel.hidden();
    consoleViewModel.hidden();
  }

  @Override
  public void close() {
    consoleViewModel.hidden();
    viewModel.close();
  }
}
