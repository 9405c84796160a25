package io.clipdeck.ui.shell;

import io.clipdeck.db.HealthReport;
import io.clipdeck.logging.LogBuffer;
import io.clipdeck.logging.StartupTrace;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.fx.ViewLoader;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;

/** The main window: navigation rail, the current view, the log pane and the status bar. */
public final class ShellView implements AutoCloseable {

  private static final DateTimeFormatter LOG_TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final ShellViewModel viewModel;
  private final Function<Section, FeatureView> viewFactory;
  private final Map<Section, FeatureView> views = new EnumMap<>(Section.class);
  private final Parent root;
  private FeatureView current;

  @FXML private VBox navRail;
  @FXML private SplitPane split;
  @FXML private StackPane content;
  @FXML private VBox logPane;
  @FXML private ListView<LogBuffer.Entry> logList;
  @FXML private Circle healthDot;
  @FXML private Label activeProfile;
  @FXML private Label healthText;
  @FXML private MenuButton jobsText;
  @FXML private ToggleButton logToggle;
  @FXML private MenuButton menuButton;

  /**
   * @param viewFactory builds a section's view the first time it is shown
   */
  public ShellView(ShellViewModel viewModel, Function<Section, FeatureView> viewFactory) {
    this.viewModel = viewModel;
    this.viewFactory = viewFactory;
    this.root = ViewLoader.load("shell/ShellView.fxml", this);
  }

  public Parent root() {
    return root;
  }

  /** The window's menu (status bar, right): the app adds theme, shortcuts and About to it. */
  public MenuButton menu() {
    return menuButton;
  }

  /** The view on screen, for the shortcuts that act on it (refresh, search). */
  public Optional<Parent> currentView() {
    return Optional.ofNullable(current).map(FeatureView::root);
  }

  @FXML
  private void initialize() {
    ToggleGroup navigation = new ToggleGroup();
    for (Section section : Section.values()) {
      ToggleButton button = new ToggleButton(section.title());
      button.setId("nav-" + section.name().toLowerCase(java.util.Locale.ROOT));
      button.getStyleClass().add("nav-button");
      button.setMaxWidth(Double.MAX_VALUE);
      button.setTooltip(new Tooltip(section.summary()));
      button.setUserData(section);
      button.setToggleGroup(navigation);
      navRail.getChildren().add(button);
      if (section == viewModel.sectionProperty().get()) {
        button.setSelected(true);
      }
    }
    navigation
        .selectedToggleProperty()
        .addListener(
            (observable, previous, selected) -> {
              if (selected == null) {
                previous.setSelected(true); // one view is always shown
              } else {
                viewModel.sectionProperty().set((Section) selected.getUserData());
              }
            });
    viewModel
        .sectionProperty()
        .addListener(
            (observable, previous, section) -> {
              show(section);
              // A shortcut changed the view: the rail shows which one it is.
              navigation.getToggles().stream()
                  .filter(toggle -> toggle.getUserData() == section)
                  .findFirst()
                  .ifPresent(toggle -> toggle.setSelected(true));
            });
    // The first view is built by showFirstView(), after the window's first frame.
    Label loading = new Label("Loading " + viewModel.sectionProperty().get().title() + "…");
    loading.getStyleClass().add("view-loading");
    content.getChildren().setAll(loading);

    activeProfile.textProperty().bind(viewModel.activeProfileProperty());
    healthText.textProperty().bind(viewModel.healthTextProperty());
    jobsText.textProperty().bind(viewModel.jobsTextProperty());
    new JobsMenu(jobsText, viewModel.jobs(), viewModel::cancelJob);
    viewModel.activeHealthProperty().addListener((observable, previous, health) -> paint(health));
    paint(viewModel.activeHealthProperty().get());

    logList.setItems(viewModel.log());
    logList.setCellFactory(list -> new LogCell());
    viewModel
        .log()
        .addListener(
            (javafx.collections.ListChangeListener<LogBuffer.Entry>)
                change -> logList.scrollTo(viewModel.log().size() - 1));
    logToggle.selectedProperty().bindBidirectional(viewModel.logVisibleProperty());
    viewModel.logVisibleProperty().addListener((observable, was, visible) -> showLog(visible));
    showLog(viewModel.logVisibleProperty().get());
  }

  /**
   * Builds and shows the chosen section's view, unless one is shown already (the user navigated
   * before it was built). The app calls it right after the window's first frame.
   */
  public void showFirstView() {
    if (current == null) {
      show(viewModel.sectionProperty().get());
    }
  }

  private void show(Section section) {
    if (current != null) {
      current.hidden();
    }
    current = views.computeIfAbsent(section, viewFactory);
    StartupTrace.mark("view " + section + " ready");
    content.getChildren().setAll(current.root());
    current.shown();
  }

  /**
   * The window was minimised or restored: the view on screen is told it is hidden or shown, so a
   * view that polls (the dashboard) stops while nobody can see it.
   */
  public void windowMinimised(boolean minimised) {
    if (current == null) {
      return;
    }
    if (minimised) {
      current.hidden();
    } else {
      current.shown();
    }
  }

  private void showLog(boolean visible) {
    if (visible && !split.getItems().contains(logPane)) {
      split.getItems().add(logPane);
      split.setDividerPositions(0.8);
    } else if (!visible) {
      split.getItems().remove(logPane);
    }
  }

  private void paint(HealthReport.Health health) {
    healthDot.getStyleClass().removeAll("health-up", "health-down", "health-unknown");
    healthDot
        .getStyleClass()
        .add(
            switch (health) {
              case UP -> "health-up";
              case DOWN -> "health-down";
              case UNKNOWN -> "health-unknown";
            });
  }

  @Override
  public void close() {
    views.values().forEach(FeatureView::close);
  }

  private static final class LogCell extends ListCell<LogBuffer.Entry> {
    @Override
    protected void updateItem(LogBuffer.Entry entry, boolean empty) {
      super.updateItem(entry, empty);
      getStyleClass().removeAll("log-warn", "log-error");
      if (empty || entry == null) {
        setText(null);
        return;
      }
      setText(
          LOG_TIME.format(entry.time())
              + "  "
              + entry.level()
              + "  "
              + entry.logger()
              + "  "
              + entry.message());
      if (entry.level().equals("WARN")) {
        getStyleClass().add("log-warn");
      } else if (entry.level().equals("ERROR")) {
        getStyleClass().add("log-error");
      }
    }
  }
}
