package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.config.UiState;
import io.clipdeck.config.UiStateStore;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.shell.Section;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.input.MouseButton;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window at 1280×800: every table's headings read in full on every view, and a width the
 * user drags is kept in the UI state and given back to the table when it is built again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TableColumnsGuiTest {

  @TempDir static Path home;
  private static Stage stage;
  private static ClipdeckApp app;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void launch() throws Exception {
    stage = FxToolkit.registerPrimaryStage();
    app =
        (ClipdeckApp)
            FxToolkit.setupApplication(
                () ->
                    new ClipdeckApp(
                        () ->
                            new AppContext.Options(
                                AppPaths.under(home),
                                Clock.systemDefaultZone(),
                                Duration.ofSeconds(2),
                                500,
                                Map.of())));
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> new FxRobot().lookup("#viewTitle").tryQuery().isPresent());
  }

  @AfterAll
  static void close() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  @Test
  @Order(1)
  void everyHeadingOfEveryTableReadsInFull() throws Exception {
    assertThat(onFx(() -> stage.getScene().getWidth())).isEqualTo(1280.0);
    assertThat(onFx(() -> stage.getScene().getHeight())).isEqualTo(800.0);
    fillTheBrowser();
    List<String> cut = new ArrayList<>();
    for (Section section : Section.values()) {
      robot.clickOn("#nav-" + section.name().toLowerCase(Locale.ROOT));
      String title = section.title();
      WaitForAsyncUtils.waitFor(
          10,
          TimeUnit.SECONDS,
          () ->
              onFx(() -> title.equals(robot.lookup("#viewTitle").queryAs(Label.class).getText())));
      try {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(() -> cutHeadings().isEmpty()));
      } catch (java.util.concurrent.TimeoutException e) {
        cut.addAll(
            onFx(TableColumnsGuiTest::cutHeadings).stream().map(h -> title + ": " + h).toList());
      }
      if (section == Section.PROFILES
          || section == Section.DASHBOARD
          || section == Section.BROWSER) {
        WaitForAsyncUtils.asyncFx(
                () ->
                    Screenshots.save(
                        stage.getScene(), "columns-" + section.name().toLowerCase(Locale.ROOT)))
            .get(10, TimeUnit.SECONDS);
      }
    }
    assertThat(cut).as("headings shown cut").isEmpty();
  }

  @Test
  @Order(2)
  void aWidthTheUserDragsIsKeptAndRestored() throws Exception {
    robot.clickOn("#nav-profiles");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> onFx(() -> kindColumn().getWidth() > 0 && cutHeadings().isEmpty()));
    double before = onFx(() -> kindColumn().getWidth());
    Bounds header =
        onFx(() -> headerOf(kindColumn()).localToScreen(headerOf(kindColumn()).getBoundsInLocal()));
    robot
        .moveTo(new javafx.geometry.Point2D(header.getMaxX() - 1, header.getCenterY()))
        .press(MouseButton.PRIMARY)
        .moveBy(40, 0)
        .moveBy(40, 0)
        .release(MouseButton.PRIMARY);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> onFx(() -> kindColumn().getWidth() > before + 40));
    double dragged = onFx(() -> kindColumn().getWidth());

    UiState kept = onFx(() -> app.comforts().remember());
    UiState.TableLayout layout = kept.tables().get("PROFILES/table");
    assertThat(layout).isNotNull();
    assertThat(layout.widths()).containsKey("kindColumn");
    assertThat(layout.widths().get("kindColumn"))
        .isCloseTo(dragged, org.assertj.core.data.Offset.offset(1.0));
    assertThat(layout.order()).startsWith("nameColumn", "kindColumn");

    // Through the file, as at the next start.
    UiStateStore store = new UiStateStore(home.resolve("columns-state.json"), Clock.systemUTC());
    store.save(kept);
    UiState read = store.load().state();
    assertThat(read.tables()).isEqualTo(kept.tables());

    // A table built again, in a window with the read state, gets the width back.
    Stage other =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  TableView<String> table = new TableView<>();
                  table.setId("table");
                  for (String id : List.of("nameColumn", "kindColumn", "environmentColumn")) {
                    TableColumn<String, String> column = new TableColumn<>(id);
                    column.setId(id);
                    table.getColumns().add(column);
                  }
                  table.getItems().add("one");
                  Scene scene = new Scene(table, 900, 300);
                  new TableColumns.Memory(read.tables()).installOn(scene);
                  TableColumns.install(table, "PROFILES");
                  Stage window = new Stage();
                  window.setScene(scene);
                  window.show();
                  return window;
                })
            .get(10, TimeUnit.SECONDS);
    try {
      WaitForAsyncUtils.waitFor(
          10,
          TimeUnit.SECONDS,
          () ->
              onFx(
                  () ->
                      Math.abs(
                              ((TableView<?>) other.getScene().getRoot())
                                      .getColumns()
                                      .get(1)
                                      .getWidth()
                                  - dragged)
                          < 1.0));
    } finally {
      WaitForAsyncUtils.asyncFx(other::close).get(10, TimeUnit.SECONDS);
    }
  }

  /** Migrates the local file and loads a page of sample videos, so the browser has rows. */
  private void fillTheBrowser() throws Exception {
    robot.clickOn("#nav-browser");
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            onFx(
                () ->
                    robot.lookup("#migrateButton").tryQuery().map(Node::isVisible).orElse(false)
                        || robot.lookup("#sampleButton").queryButton().isVisible()));
    if (onFx(() -> robot.lookup("#migrateButton").queryButton().isVisible())) {
      robot.clickOn("#migrateButton");
    }
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            onFx(
                () ->
                    robot.lookup("#sampleButton").queryButton().isVisible()
                        && !robot.lookup("#sampleButton").queryButton().isDisabled()));
    robot.interact(() -> robot.lookup("#sampleCountField").queryAs(TextField.class).setText("300"));
    robot.clickOn("#sampleButton");
    WaitForAsyncUtils.waitFor(
        60,
        TimeUnit.SECONDS,
        () -> onFx(() -> !robot.lookup("#table").queryAs(TableView.class).getItems().isEmpty()));
  }

  private TableColumn<?, ?> kindColumn() {
    TableView<?> table = robot.lookup("#table").queryAs(TableView.class);
    return table.getColumns().stream()
        .filter(c -> "kindColumn".equals(c.getId()))
        .findFirst()
        .orElseThrow();
  }

  private TableColumnHeader headerOf(TableColumn<?, ?> column) {
    for (Node node : column.getTableView().lookupAll(".column-header")) {
      if (node instanceof TableColumnHeader header && header.getTableColumn() == column) {
        return header;
      }
    }
    throw new AssertionError("no header for " + column.getText());
  }

  /** The headings of the tables on screen whose text is shown shortened; call on the FX thread. */
  private static List<String> cutHeadings() {
    List<String> cut = new ArrayList<>();
    Parent root = stage.getScene().getRoot();
    for (Node node : root.lookupAll(".column-header")) {
      if (node instanceof TableColumnHeader header
          && header.getTableColumn() != null
          && header.isVisible()
          && header.getScene() != null
          && header.getTableColumn().isVisible()
          && shown(header)) {
        Label label = (Label) header.lookup(".label");
        Text text = label == null ? null : (Text) label.lookup(".text");
        String full = header.getTableColumn().getText();
        if (text == null || full == null || full.isEmpty()) {
          continue;
        }
        if (!full.equals(text.getText())) {
          cut.add("\"" + full + "\" shown as \"" + text.getText() + "\"");
        }
      }
    }
    return cut;
  }

  /** Whether the header is in the view on screen (not in a hidden tab or a view not shown). */
  private static boolean shown(Node node) {
    for (Node at = node; at != null; at = at.getParent()) {
      if (!at.isVisible()) {
        return false;
      }
    }
    return node.getScene() == stage.getScene();
  }

  private static <T> T onFx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }
}
