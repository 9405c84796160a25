package io.clipdeck.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.data.VideoExport;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.Environment;
import io.clipdeck.ui.fx.AnsweringDialogs;
import io.clipdeck.ui.fx.SerialFx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser's logic on the local SQLite profile, without a toolkit. */
class BrowserViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private BrowserViewModel viewModel;
  private final AnsweringDialogs dialogs = new AnsweringDialogs();
  private final SerialFx fx = new SerialFx();

  @BeforeEach
  void start() {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    viewModel =
        new BrowserViewModel(
            context.browse(), context.jobs(), dialogs, context.scheduler(), context.clock(), fx);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void aNewDatabaseIsMigratedThenFilledWithSampleDataAndPagedByKey() throws Exception {
    // The local profile has its schema from the first start: another, empty file has none.
    context.profiles().put(ConnectionProfile.sqlite("Empty SQLite", root.resolve("empty.db")));
    context.profiles().activate("Empty SQLite");
    viewModel.shown();
    idle();
    assertThat(viewModel.notMigratedProperty().get()).isTrue();
    assertThat(viewModel.statusProperty().get()).contains("has no Clipdeck schema yet");

    viewModel.actions().migrateNow();
    idle();
    assertThat(viewModel.notMigratedProperty().get()).isFalse();
    assertThat(viewModel.databaseEmptyProperty().get()).isTrue();

    viewModel.actions().generateSampleData(250);
    idle();
    assertThat(viewModel.statusProperty().get()).startsWith("Made 250 videos, ");
    assertThat(viewModel.databaseEmptyProperty().get()).isFalse();
    assertThat(viewModel.rows()).hasSize(BrowserViewModel.PAGE_SIZE);
    assertThat(viewModel.countLineProperty().get()).isEqualTo("250 videos · page 1 of 3");
    assertThat(viewModel.hasPreviousProperty().get()).isFalse();

    List<Long> seen = new ArrayList<>(viewModel.rows().stream().map(VideoRow::id).toList());
    viewModel.nextPage();
    idle();
    seen.addAll(viewModel.rows().stream().map(VideoRow::id).toList());
    viewModel.nextPage();
    idle();
    seen.addAll(viewModel.rows().stream().map(VideoRow::id).toList());
    assertThat(viewModel.rows()).hasSize(50);
    assertThat(viewModel.hasNextProperty().get()).isFalse();
    assertThat(viewModel.countLineProperty().get()).endsWith("page 3 of 3");
    assertThat(seen).doesNotHaveDuplicates().hasSize(250);

    viewModel.previousPage();
    idle();
    assertThat(viewModel.countLineProperty().get()).endsWith("page 2 of 3");
    assertThat(viewModel.hasPreviousProperty().get()).isTrue();
  }

  @Test
  void filtersSearchAfterTypingStopsAndTheNewestRequestWins() throws Exception {
    prepare(300);
    long completed =
        context
            .data(context.profiles().active())
            .videos()
            .count(VideoFilter.ALL.withStatus(Optional.of(VideoStatus.COMPLETED)));

    viewModel.statusFilterProperty().set(VideoStatus.PENDING);
    viewModel.statusFilterProperty().set(VideoStatus.COMPLETED);
    idle();

    assertThat(viewModel.rows()).allMatch(row -> row.status().equals("completed"));
    assertThat(viewModel.countLineProperty().get())
        .startsWith(String.format("%,d videos match of 300", completed));

    viewModel.statusFilterProperty().set(null);
    idle();
    viewModel.searchProperty().set("no such title anywhere");
    waitFor(() -> viewModel.countLineProperty().get().startsWith("0 videos"));
    assertThat(viewModel.countLineProperty().get()).startsWith("0 videos match of 300");

    viewModel.userFilterProperty().set("seven");
    assertThat(viewModel.statusProperty().get())
        .isEqualTo("User 'seven' is not a user id: type the number, or clear the field");
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
  }

  @Test
  void enrichAllMatchingHandsOverTheFilterAndNoIds() throws Exception {
    List<VideoFilter> handed = new ArrayList<>();
    viewModel.actions().onEnrichMatching(handed::add);
    viewModel.statusFilterProperty().set(VideoStatus.FAILED);
    viewModel.searchProperty().set("  Cats ");
    idle();

    viewModel.actions().enrichMatching();

    assertThat(handed)
        .containsExactly(
            VideoFilter.ALL.withStatus(Optional.of(VideoStatus.FAILED)).withText("Cats"));
    assertThat(viewModel.statusProperty().get())
        .isEqualTo("Sent the videos matching status failed · text 'Cats' to Enrichment.");

    viewModel.userFilterProperty().set("seven");
    viewModel.actions().enrichMatching();
    assertThat(handed).as("a filter that cannot be read is not handed over").hasSize(1);
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
  }

  @Test
  void theSelectedVideoIsEditedValidatedDeletedAndASelectionChangesStatus() throws Exception {
    prepare(120);
    VideoRow first =
        viewModel.rows().stream().filter(row -> row.clips() > 0).findFirst().orElseThrow();
    viewModel.details().selectedProperty().set(first);
    idle();
    assertThat(viewModel.details().detailsProperty().get())
        .contains("External id  " + first.videoId());
    assertThat(viewModel.details().clips()).hasSize((int) first.clips());
    assertThat(viewModel.details().clips()).allMatch(clip -> clip.from() >= 0 && clip.to() <= 1);

    viewModel.details().editTitleProperty().set("   ");
    viewModel.details().save();
    assertThat(viewModel.statusProperty().get()).isEqualTo("The title is empty: type one.");

    viewModel.details().editTitleProperty().set("A better title");
    viewModel.details().editStatusProperty().set(VideoStatus.FAILED);
    viewModel.details().save();
    idle();
    assertThat(viewModel.statusProperty().get()).isEqualTo("Saved " + first.videoId() + ".");
    VideoRow saved =
        viewModel.rows().stream().filter(row -> row.id() == first.id()).findFirst().orElseThrow();
    assertThat(saved.title()).isEqualTo("A better title");
    assertThat(saved.status()).isEqualTo("failed");

    List<VideoRow> three =
        viewModel.rows().stream().filter(row -> row.id() != first.id()).limit(3).toList();
    viewModel.selection().setAll(three);
    viewModel.actions().setStatusOfSelection(VideoStatus.PROCESSING);
    idle();
    assertThat(dialogs.questions).containsExactly("Set the status of 3 videos");
    assertThat(viewModel.rows())
        .filteredOn(row -> three.stream().anyMatch(chosen -> chosen.id() == row.id()))
        .hasSize(3)
        .allMatch(row -> row.status().equals("processing"));

    // Enrich selected hands the same three, in table order, with their external ids.
    List<java.util.Map<Long, String>> handed = new ArrayList<>();
    viewModel.actions().onEnrichSelected(handed::add);
    viewModel.actions().enrichSelected();
    assertThat(handed)
        .singleElement()
        .satisfies(
            videos ->
                assertThat(videos)
                    .containsExactlyEntriesOf(
                        three.stream()
                            .collect(
                                java.util.stream.Collectors.toMap(
                                    VideoRow::id,
                                    VideoRow::videoId,
                                    (a, b) -> a,
                                    java.util.LinkedHashMap::new))));
    assertThat(viewModel.statusProperty().get()).isEqualTo("Sent 3 videos to Enrichment.");

    viewModel.details().selectedProperty().set(saved);
    viewModel.details().deleteSelected();
    idle();
    assertThat(dialogs.questions).last().isEqualTo("Delete " + first.videoId());
    assertThat(viewModel.rows()).noneMatch(row -> row.id() == first.id());
    assertThat(viewModel.countLineProperty().get()).startsWith("119 videos");
  }

  @Test
  void anExportStreamsTheFilterToACsvFileAndLeavesNoPartialFile() throws Exception {
    prepare(150);
    viewModel.statusFilterProperty().set(VideoStatus.COMPLETED);
    idle();
    long matching =
        context
            .data(context.profiles().active())
            .videos()
            .count(VideoFilter.ALL.withStatus(Optional.of(VideoStatus.COMPLETED)));
    Path file = root.resolve("videos.csv");

    viewModel.actions().export(file, VideoExport.Format.CSV);
    idle();

    assertThat(viewModel.statusProperty().get())
        .isEqualTo("Exported " + matching + " videos to " + file + ".");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize((int) matching + 1);
    assertThat(lines.getFirst()).startsWith("id,video_id,user_id,url,title,status");
    assertThat(lines.subList(1, lines.size())).allMatch(line -> line.contains(",completed,"));
    assertThat(root.resolve("videos.csv.part")).doesNotExist();
  }

  @Test
  void aJsonExportIsOneArrayOfTheFilteredVideosInOrder() throws Exception {
    prepare(150);
    viewModel.statusFilterProperty().set(VideoStatus.FAILED);
    idle();
    Path file = root.resolve("videos.json");

    viewModel.actions().export(file, VideoExport.Format.JSON);
    idle();

    JsonNode videos = new ObjectMapper().readTree(file.toFile());
    long failed =
        context
            .data(context.profiles().active())
            .videos()
            .count(VideoFilter.ALL.withStatus(Optional.of(VideoStatus.FAILED)));
    assertThat(viewModel.statusProperty().get())
        .isEqualTo("Exported " + failed + " videos to " + file + ".");
    assertThat(videos.isArray()).isTrue();
    assertThat(videos).hasSize((int) failed);
    JsonNode first = videos.get(0);
    assertThat(first.get("status").asText()).isEqualTo("failed");
    assertThat(first.get("error").asText()).isEqualTo("download failed");
    assertThat(first.get("thumbnail_path").isNull()).isTrue();
    assertThat(first.get("created_at").asText()).endsWith("Z");
    // Newest first, as the table shows them.
    assertThat(videos.get(0).get("created_at").asText())
        .isGreaterThanOrEqualTo(videos.get(videos.size() - 1).get("created_at").asText());
    assertThat(root.resolve("videos.json.part")).doesNotExist();
  }

  @Test
  void aVideoIsCreatedFromAYouTubeUrlAndBadInputIsRefusedSayingWhy() throws Exception {
    prepare(10);
    long user = viewModel.rows().getFirst().userId();

    viewModel.newVideo().newUrlProperty().set("https://vimeo.com/12345");
    viewModel.newVideo().newTitleProperty().set("A talk");
    viewModel.newVideo().newUserProperty().set(String.valueOf(user));
    viewModel.newVideo().createVideo();
    assertThat(viewModel.statusProperty().get())
        .startsWith("'https://vimeo.com/12345' is not a YouTube video link");

    viewModel.newVideo().newUrlProperty().set("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s");
    viewModel.newVideo().newUserProperty().set("999999");
    viewModel.newVideo().createVideo();
    idle();
    assertThat(viewModel.statusProperty().get())
        .isEqualTo(
            "Adding dQw4w9WgXcQ failed: there is no user 999999 in Local SQLite: type an existing"
                + " user id");

    viewModel.newVideo().newUserProperty().set(String.valueOf(user));
    viewModel.newVideo().newTitleProperty().set(" ");
    viewModel.newVideo().createVideo();
    assertThat(viewModel.statusProperty().get()).isEqualTo("The title is empty: type one.");

    viewModel.newVideo().newTitleProperty().set("A talk");
    viewModel.newVideo().createVideo();
    idle();
    assertThat(viewModel.statusProperty().get()).isEqualTo("Added dQw4w9WgXcQ (pending).");
    assertThat(viewModel.rows())
        .singleElement()
        .satisfies(
            row -> {
              assertThat(row.videoId()).isEqualTo("dQw4w9WgXcQ");
              assertThat(row.title()).isEqualTo("A talk");
              assertThat(row.status()).isEqualTo("pending");
              assertThat(row.video().url())
                  .isEqualTo("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s");
            });
    assertThat(viewModel.newVideo().newUrlProperty().get()).isEmpty();

    viewModel.newVideo().newUrlProperty().set("https://youtu.be/dQw4w9WgXcQ");
    viewModel.newVideo().newTitleProperty().set("Again");
    viewModel.newVideo().createVideo();
    idle();
    assertThat(viewModel.statusProperty().get())
        .startsWith("Adding dQw4w9WgXcQ failed: dQw4w9WgXcQ is already stored (row ")
        .endsWith("\"A talk\"): search for it instead");
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
  }

  @Test
  void scrollingAppendsPagesBehindPlaceholdersAndANewerFilterDropsTheStaleAppend()
      throws Exception {
    prepare(250);
    List<VideoRow> whileLoading = new ArrayList<>();
    fx.execute(
        () -> {
          viewModel.loadMore();
          whileLoading.addAll(viewModel.rows());
        });
    assertThat(whileLoading).hasSize(100 + BrowserViewModel.PLACEHOLDERS);
    assertThat(whileLoading.getLast().isPlaceholder()).isTrue();
    assertThat(whileLoading.getLast().title()).isEqualTo("Loading…");
    idle();
    assertThat(viewModel.rows()).hasSize(200).noneMatch(VideoRow::isPlaceholder);
    assertThat(viewModel.rows().stream().map(VideoRow::id)).doesNotHaveDuplicates();
    assertThat(viewModel.countLineProperty().get()).isEqualTo("250 videos · pages 1–2 of 3");

    fx.execute(viewModel::loadMore);
    idle();
    assertThat(viewModel.rows()).hasSize(250);
    assertThat(viewModel.hasNextProperty().get()).isFalse();
    fx.execute(viewModel::loadMore); // nothing after the last page
    assertThat(viewModel.rows()).hasSize(250).noneMatch(VideoRow::isPlaceholder);

    // An append on its way when the filter changes: the filter's first page wins, whole.
    fx.execute(viewModel::reload);
    idle();
    fx.execute(
        () -> {
          viewModel.loadMore();
          viewModel.statusFilterProperty().set(VideoStatus.PENDING);
        });
    idle();
    assertThat(viewModel.rows())
        .isNotEmpty()
        .noneMatch(VideoRow::isPlaceholder)
        .allMatch(row -> row.status().equals("pending"));
    assertThat(viewModel.countLineProperty().get()).contains("· page 1 of ");
  }

  @Test
  void theLastPageIsReadFromTheEndAndPreviousWalksBackOverTheSameRows() throws Exception {
    prepare(250);
    viewModel.nextPage();
    idle();
    List<Long> second = viewModel.rows().stream().map(VideoRow::id).toList();
    viewModel.nextPage();
    idle();
    List<Long> third = viewModel.rows().stream().map(VideoRow::id).toList();

    viewModel.reload();
    idle();
    viewModel.lastPage();
    idle();
    assertThat(viewModel.rows().stream().map(VideoRow::id).toList()).isEqualTo(third);
    assertThat(viewModel.countLineProperty().get()).endsWith("page 3 of 3");
    assertThat(viewModel.hasNextProperty().get()).isFalse();
    assertThat(viewModel.hasPreviousProperty().get()).isTrue();

    viewModel.previousPage();
    idle();
    assertThat(viewModel.rows().stream().map(VideoRow::id).toList()).isEqualTo(second);
    assertThat(viewModel.countLineProperty().get()).endsWith("page 2 of 3");
    assertThat(viewModel.hasNextProperty().get()).isTrue();
  }

  @Test
  void scrollingFarKeepsAtMostTheWindowAndDropsTheOldestPage() throws Exception {
    prepare(1_150);
    List<Long> seen = new ArrayList<>(viewModel.rows().stream().map(VideoRow::id).toList());
    // What the table hears: one change for the placeholders, one for the page (with, past the
    // bound, the oldest page's removal from the top as one range).
    List<String> changes = new CopyOnWriteArrayList<>();
    viewModel
        .rows()
        .addListener(
            (ListChangeListener<VideoRow>)
                change -> {
                  List<String> parts = new ArrayList<>();
                  while (change.next()) {
                    parts.add(
                        change.getFrom()
                            + "-"
                            + change.getRemovedSize()
                            + "+"
                            + change.getAddedSize());
                  }
                  changes.add(String.join(" ", parts));
                });
    for (int page = 2; page <= 12; page++) {
      List<Long> before = viewModel.rows().stream().map(VideoRow::id).toList();
      changes.clear();
      fx.execute(viewModel::loadMore);
      idle();
      List<Long> after = viewModel.rows().stream().map(VideoRow::id).toList();
      seen.addAll(after.subList(after.indexOf(before.getLast()) + 1, after.size()));
      assertThat(after).hasSizeLessThanOrEqualTo(BrowserViewModel.MAX_WINDOW);
      int size = before.size();
      int added = after.size() - size + (size == BrowserViewModel.MAX_WINDOW ? 100 : 0);
      assertThat(changes)
          .containsExactly(
              size + "-0+3",
              size == BrowserViewModel.MAX_WINDOW
                  ? "0-100+0 " + (size - 100) + "-3+" + added
                  : size + "-3+" + added);
    }
    assertThat(seen).hasSize(1_150).doesNotHaveDuplicates();
    assertThat(viewModel.countLineProperty().get()).endsWith("pages 3–12 of 12");
    assertThat(viewModel.hasPreviousProperty().get()).isTrue();

    viewModel.previousPage();
    idle();
    assertThat(viewModel.countLineProperty().get()).endsWith("page 2 of 12");
    assertThat(viewModel.rows().stream().map(VideoRow::id).toList())
        .isEqualTo(seen.subList(100, 200));
  }

  @Test
  void onAProductionProfileEveryChangeAsksFirstAndAnswerNoChangesNothing() throws Exception {
    prepare(120);
    var local = context.profiles().active();
    context.profiles().put(local.toBuilder().environment(Environment.PRODUCTION).build());
    viewModel.reload();
    idle();
    dialogs.questions.clear();
    dialogs.answer = false;

    VideoRow first = viewModel.rows().getFirst();
    viewModel.details().selectedProperty().set(first);
    idle();
    viewModel.details().editTitleProperty().set("Not saved");
    viewModel.details().save();
    viewModel.selection().setAll(first);
    viewModel.actions().setStatusOfSelection(VideoStatus.FAILED);
    viewModel.actions().generateSampleData(10);
    viewModel.details().deleteSelected();
    idle();

    assertThat(dialogs.questions)
        .containsExactly(
            "Save " + first.videoId(),
            "Set the status of 1 video",
            "Sample data in " + local.name(),
            "Delete " + first.videoId());
    VideoRow still =
        viewModel.rows().stream().filter(row -> row.id() == first.id()).findFirst().orElseThrow();
    assertThat(still.title()).isEqualTo(first.title());
    assertThat(still.status()).isEqualTo(first.status());
    assertThat(viewModel.countLineProperty().get()).startsWith("120 videos");

    dialogs.answer = true;
    viewModel.details().save();
    idle();
    assertThat(dialogs.questions).last().isEqualTo("Save " + first.videoId());
    assertThat(viewModel.statusProperty().get()).isEqualTo("Saved " + first.videoId() + ".");
  }

  private void prepare(int videos) throws Exception {
    viewModel.actions().migrateNow();
    idle();
    viewModel.actions().generateSampleData(videos);
    idle();
    assertThat(viewModel.databaseEmptyProperty().get()).isFalse();
  }

  /** Waits until every read and change the view model started is on screen. */
  private void idle() throws InterruptedException {
    waitFor(() -> !viewModel.loadingProperty().get());
  }

  /** Waits until {@code condition} holds between two FX tasks. */
  private void waitFor(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!fx.holds(condition)) {
      assertThat(System.nanoTime()).as("waited 30 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
