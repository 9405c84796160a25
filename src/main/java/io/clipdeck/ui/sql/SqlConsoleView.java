package io.clipdeck.ui.sql;

import io.clipdeck.sql.Column;
import io.clipdeck.sql.ConsoleHistory;
import io.clipdeck.sql.ExplainPlan;
import io.clipdeck.sql.PlanNode;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.fx.ViewLoader;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.util.Duration;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;

/**
 * The SQL console: editor tabs, the run/cancel/explain toolbar, results, messages, plan, history.
 */
public final class SqlConsoleView implements FeatureView {

  private final SqlConsoleViewModel viewModel;
  private final Parent root;
  private final Timeline idleCheck;
  private int tabCount;

  @FXML private Label profileLabel;
  @FXML private Label transactionLabel;
  @FXML private Label idleLabel;
  @FXML private ToggleButton readOnlyToggle;
  @FXML private Button runButton;
  @FXML private Button runScriptButton;
  @FXML private Button cancelButton;
  @FXML private Button explainButton;
  @FXML private Button analyzeButton;
  @FXML private javafx.scene.layout.HBox transactionBox;
  @FXML private ProgressIndicator spinner;
  @FXML private TabPane editorTabs;
  @FXML private TabPane resultTabs;
  @FXML private Tab resultsTab;
  @FXML private Tab messagesTab;
  @FXML private Tab planTab;
  @FXML private TableView<Object[]> resultTable;
  @FXML private Label resultLabel;
  @FXML private ListView<String> messageList;
  @FXML private TreeTableView<PlanNode> planTable;
  @FXML private TreeTableColumn<PlanNode, String> operationColumn;
  @FXML private TreeTableColumn<PlanNode, String> relationColumn;
  @FXML private TreeTableColumn<PlanNode, String> costColumn;
  @FXML private TreeTableColumn<PlanNode, String> estimatedColumn;
  @FXML private TreeTableColumn<PlanNode, String> actualColumn;
  @FXML private TreeTableColumn<PlanNode, String> timeColumn;
  @FXML private TreeTableColumn<PlanNode, String> detailColumn;
  @FXML private TextField historySearch;
  @FXML private ListView<ConsoleHistory.Entry> historyList;
  @FXML private TextField snippetSearch;
  @FXML private TextField snippetName;
  @FXML private Button deleteSnippetButton;
  @FXML private Label snippetStatus;
  @FXML private ListView<ConsoleHistory.Snippet> snippetList;

  public SqlConsoleView(SqlConsoleViewModel viewModel) {
    this.viewModel = viewModel;
    this.root = ViewLoader.load("sql/SqlConsoleView.fxml", this);
    this.idleCheck =
        new Timeline(new KeyFrame(Duration.seconds(5), event -> viewModel.checkIdle()));
    idleCheck.setCycleCount(Timeline.INDEFINITE);
  }

  @Override
  public Parent root() {
    return root;
  }

  @FXML
  private void initialize() {
    profileLabel.textProperty().bind(viewModel.profileLineProperty());
    transactionLabel
        .textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () ->
                    viewModel.autoCommitProperty().get()
                        ? "auto-commit"
                        : viewModel.transactionOpenProperty().get()
                            ? "transaction open"
                            : "manual commit",
                viewModel.autoCommitProperty(),
                viewModel.transactionOpenProperty()));
    idleLabel.textProperty().bind(viewModel.idleWarningProperty());
    idleLabel.visibleProperty().bind(viewModel.idleWarningProperty().isNotEmpty());
    idleLabel.managedProperty().bind(idleLabel.visibleProperty());
    readOnlyToggle.selectedProperty().bindBidirectional(viewModel.readOnlyProperty());
    var running = viewModel.runningProperty();
    runButton.disableProperty().bind(running);
    runScriptButton.disableProperty().bind(running);
    explainButton.disableProperty().bind(running);
    analyzeButton.disableProperty().bind(running);
    cancelButton.disableProperty().bind(running.not());
    spinner.visibleProperty().bind(running);
    transactionBox.visibleProperty().bind(viewModel.autoCommitProperty().not());
    transactionBox.managedProperty().bind(transactionBox.visibleProperty());
    addEditor("SELECT 1;");
    editorTabs.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);

    resultTable.setItems(viewModel.rows());
    TableColumns.install(resultTable, "SQL");
    resultTable.setPlaceholder(new Label("Run a statement to see its rows here"));
    viewModel.columns().addListener((ListChangeListener<Column>) change -> buildColumns());
    resultLabel.textProperty().bind(viewModel.resultLineProperty());
    resultTable.skinProperty().addListener((observable, was, skin) -> watchScrolling());

    messageList.setItems(viewModel.messages());
    messageList.setCellFactory(list -> new MessageCell());
    viewModel
        .messages()
        .addListener(
            (ListChangeListener<String>)
                change -> {
                  messageList.scrollTo(viewModel.messages().size() - 1);
                  if (viewModel.columns().isEmpty() && !viewModel.messages().isEmpty()) {
                    resultTabs.getSelectionModel().select(messagesTab);
                  }
                });
    viewModel
        .errorPositionProperty()
        .addListener(
            (observable, was, position) -> {
              if (position.intValue() >= 0) {
                CodeArea area = currentArea();
                area.moveTo(Math.min(position.intValue(), area.getLength()));
                area.requestFollowCaret();
                area.requestFocus();
                resultTabs.getSelectionModel().select(messagesTab);
              }
            });

    setUpPlan();
    SavedSqlPanes.wire(
        viewModel.saved(),
        historySearch,
        historyList,
        snippetSearch,
        snippetName,
        snippetList,
        this::currentArea);
    snippetStatus.textProperty().bind(viewModel.statusProperty());
    deleteSnippetButton
        .disableProperty()
        .bind(snippetList.getSelectionModel().selectedItemProperty().isNull());
  }

  private void onKey(KeyEvent event) {
    if (event.getCode() == KeyCode.ENTER && event.isShortcutDown()) {
      if (event.isShiftDown()) {
        onRunScript();
      } else {
        onRun();
      }
      event.consume();
    }
  }

  /** The editor of the selected tab. */
  CodeArea currentArea() {
    Tab tab = editorTabs.getSelectionModel().getSelectedItem();
    @SuppressWarnings("unchecked")
    VirtualizedScrollPane<CodeArea> pane = (VirtualizedScrollPane<CodeArea>) tab.getContent();
    return pane.getContent();
  }

  private void addEditor(String text) {
    CodeArea area = new CodeArea();
    area.setId("sqlEditor" + tabCount);
    area.getStyleClass().add("sql-editor");
    area.setParagraphGraphicFactory(LineNumberFactory.get(area));
    area.textProperty().addListener((observable, was, now) -> SqlHighlighter.apply(area));
    area.caretPositionProperty().addListener((observable, was, now) -> SqlHighlighter.apply(area));
    area.replaceText(text);
    Tab tab = new Tab("Query " + (++tabCount), new VirtualizedScrollPane<>(area));
    tab.setClosable(editorTabs.getTabs().size() > 0);
    editorTabs.getTabs().add(tab);
    editorTabs.getSelectionModel().select(tab);
  }

  private void buildColumns() {
    resultTable.getColumns().clear();
    List<Column> columns = viewModel.columns();
    for (int i = 0; i < columns.size(); i++) {
      int index = i;
      Column column = columns.get(i);
      TableColumn<Object[], Object> tableColumn = new TableColumn<>(column.name());
      tableColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()[index]));
      tableColumn.setCellFactory(c -> new ValueCell(column.numeric()));
      int widest = column.name().length();
      for (Object[] row : viewModel.rows().subList(0, Math.min(50, viewModel.rows().size()))) {
        widest = Math.max(widest, row[index] == null ? 4 : row[index].toString().length());
      }
      tableColumn.setPrefWidth(Math.max(70, Math.min(360, widest * 8.5 + 28)));
      tableColumn.setSortable(false);
      resultTable.getColumns().add(tableColumn);
    }
    if (!columns.isEmpty()) {
      resultTabs.getSelectionModel().select(resultsTab);
      resultTable.scrollTo(0);
    }
  }

  /** Scrolling to the bottom fetches the next window. */
  private void watchScrolling() {
    for (Node node : resultTable.lookupAll(".scroll-bar")) {
      if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.VERTICAL) {
        bar.valueProperty()
            .addListener(
                (observable, was, value) -> {
                  if (value.doubleValue() >= bar.getMax() && bar.getMax() > 0) {
                    viewModel.fetchMore();
                  }
                });
      }
    }
  }

  private void setUpPlan() {
    operationColumn.setCellValueFactory(text(PlanNode::operation));
    relationColumn.setCellValueFactory(text(PlanNode::relation));
    costColumn.setCellValueFactory(text(node -> number(node.cost())));
    estimatedColumn.setCellValueFactory(text(node -> number(node.rowsEstimated())));
    actualColumn.setCellValueFactory(text(node -> number(node.rowsActual())));
    timeColumn.setCellValueFactory(text(node -> number(node.timeMs())));
    detailColumn.setCellValueFactory(text(PlanNode::detail));
    planTable.setPlaceholder(new Label("Explain a statement to see its plan here"));
    TableColumns.install(planTable, "SQL");
    planTable.setRowFactory(
        table ->
            new TreeTableRow<>() {
              @Override
              protected void updateItem(PlanNode node, boolean empty) {
                super.updateItem(node, empty);
                getStyleClass().remove("plan-expensive");
                if (!empty && node != null && node.mostExpensive()) {
                  getStyleClass().add("plan-expensive");
                }
              }
            });
    viewModel
        .planProperty()
        .addListener(
            (observable, was, plan) -> {
              planTable.setRoot(plan == null ? null : item(plan.root()));
              if (plan != null) {
                resultTabs.getSelectionModel().select(planTab);
              }
            });
  }

  private static TreeItem<PlanNode> item(PlanNode node) {
    TreeItem<PlanNode> item = new TreeItem<>(node);
    node.children().forEach(child -> item.getChildren().add(item(child)));
    item.setExpanded(true);
    return item;
  }

  private static javafx.util.Callback<
          TreeTableColumn.CellDataFeatures<PlanNode, String>,
          javafx.beans.value.ObservableValue<String>>
      text(Function<PlanNode, String> value) {
    return cell -> {
      PlanNode node = cell.getValue().getValue();
      String text = node == null ? null : value.apply(node);
      return new ReadOnlyStringWrapper(text == null ? "" : text);
    };
  }

  private static String number(Double value) {
    if (value == null) {
      return null;
    }
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? String.format(Locale.ROOT, "%,d", value.longValue())
        : String.format(Locale.ROOT, "%,.2f", value);
  }

  /** The last plan shown, for tests. */
  ExplainPlan plan() {
    return viewModel.planProperty().get();
  }

  @FXML
  private void onRun() {
    CodeArea area = currentArea();
    viewModel.runStatementAt(area.getText(), area.getCaretPosition());
  }

  @FXML
  private void onRunScript() {
    viewModel.runScript(currentArea().getText());
  }

  @FXML
  private void onCancel() {
    viewModel.cancel();
  }

  @FXML
  private void onExplain() {
    CodeArea area = currentArea();
    viewModel.explain(area.getText(), area.getCaretPosition(), false);
  }

  @FXML
  private void onAnalyze() {
    CodeArea area = currentArea();
    viewModel.explain(area.getText(), area.getCaretPosition(), true);
  }

  @FXML
  private void onCommit() {
    viewModel.commit();
  }

  @FXML
  private void onRollback() {
    viewModel.rollback();
  }

  @FXML
  private void onSaveSnippet() {
    CodeArea area = currentArea();
    viewModel.saveSnippet(area.getText(), area.getCaretPosition(), area.getSelectedText());
  }

  @FXML
  private void onDeleteSnippet() {
    ConsoleHistory.Snippet snippet = snippetList.getSelectionModel().getSelectedItem();
    if (snippet != null) {
      viewModel.saved().deleteSnippet(snippet);
    }
  }

  @FXML
  private void onNewTab() {
    addEditor("");
    currentArea().requestFocus();
  }

  @Override
  public void shown() {
    idleCheck.play();
    viewModel.searchHistory();
  }

  @Override
  public void hidden() {
    idleCheck.stop();
  }

  @Override
  public void close() {
    idleCheck.stop();
    viewModel.close();
  }

  /**
   * A value: NULL in muted italics, numbers on the right, one line. NULL is a pseudo-class, not a
   * style class: a cell changes it on every scroll, and a changed style class makes JavaFX match
   * the cell's whole style again, which kept the FX thread busy while results streamed.
   */
  private static final class ValueCell extends TableCell<Object[], Object> {
    private static final PseudoClass NULL = PseudoClass.getPseudoClass("sql-null");
    private final boolean numeric;

    ValueCell(boolean numeric) {
      this.numeric = numeric;
      if (numeric) {
        setStyle("-fx-alignment: CENTER-RIGHT;");
      }
    }

    @Override
    protected void updateItem(Object value, boolean empty) {
      super.updateItem(value, empty);
      pseudoClassStateChanged(NULL, !empty && value == null);
      if (empty) {
        setText(null);
      } else if (value == null) {
        setText("NULL");
      } else {
        String text = value.toString();
        int newline = text.indexOf('\n');
        setText(newline < 0 ? text : text.substring(0, newline) + " …");
      }
    }
  }

  private static final class MessageCell extends ListCell<String> {
    @Override
    protected void updateItem(String message, boolean empty) {
      super.updateItem(message, empty);
      getStyleClass().remove("sql-error");
      setText(empty ? null : message);
      if (!empty && message != null && message.startsWith("Error")) {
        getStyleClass().add("sql-error");
      }
    }
  }
}
