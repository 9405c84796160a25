package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.ProfileService;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import io.clipdeck.ui.browser.ClipRow;
import io.clipdeck.ui.browser.VideoRow;
import io.clipdeck.ui.fx.AnsweringSaveTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
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
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.ScrollEvent;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The browser on 200,000 sample videos, in the real window, on the local SQLite file and on
 * PostgreSQL: scroll past the first page (placeholder rows until the next one comes), jump to the
 * last page, filter, export the filter to CSV and JSON through the buttons, open a video with
 * clips, edit and save it. The export's "where to save" is answered by {@link AnsweringSaveTargets}
 * (the toolkit's save dialog is a native window the robot cannot type into under Xvfb).
 */
class BrowserGuiTest {

  /**
   * 200,000 per database, the size the browser is specified for; {@code
   * -Dclipdeck.test.browserVideos=N} for another count.
   */
  static final int VIDEOS = Integer.getInteger("clipdeck.test.browserVideos", 200_000);

  /** The columns of the CSV export, in order. */
  private static final List<String> CSV_HEADER =
      List.of(
          "id",
          "video_id",
          "user_id",
          "url",
          "title",
          "status",
          "duration_s",
          "processing_time_s",
          "error",
          "created_at",
          "updated_at");

  /** The fields of each object of the JSON export. */
  private static final List<String> JSON_FIELDS =
      List.of(
          "id",
          "video_id",
          "user_id",
          "url",
          "title",
          "description",
          "status",
          "duration_s",
          "processing_time_s",
          "thumbnail_path",
          "narration_path",
          "error",
          "created_at",
          "updated_at");

  private static final AnsweringSaveTargets SAVE_TARGETS = new AnsweringSaveTargets();

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
    app =
        (ClipdeckApp)
            FxToolkit.setupApplication(() -> new ClipdeckApp(() -> options, SAVE_TARGETS));
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
    // On standard error, not the log: the figure the default size is chosen by (see browser.md).
    System.err.printf(
        Locale.ROOT,
        "BrowserGuiTest: %s migrated and filled with %,d videos in %,d ms%n",
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
                  scrollToTheBottom(table, bar);
                  List<VideoRow> now = List.copyOf(table.getItems());
                  Screenshots.save(stage.getScene(), shot + "-loading");
                  return now;
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(whileLoading).hasSize(103);
    assertThat(whileLoading.getLast().title()).isEqualTo("Loading…");
    waitFor(10, () -> count.getText().endsWith("pages 1–2 of " + pages));
    assertThat(itemsOf(table)).hasSize(200).noneMatch(VideoRow::isPlaceholder);
    scrollPastTheBound(table, bar, count, pages);

    robot.clickOn("#lastButton");
    waitFor(10, () -> count.getText().endsWith("page " + pages + " of " + pages));
    assertThat(itemsOf(table)).hasSize(100);
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
    exportTheFilter(table, count, home.resolve("exports-" + shot));

    // A video with its two clips, edited and saved.
    VideoRow chosen =
        itemsOf(table).stream().filter(row -> row.clips() == 2).findFirst().orElseThrow();
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

    System.err.printf(
        Locale.ROOT,
        "BrowserGuiTest: %s browsed, filtered, exported and edited in %,d ms%n",
        profile,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  /**
   * Scrolls on to page 11: the table keeps 10 pages, so the first goes, in one change with the
   * placeholders, and the row the user scrolled to stays on screen (without that the table would
   * jump a page down).
   */
  private void scrollPastTheBound(
      TableView<VideoRow> table, ScrollBar bar, Label count, String pages) throws Exception {
    VideoRow lastBeforeDrop = null;
    for (int page = 3; page <= 11; page++) {
      VideoRow lastReal =
          WaitForAsyncUtils.asyncFx(
                  () -> {
                    VideoRow last = table.getItems().getLast();
                    scrollToTheBottom(table, bar);
                    return last;
                  })
              .get(10, TimeUnit.SECONDS);
      String expected =
          page <= 10 ? "pages 1–" + page + " of " + pages : "pages 2–" + page + " of " + pages;
      try {
        waitFor(10, () -> count.getText().endsWith(expected));
      } catch (java.util.concurrent.TimeoutException e) {
        String state =
            WaitForAsyncUtils.asyncFx(
                    () ->
                        "the count line says '"
                            + count.getText()
                            + "'; "
                            + table.getItems().size()
                            + " rows, the last a placeholder: "
                            + table.getItems().getLast().isPlaceholder()
                            + "; scroll bar at "
                            + bar.getValue()
                            + " of "
                            + bar.getMax()
                            + "; table "
                            + table.getHeight()
                            + " px high")
                .get(10, TimeUnit.SECONDS);
        throw new AssertionError(
            "Scrolling to the bottom did not load page " + page + ": " + state, e);
      }
      lastBeforeDrop = lastReal;
    }
    assertThat(itemsOf(table)).hasSize(1_000).noneMatch(VideoRow::isPlaceholder);
    VideoRow kept = lastBeforeDrop;
    try {
      waitFor(10, () -> visibleRows(table).contains(kept));
    } catch (java.util.concurrent.TimeoutException e) {
      List<VideoRow> visible = visibleRows(table);
      throw new AssertionError(
          "The row scrolled to ("
              + kept.videoId()
              + ", now at index "
              + table.getItems().indexOf(kept)
              + ") is not on screen; the rows on screen are at "
              + (visible.isEmpty()
                  ? "none"
                  : table.getItems().indexOf(visible.getFirst())
                      + "–"
                      + table.getItems().indexOf(visible.getLast()))
              + " of "
              + table.getItems().size()
              + "; the count line says '"
              + count.getText()
              + "'",
          e);
    }
  }

  /** The table's rows as they are between two of the view's updates (read on the FX thread). */
  private static List<VideoRow> itemsOf(TableView<VideoRow> table) throws Exception {
    return WaitForAsyncUtils.asyncFx(() -> List.copyOf(table.getItems())).get(10, TimeUnit.SECONDS);
  }

  /** The rows the table shows (its visible row cells' items), top to bottom. */
  private List<VideoRow> visibleRows(TableView<VideoRow> table) {
    return robot.lookup(".table-row-cell").queryAllAs(TableRow.class).stream()
        .filter(row -> row.isVisible() && row.getItem() != null && isInside(row, table))
        .sorted(java.util.Comparator.comparingInt(row -> row.getIndex()))
        .map(row -> (VideoRow) row.getItem())
        .toList();
  }

  /**
   * Exports the filter on screen to CSV and to JSON through the buttons, waits until each is
   * written, and reads the files back: as many videos as the count line says, in the table's order,
   * every one matching the filter.
   */
  private void exportTheFilter(TableView<VideoRow> table, Label count, Path into) throws Exception {
    Files.createDirectories(into);
    SAVE_TARGETS.directory = into;
    String[] shown =
        WaitForAsyncUtils.asyncFx(
                () -> new String[] {count.getText(), table.getItems().getFirst().videoId()})
            .get(10, TimeUnit.SECONDS);
    long matching = Long.parseLong(shown[0].split(" ", 2)[0].replace(",", ""));
    String firstShown = shown[1];
    Label status = robot.lookup("#statusLabel").queryAs(Label.class);

    Path csv = into.resolve("videos.csv");
    exportThrough("#exportButton", status, csv, matching);
    List<List<String>> records = csvRecords(Files.readString(csv));
    assertThat(records.getFirst()).isEqualTo(CSV_HEADER);
    List<List<String>> videos = records.subList(1, records.size());
    assertThat(videos).hasSize((int) matching);
    assertThat(videos).allMatch(fields -> fields.size() == CSV_HEADER.size());
    int title = CSV_HEADER.indexOf("title");
    int state = CSV_HEADER.indexOf("status");
    assertThat(videos)
        .allMatch(
            fields ->
                fields.get(state).equals("completed")
                    && fields.get(title).toLowerCase(Locale.ROOT).contains("river"));
    assertThat(videos.getFirst().get(CSV_HEADER.indexOf("video_id"))).isEqualTo(firstShown);

    Path json = into.resolve("videos.json");
    exportThrough("#exportJsonButton", status, json, matching);
    JsonNode array = new ObjectMapper().readTree(json.toFile());
    assertThat(array.isArray()).isTrue();
    assertThat(array).hasSize((int) matching);
    for (JsonNode video : array) {
      List<String> fields = new ArrayList<>();
      for (Iterator<String> names = video.fieldNames(); names.hasNext(); ) {
        fields.add(names.next());
      }
      assertThat(fields).isEqualTo(JSON_FIELDS);
      assertThat(video.get("status").asText()).isEqualTo("completed");
      assertThat(video.get("created_at").asText()).endsWith("Z");
    }
    assertThat(array.get(0).get("video_id").asText()).isEqualTo(firstShown);
    assertThat(SAVE_TARGETS.questions)
        .contains(
            "Export the videos of the current filter (videos.csv, CSV)",
            "Export the videos of the current filter (videos.json, JSON)");
    try (var left = Files.list(into)) {
      assertThat(left.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder("videos.csv", "videos.json"); // no .part left behind
    }
  }

  /**
   * Presses an export button once it is on and waits until the background export has written {@code
   * file} (it appears whole: the export renames its {@code .part} at the end) and said so. The
   * status line is watched rather than polled: a later line (a reload's) may replace it before a
   * poll sees it.
   */
  private void exportThrough(String button, Label status, Path file, long matching)
      throws Exception {
    String done = "Exported " + matching + " videos to " + file + ".";
    List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
    javafx.beans.value.ChangeListener<String> watch = (observable, was, now) -> said.add(now);
    robot.interact(() -> status.textProperty().addListener(watch));
    try {
      // The export buttons are off while a read runs (the filter's page, the selected video's
      // clips): a click then does nothing, as it would for a user.
      waitFor(10, () -> !robot.lookup(button).queryButton().isDisabled());
      robot.clickOn(button);
      try {
        waitFor(
            60,
            () ->
                said.contains(done)
                    && Files.exists(file)
                    && !robot.lookup(button).queryButton().isDisabled());
      } catch (java.util.concurrent.TimeoutException e) {
        throw new AssertionError(
            "No '"
                + done
                + "' within 60 s; the status line said "
                + said
                + "; "
                + file
                + " exists: "
                + Files.exists(file),
            e);
      }
    } finally {
      robot.interact(() -> status.textProperty().removeListener(watch));
    }
  }

  /** RFC 4180 records: fields split on commas outside quotes, {@code ""} inside quotes. */
  private static List<List<String>> csvRecords(String text) {
    List<List<String>> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
          i++;
        }
        fields.add(field.toString());
        field.setLength(0);
        records.add(fields);
        fields = new ArrayList<>();
      } else {
        field.append(c);
      }
    }
    if (!field.isEmpty() || !fields.isEmpty()) {
      fields.add(field.toString());
      records.add(fields);
    }
    return records;
  }

  /**
   * What a user does to see more, on the FX thread: drags the thumb to the bottom of the bar, then
   * turns the wheel down once more (the drag is a programmatic move here, which the view rightly
   * ignores). The table is laid out first: a page that has just arrived is not laid out until the
   * next pulse.
   */
  private static void scrollToTheBottom(TableView<VideoRow> table, ScrollBar bar) {
    table.applyCss();
    table.layout();
    bar.setValue(bar.getMax());
    table.fireEvent(
        new ScrollEvent(
            ScrollEvent.SCROLL,
            0,
            0,
            0,
            0,
            false,
            false,
            false,
            false,
            false,
            false,
            0,
            -40,
            0,
            -40,
            ScrollEvent.HorizontalTextScrollUnits.NONE,
            0,
            ScrollEvent.VerticalTextScrollUnits.NONE,
            0,
            0,
            null));
  }

  private static boolean isInside(Node node, Node parent) {
    for (Node at = node; at != null; at = at.getParent()) {
      if (at == parent) {
        return true;
      }
    }
    return false;
  }

  /**
   * Waits until {@code condition} holds, evaluated on the FX thread: between two of the view's
   * updates, never halfway through one. (Read from the test's thread, a page's rows could be seen
   * with the count line of the page before, as the view sets the rows first; seen in CI under load,
   * the export then expected the earlier filter's count.)
   */
  private static void waitFor(int seconds, java.util.concurrent.Callable<Boolean> condition)
      throws Exception {
    WaitForAsyncUtils.waitFor(
        seconds,
        TimeUnit.SECONDS,
        () -> WaitForAsyncUtils.asyncFx(condition).get(10, TimeUnit.SECONDS));
  }

  private static Path snapshot(String name) throws Exception {
    Scene scene = stage.getScene();
    Path shot =
        WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name)).get(10, TimeUnit.SECONDS);
    assertThat(Files.size(shot)).isGreaterThan(10_000);
    return shot;
  }
}
