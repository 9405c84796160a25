package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.ProfileService;
import io.clipdeck.logging.LogBuffer;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Databases without Clipdeck's schema, in the real window: the enrichment view and the browser
 * offer "Create the Clipdeck schema" and "Load sample data" (on an empty SQLite file and an empty
 * PostgreSQL database) instead of empty tables and log warnings; and a long sample-data load shows
 * its progress bar with a growing count, is listed in the status bar, and stops on Cancel with
 * every video written kept whole.
 */
class EmptyDatabaseGuiTest {

  private static final String EMPTY_SQLITE = "Empty SQLite";

  @TempDir static Path home;
  private static Path emptyFile;
  private static ScratchDatabase postgres;
  private static ClipdeckApp app;
  private static Stage stage;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void launch() throws Exception {
    AppContext.Options options =
        new AppContext.Options(
                AppPaths.under(home),
                Clock.systemDefaultZone(),
                Duration.ofSeconds(2),
                500,
                Map.of())
            .withLocalSchemaOnFirstStart();
    postgres = TestDatabases.postgres();
    emptyFile = home.resolve("empty.db");
    try (AppContext context = new AppContext(options)) {
      context.profiles().save(ConnectionProfile.sqlite(EMPTY_SQLITE, emptyFile), Optional.empty());
      context.profiles().save(postgres.profile(), Optional.empty());
    }
    stage = FxToolkit.registerPrimaryStage();
    assertThat(stage).isNotNull();
    app = (ClipdeckApp) FxToolkit.setupApplication(() -> new ClipdeckApp(() -> options));
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> new FxRobot().lookup("#viewTitle").tryQuery().isPresent());
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
  void anEmptySqliteFileIsOfferedTheSchemaThenALongLoadShowsProgressAndStopsOnCancel()
      throws Exception {
    GuiSteps.activate(robot, EMPTY_SQLITE);
    try {
      robot.clickOn("#nav-enrichment");
      waitFor(20, () -> shown("#schemaBox"));
      shoot("enrichment-empty-database");
      robot.clickOn("#createSchemaButton");
      waitFor(30, () -> !shown("#schemaBox"));
      try (Connection connection = sqlite()) {
        assertThat(count(connection, "SELECT COUNT(*) FROM videos")).isZero();
      }

      robot.clickOn("#nav-browser");
      waitFor(20, () -> shown("#emptyBox") && !shown("#migrateBox"));
      loadAndCancel();
    } finally {
      GuiSteps.activate(robot, ProfileService.DEFAULT_PROFILE);
    }
    assertThat(warnings()).isEmpty();
  }

  @Test
  void anEmptyPostgresDatabaseIsOfferedTheSchemaAndSampleDataInTheBrowser() throws Exception {
    GuiSteps.activate(robot, postgres.profile().name());
    try {
      robot.clickOn("#nav-browser");
      waitFor(20, () -> shown("#migrateBox"));
      shoot("browser-empty-database");
      TextField count = robot.lookup("#schemaSampleCountField").queryAs(TextField.class);
      robot.interact(() -> count.setText("300"));
      robot.clickOn("#schemaSampleButton");
      waitFor(60, () -> status().startsWith("Made 300 videos, ") && !shown("#migrateBox"));
      waitFor(20, () -> !shown("#emptyBox"));
      try (Connection connection = postgres()) {
        assertThat(count(connection, "SELECT COUNT(*) FROM videos")).isEqualTo(300);
      }
    } finally {
      GuiSteps.activate(robot, ProfileService.DEFAULT_PROFILE);
    }
    assertThat(warnings()).isEmpty();
  }

  /** 500,000 videos take far longer than this test waits: it sees the count grow, then cancels. */
  private void loadAndCancel() throws Exception {
    Label progress = robot.lookup("#jobProgressText").queryAs(Label.class);
    List<String> counts = new CopyOnWriteArrayList<>();
    ChangeListener<String> watch = (observable, was, now) -> counts.add(now);
    robot.interact(() -> progress.textProperty().addListener(watch));
    TextField size = robot.lookup("#sampleCountField").queryAs(TextField.class);
    robot.interact(() -> size.setText("500000"));
    robot.clickOn("#sampleButton");
    String job = "Loading 500,000 sample videos: ";
    waitFor(60, () -> counts.stream().filter(text -> text.startsWith(job)).distinct().count() >= 2);
    assertThat(shown("#jobProgress")).isTrue();
    shoot("browser-sample-data-progress");
    assertThat(jobsInStatusBar()).startsWith(job);
    robot.clickOn("#jobCancelButton");
    waitFor(60, () -> status().startsWith("Cancelled after ") && !shown("#jobProgress"));
    waitFor(10, () -> jobsInStatusBar().equals("Idle"));
    robot.interact(() -> progress.textProperty().removeListener(watch));

    // The counts grew slice by slice; what was written is whole: every completed video has its
    // two clips, and no usage (written only at the end) was made.
    List<Long> seen =
        counts.stream()
            .filter(text -> text.startsWith(job))
            .map(text -> text.substring(job.length()).split(" of ")[0].replace(",", ""))
            .map(Long::parseLong)
            .toList();
    assertThat(seen).isSorted();
    try (Connection connection = sqlite()) {
      long videos = count(connection, "SELECT COUNT(*) FROM videos");
      long completed = count(connection, "SELECT COUNT(*) FROM videos WHERE status = 'completed'");
      assertThat(videos).isPositive().isLessThan(500_000).isGreaterThanOrEqualTo(seen.getLast());
      assertThat(videos % 1_000).isZero();
      assertThat(count(connection, "SELECT COUNT(*) FROM clips")).isEqualTo(2 * completed);
      assertThat(count(connection, "SELECT COUNT(*) FROM model_usage")).isZero();
      assertThat(status()).contains("after " + videos + " of 500000 sample videos");
    }
  }

  /**
   * Saves the window; no label or button is cut, the view's title and the status bar are inside it,
   * not pushed out.
   */
  private void shoot(String name) throws Exception {
    Scene scene = stage.getScene();
    List<String> cut = new CopyOnWriteArrayList<>();
    double[] edges =
        WaitForAsyncUtils.asyncFx(
                () -> {
                  Screenshots.save(scene, name);
                  LayoutGuiTest.cutIn(scene.getRoot(), name, cut);
                  Node title = scene.lookup("#viewTitle");
                  Node bar = scene.lookup(".status-bar");
                  return new double[] {
                    title.localToScene(title.getBoundsInLocal()).getMinY(),
                    bar.localToScene(bar.getBoundsInLocal()).getMaxY()
                  };
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(cut).isEmpty();
    assertThat(edges[0]).as(name + ": the view's title is inside the window").isNotNegative();
    assertThat(edges[1])
        .as(name + ": the status bar is inside the window")
        .isLessThanOrEqualTo(scene.getHeight() + 0.5);
  }

  private List<String> warnings() throws Exception {
    @SuppressWarnings("unchecked")
    ListView<LogBuffer.Entry> log = robot.lookup("#logList").queryAs(ListView.class);
    return WaitForAsyncUtils.asyncFx(
            () ->
                log.getItems().stream()
                    .filter(
                        entry -> !entry.level().equals("INFO") && !entry.level().equals("DEBUG"))
                    .map(entry -> entry.level() + " " + entry.message())
                    .filter(line -> line.toLowerCase(java.util.Locale.ROOT).contains("schema"))
                    .toList())
        .get(10, TimeUnit.SECONDS);
  }

  private boolean shown(String id) throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () ->
                robot.lookup(id).tryQuery().map(Node::isVisible).orElse(false)
                    && robot.lookup(id).query().getScene() != null
                    && robot.lookup(id).query().isManaged())
        .get(10, TimeUnit.SECONDS);
  }

  private String status() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () ->
                robot.lookup("#statusLabel").queryAllAs(Label.class).stream()
                    .filter(Node::isVisible)
                    .filter(label -> label.getScene() != null)
                    .map(Label::getText)
                    .filter(text -> text != null && !text.isEmpty())
                    .findFirst()
                    .orElse(""))
        .get(10, TimeUnit.SECONDS);
  }

  private String jobsInStatusBar() throws Exception {
    return WaitForAsyncUtils.asyncFx(
            () -> robot.lookup(".status-jobs").queryAs(MenuButton.class).getText())
        .get(10, TimeUnit.SECONDS);
  }

  private static Connection sqlite() throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + emptyFile);
  }

  private static Connection postgres() throws Exception {
    ConnectionProfile profile = postgres.profile();
    return DriverManager.getConnection(
        "jdbc:postgresql://" + profile.host() + ":" + profile.port() + "/" + profile.database(),
        profile.user(),
        "");
  }

  private static long count(Connection connection, String sql) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
  }
}
