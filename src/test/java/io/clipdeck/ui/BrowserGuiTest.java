package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.data.SampleData;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.ProfileService;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import io.clipdeck.ui.browser.ClipRow;
import io.clipdeck.ui.browser.VideoRow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The browser on 200,000 sample videos, in the real window, on the local SQLite file and on
 * PostgreSQL: scroll past the first page (placeholder rows until the next one comes), jump to the
 * last page, filter, open a video with clips, edit and save it. (The export's save dialog is the
 * toolkit's own window, which the robot cannot type into under Xvfb; the view-model tests export
 * CSV and JSON.)
 */
class BrowserGuiTest {

  private static final Logger LOG = LoggerFactory.getLogger(BrowserGuiTest.class);

  /**
   * 200,000 for the full run ({@code -Dclipdeck.test.browserVideos=200000}); the default run makes
   * 20,000 (filling takes about a minute per database at 200,000 on a loaded 2-core machine).
   */
  static final int VIDEOS = Integer.getInteger("clipdeck.test.browserVideos", 20_000);

  @TempDir static Path home;
  private static Stage stage;
  private static ClipdeckApp app;
  private static ScratchDatabase postgres;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void fillAndLaunch() throws Exception {
    AppContext.Options options =
        new AppContext.Options(
            AppPaths.under(home), Clock.systemDefaultZone(), Duration.ofSeconds(2), 500, Map.of());
    postgres = TestDatabases.postgres();
    try (AppContext context = new AppContext(options)) {
      fill(context, context.profiles().active());
      context.profiles().save(postgres.profile(), Optional.empty());
      fill(context, postgres.profile());
    }
    stage = FxToolkit.registerPrimaryStage();
    app = (ClipdeckApp) FxToolkit.setupApplication(() -> new ClipdeckApp(() -> options));
    WaitForAsyncUtils.waitForFxEvents();
    // The window shows "Loading…" first; its first view is built right after that frame.
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> new FxRobot().lookup("#viewTitle").tryQuery().isPresent());
  }

  /** Migrates and fills one profile through the data layer's batch path, timed. */
  private static void fill(AppContext context, ConnectionProfile profile) {
    long start = System.nanoTime();
    var outcome = context.migrations(profile).migrate(Optional.empty(), step -> {});
    assertThat(outcome.failure()).isEmpty();
    // Chunks of 10,000: fewer commits, each one a disk sync on SQLite.
    new SampleData(context.data(profile), Clock.systemUTC(), 10_000)
        .generate(new SampleData.Spec(VIDEOS / 500, VIDEOS, 2, 3, 42), (chunk, done, total) -> {});
    LOG.info(
        "{}: migrated and filled with {} videos in {} ms",
        profile.name(),
        VIDEOS,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  @AfterAll
  static void close() throws Exception {
    try {
      FxToolkit.cleanupApplication(app);
      FxToolkit.cleanupStages();
    } finally {
      postgres.close();
    }
  }

  @Test
  void onSqlite() throws Exception {
    browse(ProfileService.DEFAULT_PROFILE, "browser-sqlite");
  }

  @Test
  void onPostgres() throws Exception {
    GuiSteps.activate(robot, postgres.profile().name());
    try {
      browse(postgres.profile().name(), "browser-postgres");
    } finally {
      GuiSteps.activate(robot, ProfileService.DEFAULT_PROFILE);
    }
  }

  private void browse(String profile, String shot) throws Exception {
    long start = System.nanoTime();
    robot.clickOn("#nav-browser");
    // The other database's test may have left a filter on.
    robot.interact(
        () -> {
          robot.lookup("#statusChoice").<ChoiceBox<?>>query().setValue(null);
          robot.lookup("#searchField").queryAs(TextField.class).setText("");
          robot.lookup("#refreshButton").queryButton().fire();
        });
    @SuppressWarnings("unchecked")
    TableView<VideoRow> table = robot.lookup("#table").queryAs(TableView.class);
    Label count = robot.lookup("#countLabel").queryAs(Label.class);
    String pages = String.format(Locale.ROOT, "%,d", VIDEOS / 100);
    waitFor(
        20,
        () ->
            count
                .getText()
                .equals(String.format(Locale.ROOT, "%,d videos · page 1 of %s", VIDEOS, pages)));

    // Scrolled to the bottom: Loading… rows at once, the next page in their place soon after.
    ScrollBar bar =
        robot.lookup(".scroll-bar").queryAllAs(ScrollBar.class).stream()
            .filter(node -> node.getOrientation() == Orientation.VERTICAL)
            .filter(node -> isInside(node, table))
            .findFirst()
            .orElseThrow();
    List<VideoRow> whileLoading =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  bar.setValue(bar.getMax());
                  List<VideoRow> now = List.copyOf(table.getItems());
                  table.scrollTo(now.size() - 1);
                  Screenshots.save(stage.getScene(), shot + "-loading");
                  return now;
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(whileLoading).hasSize(103);
    assertThat(whileLoading.getLast().title()).isEqualTo("Loading…");
    waitFor(10, () -> count.getText().endsWith("pages 1–2 of " + pages));
    assertThat(table.getItems()).hasSize(200).noneMatch(VideoRow::isPlaceholder);

    robot.clickOn("#lastButton");
    waitFor(10, () -> count.getText().endsWith("page " + pages + " of " + pages));
    assertThat(table.getItems()).hasSize(100);
    assertThat(robot.lookup("#nextButton").queryButton().isDisabled()).isTrue();

    // Filter: completed videos with "river" in the title.
    robot.interact(
        () -> {
          @SuppressWarnings("unchecked")
          ChoiceBox<Object> status = robot.lookup("#statusChoice").queryAs(ChoiceBox.class);
          status.getItems().stream()
              .filter(item -> item != null && item.toString().equals("COMPLETED"))
              .findFirst()
              .ifPresent(status::setValue);
          robot.lookup("#searchField").queryAs(TextField.class).setText("river");
        });
    // The search applies a moment after typing stops.
    waitFor(
        10,
        () ->
            count.getText().contains(String.format(Locale.ROOT, "match of %,d", VIDEOS))
                && !table.getItems().isEmpty()
                && table.getItems().stream()
                    .allMatch(
                        row -> row.status().equals("completed") && row.title().contains("iver")));
    assertThat(count.getText()).contains("· page 1 of ");

    // A video with its two clips, edited and saved.
    VideoRow chosen =
        table.getItems().stream().filter(row -> row.clips() == 2).findFirst().orElseThrow();
    robot.interact(
        () -> table.getSelectionModel().clearAndSelect(table.getItems().indexOf(chosen)));
    @SuppressWarnings("unchecked")
    ListView<ClipRow> clips = robot.lookup("#clipList").queryAs(ListView.class);
    waitFor(10, () -> clips.getItems().size() == 2);
    robot.interact(
        () -> robot.lookup("#titleField").queryAs(TextField.class).setText("River, edited"));
    robot.clickOn("#saveButton");
    Label status = robot.lookup("#statusLabel").queryAs(Label.class);
    waitFor(10, () -> status.getText().equals("Saved " + chosen.videoId() + "."));
    waitFor(
        10, () -> table.getItems().stream().anyMatch(row -> row.title().equals("River, edited")));
    robot.interact(
        () ->
            table.getItems().stream()
                .filter(row -> row.id() == chosen.id())
                .findFirst()
                .ifPresent(
                    row ->
                        table.getSelectionModel().clearAndSelect(table.getItems().indexOf(row))));
    waitFor(10, () -> clips.getItems().size() == 2);
    snapshot(shot);

    LOG.info(
        "{}: browsed, filtered and edited in {} ms",
        profile,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static boolean isInside(Node node, Node parent) {
    for (Node at = node; at != null; at = at.getParent()) {
      if (at == parent) {
        return true;
      }
    }
    return false;
  }

  private static void waitFor(int seconds, java.util.concurrent.Callable<Boolean> condition)
      throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
  }

  private static Path snapshot(String name) throws Exception {
    Scene scene = stage.getScene();
    Path shot =
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name)).get(10, TimeUnit.SECONDS);
    assertThat(Files.size(shot)).isGreaterThan(10_000);
    return shot;
  }
}
