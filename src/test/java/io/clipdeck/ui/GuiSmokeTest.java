package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ProfileService;
import io.clipdeck.ui.migrations.MigrationEntry;
import io.clipdeck.ui.shell.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.FlowPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Starts the real application window on a fresh home, visits every view through the navigation
 * rail, uses the controls that work today and keeps a screenshot of each view.
 */
class GuiSmokeTest {

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
                                java.util.Map.of())));
    WaitForAsyncUtils.waitForFxEvents();
  }

  @AfterAll
  static void close() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  @Test
  void everyViewShowsItsTitleAndIsCaptured() throws Exception {
    assertThat(stage.getTitle()).isEqualTo("Clipdeck");
    for (Section section : Section.values()) {
      robot.clickOn("#nav-" + section.name().toLowerCase(Locale.ROOT));
      WaitForAsyncUtils.waitForFxEvents();

      Label title = robot.lookup("#viewTitle").queryAs(Label.class);
      assertThat(title.getText()).isEqualTo(section.title());
      assertThat(title.isVisible()).isTrue();
      if (section == Section.MIGRATIONS) {
        // Its own test keeps the screenshot of the view in use.
        continue;
      }
      if (section == Section.DASHBOARD) {
        // The first refresh fills the tiles from the real pool.
        WaitForAsyncUtils.waitFor(
            10,
            TimeUnit.SECONDS,
            () -> !robot.lookup(".tiles").queryAs(FlowPane.class).getChildren().isEmpty());
      }
      Path shot = snapshot(section.name().toLowerCase(Locale.ROOT));
      assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
  }

  @Test
  void theStatusBarShowsTheLocalProfileUpAndTestConnectionReports() throws Exception {
    robot.clickOn("#nav-profiles");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup(".status-health").queryAs(Label.class).getText().startsWith("Up"));
    assertThat(robot.lookup(".status-profile").queryAs(Label.class).getText())
        .startsWith(ProfileService.DEFAULT_PROFILE);

    robot.clickOn("#testButton");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup(".test-result").queryAs(Label.class).getText().startsWith("Connected"));
    assertThat(robot.lookup(".test-result").queryAs(Label.class).getText())
        .contains("SQLite 3.", "tables");
    snapshot("profiles-tested");
  }

  @Test
  void theFailoverGroupsTabShowsItsEditor() throws Exception {
    robot.clickOn("#nav-profiles");
    TabPane tabs = robot.lookup(".tab-pane").queryAs(TabPane.class);
    robot.interact(() -> tabs.getSelectionModel().selectLast());
    try {
      assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Failover groups");
      assertThat(robot.lookup("#saveGroupButton").queryButton().isVisible()).isTrue();
      snapshot("profiles-groups");
    } finally {
      robot.interact(() -> tabs.getSelectionModel().selectFirst());
    }
  }

  @Test
  void theMigrationsViewPreviewsMigratesAndShowsTheScriptsOfTheLocalProfile() throws Exception {
    robot.clickOn("#nav-migrations");
    @SuppressWarnings("unchecked")
    TableView<MigrationEntry> table = robot.lookup("#table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !table.getItems().isEmpty());
    TextArea preview = robot.lookup("#previewArea").queryAs(TextArea.class);
    Label status = robot.lookup("#statusLabel").queryAs(Label.class);

    robot.clickOn("#dryRunButton");
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> status.getText().contains("nothing was run"));
    assertThat(preview.getText()).contains("CREATE TABLE users");
    snapshot("migrations-dry-run");

    robot.clickOn("#migrateButton");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> status.getText().startsWith("Migrated Local SQLite"));
    assertThat(table.getItems().getFirst().state()).isEqualTo("success");

    robot.clickOn(robot.from(table).lookup(".table-row-cell").<javafx.scene.Node>query());
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> preview.getText().contains("-- down script"));
    assertThat(robot.lookup("#rollbackButton").queryButton().isDisabled()).isFalse();
    snapshot("migrations");
  }

  @Test
  void theLogPaneCanBeHiddenAndShownAgain() throws Exception {
    robot.clickOn("#logToggle");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup(".log-pane").tryQuery()).isEmpty();

    robot.clickOn("#logToggle");
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup(".log-pane").tryQuery()).isPresent();
  }

  private static Path snapshot(String name) throws Exception {
    Scene scene = stage.getScene();
    return WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name)).get(10, TimeUnit.SECONDS);
  }
}
