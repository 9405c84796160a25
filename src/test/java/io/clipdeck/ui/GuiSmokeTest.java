package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Environment;
import io.clipdeck.db.ProfileService;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import io.clipdeck.ui.browser.ClipRow;
import io.clipdeck.ui.browser.VideoRow;
import io.clipdeck.ui.dashboard.SessionRow;
import io.clipdeck.ui.enrich.ItemRow;
import io.clipdeck.ui.migrations.MigrationEntry;
import io.clipdeck.ui.shell.Section;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.FlowPane;
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
 * Starts the real application window on a fresh home, visits every view through the navigation
 * rail, uses the controls that work today and keeps a screenshot of each view.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GuiSmokeTest {

  /** Few: the demo providers keep the real per-minute limits (OpenAI about one chat a second). */
  private static final int ENRICH_VIDEOS = 2;

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
    // The window shows "Loading…" first; its first view is built right after that frame.
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> new FxRobot().lookup("#viewTitle").tryQuery().isPresent());
  }

  @AfterAll
  static void close() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  @Test
  @Order(0) // first, so each view is captured on the local profile as a new user sees it
  void everyViewShowsItsTitleAndIsCaptured() throws Exception {
    assertThat(stage.getTitle()).isEqualTo("Clipdeck");
    for (Section section : Section.values()) {
      robot.clickOn("#nav-" + section.name().toLowerCase(Locale.ROOT));
      WaitForAsyncUtils.waitForFxEvents();

      Label title = robot.lookup("#viewTitle").queryAs(Label.class);
      assertThat(title.getText()).isEqualTo(section.title());
      assertThat(title.isVisible()).isTrue();
      if (section == Section.MIGRATIONS
          || section == Section.BROWSER
          || section == Section.ENRICHMENT) {
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
  @Order(1) // it finds the local file unmigrated; the browser's test migrates it
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
    assertThat(table.getItems()).extracting(MigrationEntry::state).containsOnly("success");

    // Selected through the table (a click can land while the refreshed rows are laid out).
    robot.interact(
        () -> {
          table.getSelectionModel().clearSelection();
          table.getSelectionModel().select(0);
        });
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> preview.getText().contains("-- down script"));
    assertThat(robot.lookup("#rollbackButton").queryButton().isDisabled()).isFalse();
    snapshot("migrations");
  }

  /** A developer's first visit: migrate the local file, fill it, page it, open a video's clips. */
  @Test
  @Order(2)
  void theBrowserMigratesFillsPagesAndShowsAVideosClips() throws Exception {
    robot.clickOn("#nav-browser");
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            robot
                    .lookup("#migrateButton")
                    .tryQuery()
                    .map(javafx.scene.Node::isVisible)
                    .orElse(false)
                || robot.lookup("#sampleButton").queryButton().isVisible());
    if (robot.lookup("#migrateButton").queryButton().isVisible()) {
      WaitForAsyncUtils.waitForFxEvents();
      robot.clickOn("#migrateButton");
    }
    // Enabled once the migration and the page read after it are on screen.
    WaitForAsyncUtils.waitFor(
        20,
        TimeUnit.SECONDS,
        () ->
            robot.lookup("#sampleButton").queryButton().isVisible()
                && !robot.lookup("#sampleButton").queryButton().isDisabled());
    robot.interact(
        () -> robot.lookup("#sampleCountField").queryAs(TextField.class).setText("1500"));
    WaitForAsyncUtils.waitForFxEvents();
    robot.clickOn("#sampleButton");
    @SuppressWarnings("unchecked")
    TableView<VideoRow> videos = robot.lookup("#table").queryAs(TableView.class);
    Label count = robot.lookup("#countLabel").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        60, TimeUnit.SECONDS, () -> count.getText().startsWith("1,500 videos · page 1 of 15"));
    assertThat(videos.getItems()).hasSize(100);

    robot.clickOn("#nextButton");
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> count.getText().endsWith("page 2 of 15"));
    int withClips = videos.getItems().stream().map(VideoRow::clips).toList().indexOf(2L);
    robot.interact(
        () -> {
          videos.scrollTo(withClips);
          videos.getSelectionModel().clearAndSelect(withClips);
        });
    @SuppressWarnings("unchecked")
    ListView<ClipRow> clips = robot.lookup("#clipList").queryAs(ListView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> clips.getItems().size() == 2);
    assertThat(robot.lookup("#timeline").queryAs(javafx.scene.layout.Pane.class).getChildren())
        .hasSize(2);
    snapshot("browser");
  }

  /**
   * Pasted links (one bad line) imported and enriched on the simulated providers until the summary
   * shows; then the browser's "Enrich selected" brings three of its videos back to the view, and
   * "Enrich all matching" its filter.
   */
  @Test
  @Order(3) // after the browser's test migrated the local file
  void pastedLinksAreEnrichedOnTheSimulatedProviders() throws Exception {
    robot.clickOn("#nav-enrichment");
    Label providers = robot.lookup(".providers-label").queryAs(Label.class);
    waitFor(10, () -> providers.getText().startsWith("Simulated providers"));

    String links =
        IntStream.range(0, ENRICH_VIDEOS)
                .mapToObj(i -> String.format(Locale.ROOT, "https://youtu.be/clipdeck%03d?t=5", i))
                .collect(Collectors.joining("\n"))
            + "\nthis is not a link";
    robot.interact(() -> robot.lookup("#urlsArea").queryAs(TextArea.class).setText(links));
    robot.clickOn("#importButton");
    Label chosen = robot.lookup("#chosenLabel").queryAs(Label.class);
    waitFor(
        10, () -> chosen.getText().equals(ENRICH_VIDEOS + " videos chosen from the pasted links"));
    assertThat(robot.lookup("#problemLabel").queryAs(Label.class).getText())
        .isEqualTo("Line 3: not a YouTube video link (this is not a link)");

    robot.clickOn("#startButton");
    Label run = robot.lookup("#runLabel").queryAs(Label.class);
    waitFor(10, () -> run.getText().startsWith("Run 1 · "));
    snapshot("enrichment-running");
    Label summary = robot.lookup("#summaryLabel").queryAs(Label.class);
    waitFor(
        60,
        () ->
            summary
                .getText()
                .equals("Batch processing completed: " + ENRICH_VIDEOS + " successful, 0 failed"));
    @SuppressWarnings("unchecked")
    TableView<ItemRow> items = robot.lookup("#itemTable").queryAs(TableView.class);
    waitFor(10, () -> items.getItems().size() == 2 * ENRICH_VIDEOS);
    assertThat(items.getItems()).allMatch(item -> item.state().equals("done"));
    @SuppressWarnings("unchecked")
    ListView<String> history = robot.lookup("#historyList").queryAs(ListView.class);
    assertThat(history.getItems()).hasSize(1);
    snapshot("enrichment");

    // The browser's selection comes back to the view with "Enrich selected".
    robot.clickOn("#nav-browser");
    @SuppressWarnings("unchecked")
    TableView<VideoRow> videos =
        robot.lookup("#table").queryAllAs(TableView.class).stream()
            .filter(table -> table.getItems().stream().anyMatch(VideoRow.class::isInstance))
            .findFirst()
            .orElseThrow();
    waitFor(10, () -> !videos.getItems().isEmpty());
    robot.interact(
        () -> {
          videos.getSelectionModel().clearSelection();
          videos.getSelectionModel().selectRange(0, 3);
        });
    robot.clickOn("#enrichButton");
    waitFor(10, () -> robot.lookup("#startButton").tryQuery().isPresent());
    waitFor(10, () -> chosen.getText().equals("3 videos chosen from the browser"));

    // "Enrich all matching" hands over the browser's filter (none here), counted by the view.
    robot.clickOn("#nav-browser");
    // Showing the browser reloads its page; the button waits for it (it hands the filter shown).
    waitFor(10, () -> !robot.lookup("#enrichMatchingButton").queryAs(Button.class).isDisabled());
    robot.clickOn("#enrichMatchingButton");
    waitFor(
        10,
        () ->
            chosen.getText().matches("[1-9][0-9,]* videos match the browser's filter: all videos"));
  }

  private static void waitFor(int seconds, java.util.concurrent.Callable<Boolean> condition)
      throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
  }

  /**
   * A DBA's day on the dashboard: a PostgreSQL profile made in the Profiles view, a load of a few
   * looping clients and one long {@code pg_sleep}; the sleeping session is highlighted, the charts
   * have points, and Cancel ends the statement.
   */
  @Test
  void theDashboardShowsAPostgresLoadHighlightsTheSleeperAndCancelsIt() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.postgres()) {
      dashboardUnderLoad(
          scratch.profile(), "#newPostgres", "dashboard-postgres", "dashboard-activity");
    }
  }

  /**
   * The same on MariaDB: the processlist shows the {@code SLEEP(30)} session highlighted and Cancel
   * (KILL QUERY) ends it; MariaDB's SLEEP then returns 1 instead of failing.
   */
  @Test
  void theDashboardShowsAMariadbLoadHighlightsTheSleeperAndCancelsIt() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.mariadb()) {
      dashboardUnderLoad(
          scratch.profile(), "#newMysql", "dashboard-mariadb", "dashboard-mariadb-activity");
    }
  }

  private void dashboardUnderLoad(
      ConnectionProfile profile, String newItem, String screenshot, String activityScreenshot)
      throws Exception {
    try (ServerLoad load = new ServerLoad(profile, 3)) {
      addAndActivateServerProfile(profile, newItem);
      robot.clickOn("#logToggle");
      try {
        robot.clickOn("#nav-dashboard");
        @SuppressWarnings("unchecked")
        TableView<SessionRow> sessions = robot.lookup("#sessionTable").queryAs(TableView.class);
        WaitForAsyncUtils.waitFor(
            30,
            TimeUnit.SECONDS,
            () ->
                sessions.getItems().stream()
                    .anyMatch(
                        row ->
                            row.query().equals(load.sleepStatement())
                                && row.severity() == SessionRow.Severity.WARNING));
        @SuppressWarnings("unchecked")
        LineChart<Number, Number> connections =
            robot.lookup("#connectionsChart").queryAs(LineChart.class);
        // Ticks every 2 s: a few points make a line.
        WaitForAsyncUtils.waitFor(
            20,
            TimeUnit.SECONDS,
            () ->
                !connections.getData().isEmpty()
                    && connections.getData().getFirst().getData().size() >= 4);
        assertThat(load.queries()).isPositive();

        snapshot(screenshot);
        ScrollPane scroller = robot.lookup("#scroller").queryAs(ScrollPane.class);
        // The sleeper's row is found and selected in one FX step: a tick between reading an index
        // and selecting it may reorder the sessions, and Cancel would end another one.
        robot.interact(
            () -> {
              SessionRow sleeper =
                  sessions.getItems().stream()
                      .filter(row -> row.query().equals(load.sleepStatement()))
                      .findFirst()
                      .orElseThrow();
              scroller.setVvalue(scroller.getVmax());
              sessions.scrollTo(sleeper);
              sessions.getSelectionModel().select(sleeper);
            });
        WaitForAsyncUtils.waitForFxEvents();
        snapshot(activityScreenshot);
        robot.clickOn("#cancelButton");

        ServerLoad.SleeperEnd ended = load.sleeperEnded().get(20, TimeUnit.SECONDS);
        if (profile.kind() == DatabaseKind.POSTGRESQL) {
          assertThat(ended.how()).contains("canceling statement due to user request");
        } else {
          // KILL QUERY interrupts SLEEP: an error through Connector/J, or SLEEP returning 1.
          assertThat(ended.how())
              .as("SLEEP interrupted by KILL QUERY")
              .isIn("Query execution was interrupted", "returned 1");
        }
        // Before its own 30 s were up (the cause above already says Cancel ended it).
        assertThat(ended.after()).isLessThan(Duration.ofSeconds(30));
        Label result = robot.lookup("#actionResult").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(
            10, TimeUnit.SECONDS, () -> result.getText().startsWith("Cancelled the statement"));
      } finally {
        robot.clickOn("#logToggle");
        activateLocalProfile();
      }
    }
  }

  private void addAndActivateServerProfile(ConnectionProfile profile, String newItem)
      throws Exception {
    robot.clickOn("#nav-profiles");
    robot.clickOn("#newButton");
    robot.clickOn(newItem);
    WaitForAsyncUtils.waitForFxEvents();
    robot.interact(
        () -> {
          text("#nameField").setText(profile.name());
          text("#hostField").setText(profile.host());
          text("#portField").setText(String.valueOf(profile.port()));
          text("#databaseField").setText(profile.database());
          text("#userField").setText(profile.user());
          // A new profile's environment is chosen, never assumed: the editor saves none without.
          robot
              .lookup("#environmentChoice")
              .<ChoiceBox<Environment>>query()
              .setValue(Environment.DEVELOPMENT);
        });
    robot.clickOn("#saveButton");
    Label status = robot.lookup("#statusLabel").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> status.getText().equals("Saved " + profile.name() + "."));
    robot.clickOn("#activateButton");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () ->
            robot
                .lookup(".status-profile")
                .queryAs(Label.class)
                .getText()
                .startsWith(profile.name()));
  }

  private void activateLocalProfile() throws Exception {
    GuiSteps.activate(robot, ProfileService.DEFAULT_PROFILE);
  }

  /** A field of the profile editor (the groups tab has fields with the same ids). */
  private TextField text(String id) {
    return robot
        .from(robot.lookup("#formGrid").<javafx.scene.Node>query())
        .lookup(id)
        .queryAs(TextField.class);
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
