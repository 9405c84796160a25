package io.clipdeck.ui.dashboard;

import io.clipdeck.monitor.Alert;
import io.clipdeck.monitor.HistoryPoint;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.Styles;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.fx.ViewLoader;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The active profile's pool and server figures as tiles and charts, the server's sessions with
 * cancel and terminate, and a card for every other open profile and group.
 */
public final class DashboardView implements FeatureView {

  private static final DateTimeFormatter CLOCK_TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final DashboardViewModel viewModel;
  private final Parent root;
  private final Map<LineChart<Number, Number>, Map<String, XYChart.Series<Number, Number>>>
      seriesByChart = new LinkedHashMap<>();

  @FXML private Label heading;
  @FXML private Label healthLine;
  @FXML private Label diagnosisLabel;
  @FXML private VBox alertsBox;
  @FXML private ListView<String> alertHistoryList;
  @FXML private FlowPane tiles;
  @FXML private Label serverLine;
  @FXML private FlowPane serverTiles;
  @FXML private HBox charts;
  @FXML private LineChart<Number, Number> connectionsChart;
  @FXML private LineChart<Number, Number> latencyChart;
  @FXML private LineChart<Number, Number> serverChart;
  @FXML private VBox activityBox;
  @FXML private Button warmButton;
  @FXML private Button cancelButton;
  @FXML private Button terminateButton;
  @FXML private TableView<SessionRow> sessionTable;
  @FXML private TableColumn<SessionRow, String> idColumn;
  @FXML private TableColumn<SessionRow, String> userColumn;
  @FXML private TableColumn<SessionRow, String> applicationColumn;
  @FXML private TableColumn<SessionRow, String> stateColumn;
  @FXML private TableColumn<SessionRow, String> startedColumn;
  @FXML private TableColumn<SessionRow, String> durationColumn;
  @FXML private TableColumn<SessionRow, String> queryColumn;
  @FXML private Label actionResult;
  @FXML private Label cardsHeader;
  @FXML private FlowPane cardTiles;

  public DashboardView(DashboardViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = ViewLoader.load("dashboard/DashboardView.fxml", this);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    heading.textProperty().bind(viewModel.headingProperty());
    healthLine.textProperty().bind(viewModel.healthLineProperty());
    diagnosisLabel.textProperty().bind(viewModel.diagnosisProperty());
    diagnosisLabel.visibleProperty().bind(viewModel.diagnosisProperty().isNotEmpty());
    diagnosisLabel.managedProperty().bind(diagnosisLabel.visibleProperty());
    serverLine.textProperty().bind(viewModel.serverLineProperty());
    showWhen(activityBox, viewModel.hasServerProperty().get());
    viewModel
        .hasServerProperty()
        .addListener((observable, was, server) -> showWhen(activityBox, server));
    KeptTiles.show(tiles, viewModel.figures(), Figure::name, KeptTiles.FigureTile::new);
    KeptTiles.show(serverTiles, viewModel.serverFigures(), Figure::name, KeptTiles.FigureTile::new);
    KeptTiles.show(cardTiles, viewModel.cards(), CardRow::name, KeptTiles.CardTile::new);
    cardsHeader.visibleProperty().bind(Bindings.isNotEmpty(viewModel.cards()));
    cardsHeader.managedProperty().bind(cardsHeader.visibleProperty());
    bindSessions();
    bindAlerts();
    chart(connectionsChart, name -> List.of("active", "idle", "waiting").contains(name));
    chart(
        latencyChart,
        name ->
            name.equals("latency ms")
                || name.equals("avg borrow ms")
                || name.equals("avg query ms"));
    chart(
        serverChart,
        name -> name.endsWith("/s") && !name.startsWith("tuples") && !name.startsWith("block"));
    viewModel.historyProperty().addListener((observable, was, points) -> plot(points));
  }

  private void bindAlerts() {
    showTiles(alertsBox, viewModel.alerts(), this::alertLine);
    alertHistoryList.setItems(viewModel.alertHistory());
    Styles.toggle(healthLine, "alerting", viewModel.alertingProperty());
  }

  private HBox alertLine(Alert alert) {
    Label message =
        new Label(
            CLOCK_TIME.format(alert.raisedAt().atZone(java.time.ZoneId.systemDefault()))
                + "  "
                + alert.message());
    message.setWrapText(true);
    Region gap = new Region();
    HBox.setHgrow(gap, Priority.ALWAYS);
    Button acknowledge = new Button("Acknowledge");
    acknowledge.setOnAction(event -> viewModel.acknowledge(alert));
    HBox line = new HBox(8, message, gap, acknowledge);
    line.setAlignment(Pos.CENTER_LEFT);
    line.getStyleClass().add("alert-line");
    return line;
  }

  private void bindSessions() {
    show(idColumn, row -> String.valueOf(row.id()));
    show(userColumn, SessionRow::user);
    show(applicationColumn, row -> row.clipdeck() ? "★ " + row.application() : row.application());
    show(stateColumn, SessionRow::state);
    show(startedColumn, SessionRow::started);
    show(durationColumn, SessionRow::duration);
    show(queryColumn, SessionRow::query);
    sessionTable.setRowFactory(table -> new SeverityRow());
    sessionTable.setItems(viewModel.sessions());
    TableColumns.install(sessionTable, "DASHBOARD");
    sessionTable
        .getSelectionModel()
        .selectedItemProperty()
        .addListener(
            (observable, previous, row) -> {
              if (row != null) {
                viewModel.selectedSessionProperty().set(row);
              }
            });
    viewModel
        .selectedSessionProperty()
        .addListener(
            (observable, previous, row) -> {
              if (row == null) {
                sessionTable.getSelectionModel().clearSelection();
              } else if (sessionTable.getSelectionModel().getSelectedItem() != row) {
                sessionTable.getSelectionModel().select(row);
              }
            });
    cancelButton.disableProperty().bind(viewModel.canActProperty().not());
    warmButton.disableProperty().bind(viewModel.upProperty().not());
    terminateButton.disableProperty().bind(viewModel.canActProperty().not());
    actionResult.textProperty().bind(viewModel.actionResultProperty());
  }

  private void chart(LineChart<Number, Number> chart, Predicate<String> series) {
    chart.setUserData(series);
    seriesByChart.put(chart, new LinkedHashMap<>());
  }

  /** Redraws each chart's series from the history; x is seconds before the newest point. */
  @SuppressWarnings("unchecked")
  private void plot(List<HistoryPoint> points) {
    if (points.isEmpty()) {
      return;
    }
    var newest = points.getLast().at();
    seriesByChart.forEach(
        (chart, series) -> {
          Predicate<String> wanted = (Predicate<String>) chart.getUserData();
          Map<String, List<XYChart.Data<Number, Number>>> data = new LinkedHashMap<>();
          for (HistoryPoint point : points) {
            double x = -Duration.between(point.at(), newest).toMillis() / 1000.0;
            point.values().entrySet().stream()
                .filter(entry -> wanted.test(entry.getKey()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(
                    entry ->
                        data.computeIfAbsent(entry.getKey(), name -> new ArrayList<>())
                            .add(new XYChart.Data<>(x, entry.getValue())));
          }
          data.forEach(
              (name, values) -> {
                XYChart.Series<Number, Number> line =
                    series.computeIfAbsent(
                        name,
                        key -> {
                          XYChart.Series<Number, Number> created = new XYChart.Series<>();
                          created.setName(key);
                          chart.getData().add(created);
                          return created;
                        });
                line.getData().setAll(values);
              });
        });
    showWhen(serverChart, !seriesByChart.get(serverChart).isEmpty());
  }

  private static <T> void showTiles(Pane pane, ObservableList<T> items, Function<T, Node> tile) {
    Runnable redraw = () -> pane.getChildren().setAll(items.stream().map(tile).toList());
    items.addListener((ListChangeListener<T>) change -> redraw.run());
    redraw.run();
  }

  private static void showWhen(Node node, boolean shown) {
    node.setVisible(shown);
    node.setManaged(shown);
  }

  private static void show(
      TableColumn<SessionRow, String> column, Function<SessionRow, String> value) {
    column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
  }

  @FXML
  private void onWarm() {
    viewModel.warmCache();
  }

  @FXML
  private void onCancel() {
    viewModel.cancelSelected();
  }

  @FXML
  private void onTerminate() {
    viewModel.terminateSelected();
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
    viewModel.stop();
  }

  /** A long-running statement's row is amber past the warning threshold, red past the alert. */
  private static final class SeverityRow extends TableRow<SessionRow> {
    @Override
    protected void updateItem(SessionRow row, boolean empty) {
      super.updateItem(row, empty);
      getStyleClass().removeAll("session-warning", "session-alert");
      if (!empty && row != null) {
        switch (row.severity()) {
          case WARNING -> getStyleClass().add("session-warning");
          case ALERT -> getStyleClass().add("session-alert");
          case NORMAL -> {}
        }
      }
    }
  }
}
