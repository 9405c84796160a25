package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.sql.ConsoleSession;
import io.clipdeck.sql.Execution;
import io.clipdeck.ui.comfort.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TreeTableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.fxmisc.richtext.CodeArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The SQL console in the real window on the local SQLite profile, against a table Clipdeck did not
 * make: type a query, run it with Ctrl+Enter, see its rows, scroll for more, explain it, and an
 * error that moves the caret. Screenshots in light and dark go to {@code target/screenshots/}, as
 * the other GUI tests' do.
 */
class SqlConsoleGuiTest {

  private static final String QUERY =
      "SELECT * FROM \"Mixed Case\" WHERE id > 2 ORDER BY \"Näme\";";

  @TempDir static Path home;
  private static Stage stage;
  private static ClipdeckApp app;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void fillAndLaunch() throws Exception {
    AppContext.Options options =
        new AppContext.Options(
            AppPaths.under(home), Clock.systemDefaultZone(), Duration.ofSeconds(2), 500, Map.of());
    try (AppContext context = new AppContext(options);
        ConsoleSession session = context.sqlConsole(context.profiles().active()).openSession()) {
      Execution setup =
          session.execute(
              """
              CREATE TABLE "Mixed Case" (id integer PRIMARY KEY, "Näme" text, note text, doc text);
              WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000)
              INSERT INTO "Mixed Case"
              SELECT x, 'Zoë № ' || x, CASE WHEN x % 3 = 0 THEN NULL ELSE 'note ' || x END,
                     '{"n": ' || x || '}'
              FROM c;
              """,
              false);
      while (setup.next().isPresent()) {
        // each statement runs as it is asked for
      }
    }
    stage = FxToolkit.registerPrimaryStage();
    app = (ClipdeckApp) FxToolkit.setupApplication(() -> new ClipdeckApp(() -> options));
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> new FxRobot().lookup("#viewTitle").tryQuery().isPresent());
  }

  @AfterAll
  static void close() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  @Test
  void typesRunsScrollsExplainsAndShowsAnErrorAtItsPlace() throws Exception {
    robot.clickOn("#nav-sql");
    waitFor(
        10, () -> robot.lookup("#viewTitle").queryAs(Label.class).getText().equals("SQL console"));
    CodeArea editor = robot.lookup("#sqlEditor0").queryAs(CodeArea.class);
    robot.interact(editor::clear);
    robot.clickOn(editor);
    robot.write(QUERY);
    waitFor(5, () -> editor.getText().equals(QUERY));
    robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);

    @SuppressWarnings("unchecked")
    TableView<Object[]> table = robot.lookup(".sql-results").queryAs(TableView.class);
    waitFor(10, () -> table.getItems().size() == 200);
    assertThat(onFx(() -> table.getColumns().size())).isEqualTo(4);
    assertThat(onFx(() -> table.getColumns().get(1).getText())).isEqualTo("Näme");
    assertThat(onFx(() -> table.getItems().getFirst()[1])).isEqualTo("Zoë № 10");

    // Scrolled to the bottom, the next window arrives.
    ScrollBar bar =
        onFx(
            () ->
                table.lookupAll(".scroll-bar").stream()
                    .filter(ScrollBar.class::isInstance)
                    .map(ScrollBar.class::cast)
                    .filter(node -> node.getOrientation() == Orientation.VERTICAL)
                    .findFirst()
                    .orElseThrow());
    robot.interact(() -> bar.setValue(bar.getMax()));
    waitFor(10, () -> table.getItems().size() == 400);
    robot.interact(() -> table.scrollTo(0));
    snapshot(Theme.LIGHT, "sql-console-light");
    snapshot(Theme.DARK, "sql-console-dark");

    robot.clickOn("#explainButton");
    @SuppressWarnings("unchecked")
    TreeTableView<Object> plan = robot.lookup(".tree-table-view").queryAs(TreeTableView.class);
    waitFor(10, () -> plan.getRoot() != null);
    waitFor(5, () -> !plan.lookupAll(".plan-expensive").isEmpty());
    snapshot(Theme.LIGHT, "sql-console-plan-light");
    snapshot(Theme.DARK, "sql-console-plan-dark");
    robot.interact(() -> app.comforts().themes().themeProperty().set(Theme.LIGHT));

    // An error: the caret moves to where SQLite says it is.
    String broken = "SELECT 1;\nSELECT * FROM \"Mixed Case\" WHERE id = = 1;";
    robot.interact(
        () -> {
          editor.replaceText(broken);
          editor.moveTo(broken.indexOf("WHERE"));
        });
    robot.clickOn(editor);
    robot.interact(() -> editor.moveTo(broken.indexOf("WHERE")));
    robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
    @SuppressWarnings("unchecked")
    ListView<String> messages = robot.lookup("#messageList").queryAs(ListView.class);
    waitFor(10, () -> messages.getItems().stream().anyMatch(m -> m.startsWith("Error at line 2")));
    assertThat(onFx(editor::getCaretPosition)).isEqualTo(broken.indexOf("="));
  }

  private void snapshot(Theme theme, String name) throws Exception {
    robot.interact(() -> app.comforts().themes().themeProperty().set(theme));
    WaitForAsyncUtils.waitForFxEvents();
    Path shot =
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(stage.getScene(), name))
            .get(10, TimeUnit.SECONDS);
    assertThat(Files.size(shot)).isGreaterThan(10_000);
  }

  private static <T> T onFx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }

  private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(
        seconds,
        TimeUnit.SECONDS,
        () -> WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS));
  }
}
