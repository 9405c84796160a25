package io.clipdeck.ui.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.ui.fx.AnsweringDialogs;
import io.clipdeck.ui.fx.SerialFx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
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
            context.profiles(),
            context::data,
            context::migrations,
            context.jobs(),
            dialogs,
            context.scheduler(),
            context.clock(),
            fx);
  }

  @AfterEach
  void stop() {
    context.close();
  }

  @Test
  void aNewDatabaseIsMigratedThenFilledWithSampleDataAndPagedByKey() throws Exception {
    viewModel.shown();
    idle();
    assertThat(viewModel.notMigratedProperty().get()).isTrue();
    assertThat(viewModel.statusProperty().get()).contains("does not have Clipdeck's schema yet");

    viewModel.migrateNow();
    idle();
    assertThat(viewModel.notMigratedProperty().get()).isFalse();
    assertThat(viewModel.databaseEmptyProperty().get()).isTrue();

    viewModel.generateSampleData(250);
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
  void theSelectedVideoIsEditedValidatedDeletedAndASelectionChangesStatus() throws Exception {
    prepare(120);
    VideoRow first =
        viewModel.rows().stream().filter(row -> row.clips() > 0).findFirst().orElseThrow();
    viewModel.selectedProperty().set(first);
    idle();
    assertThat(viewModel.detailsProperty().get()).contains("External id  " + first.videoId());
    assertThat(viewModel.clips()).hasSize((int) first.clips());
    assertThat(viewModel.clips()).allMatch(clip -> clip.from() >= 0 && clip.to() <= 1);

    viewModel.editTitleProperty().set("   ");
    viewModel.save();
    assertThat(viewModel.statusProperty().get()).isEqualTo("The title is empty: type one.");

    viewModel.editTitleProperty().set("A better title");
    viewModel.editStatusProperty().set(VideoStatus.FAILED);
    viewModel.save();
    idle();
    assertThat(viewModel.statusProperty().get()).isEqualTo("Saved " + first.videoId() + ".");
    VideoRow saved =
        viewModel.rows().stream().filter(row -> row.id() == first.id()).findFirst().orElseThrow();
    assertThat(saved.title()).isEqualTo("A better title");
    assertThat(saved.status()).isEqualTo("failed");

    List<VideoRow> three =
        viewModel.rows().stream().filter(row -> row.id() != first.id()).limit(3).toList();
    viewModel.selection().setAll(three);
    viewModel.setStatusOfSelection(VideoStatus.PROCESSING);
    idle();
    assertThat(dialogs.questions).containsExactly("Set the status of 3 videos");
    assertThat(viewModel.rows())
        .filteredOn(row -> three.stream().anyMatch(chosen -> chosen.id() == row.id()))
        .hasSize(3)
        .allMatch(row -> row.status().equals("processing"));

    viewModel.selectedProperty().set(saved);
    viewModel.deleteSelected();
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

    viewModel.exportCsv(file);
    idle();

    assertThat(viewModel.statusProperty().get())
        .isEqualTo("Exported " + matching + " videos to " + file + ".");
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize((int) matching + 1);
    assertThat(lines.getFirst()).startsWith("id,video_id,user_id,url,title,status");
    assertThat(lines.subList(1, lines.size())).allMatch(line -> line.contains(",completed,"));
    assertThat(root.resolve("videos.csv.part")).doesNotExist();
  }

  private void prepare(int videos) throws Exception {
    viewModel.migrateNow();
    idle();
    viewModel.generateSampleData(videos);
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
