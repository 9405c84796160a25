package io.clipdeck.bench;

import io.clipdeck.app.AppContext;
import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.Cursor;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.data.Sort;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.ui.browser.BrowserView;
import io.clipdeck.ui.browser.BrowserViewModel;
import io.clipdeck.ui.fx.AnsweringDialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Issue 8 e: a SQLite profile with {@code videos} sample videos (1,000,000 by default, written once
 * per run with {@link SampleData}'s batch path), and
 *
 * <ol>
 *   <li>the keyset page N (N = 1, 100, 10,000) in the browser's default order (newest first) from
 *       the repository, against the OFFSET page at the same depth as its baseline;
 *   <li>through the real {@link BrowserViewModel} and {@link BrowserView} on screen: the time from
 *       the request to the page applied on the FX thread for page 1, each next page up to 100 and
 *       the last page (page 10,000 of 1M);
 *   <li>scrolling: pages appended one after another as the table reaches its end, with the longest
 *       FX-thread task and stall per page, against the idle FX thread.
 * </ol>
 */
final class BrowserFxBench {

  private static final int PAGE = 100;
  private static final int REPEATS = 5;

  private final Path home;
  private final Path output;
  private final int videos;
  private final boolean smoke;

  BrowserFxBench(Path home, Path output, int videos, boolean smoke) {
    this.home = home;
    this.output = output;
    this.videos = videos;
    this.smoke = smoke;
  }

  List<String> run() throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(String.format(Locale.ROOT, "## Browser, %,d videos on SQLite (issue 8 e)", videos));
    try (AppContext context = FxBench.context(home);
        FxThreadProbe probe = new FxThreadProbe()) {
      Path file = output.resolve("browser-" + videos + ".db");
      Files.deleteIfExists(file);
      ConnectionProfile profile = ConnectionProfile.sqlite("bench-browser", file);
      context.profiles().save(profile, Optional.empty());
      context.profiles().activate(profile.name());
      context.migrations(profile).migrate(Optional.empty(), step -> {});
      long fillStart = System.nanoTime();
      new SampleData(context.data(profile), Clock.systemUTC(), 10_000)
          .generate(
              new SampleData.Spec(Math.max(1, videos / 500), videos, 0, 0, 1), BatchProgress.NONE);
      PooledDatabase database = context.databases().open(profile);
      try (Connection connection = database.connection();
          Statement statement = connection.createStatement()) {
        statement.execute("ANALYZE");
      }
      lines.add("");
      lines.add(
          String.format(
              Locale.ROOT,
              "Filled in %.0f s (SampleData, chunks of 10,000, no clips), then ANALYZE.",
              (System.nanoTime() - fillStart) / 1e9));
      lines.addAll(repositoryPages(database));
      lines.addAll(viewModelPages(context, probe));
    }
    return lines;
  }

  /** Keyset against OFFSET at pages 1, 100 and 10,000 (or the last), cache off, median of 5. */
  private List<String> repositoryPages(PooledDatabase database) {
    VideoRepository repository =
        new DataLayer(database, QueryExecutor.Settings.DEFAULTS, Clock.systemUTC(), Duration.ZERO)
            .videos();
    Sort newestFirst = Sort.desc("created_at");
    int pages = (videos + PAGE - 1) / PAGE;
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(
        "Page N in the default order (newest first), repository, cache off; ms, median of 5:");
    lines.add("");
    lines.add("| page | keyset | OFFSET (baseline) | keyset times faster |");
    lines.add("|---:|---:|---:|---:|");
    for (int page : new int[] {1, 100, 10_000}) {
      int n = Math.min(page, pages);
      long offset = (long) (n - 1) * PAGE;
      Cursor cursor =
          n == 1
              ? null
              : repository.cursorOf(
                  repository.getAll(1, offset - 1, newestFirst).getFirst(), newestFirst);
      double keyset = medianMs(() -> repository.browse(VideoFilter.ALL, cursor, PAGE, newestFirst));
      double byOffset = medianMs(() -> repository.getAll(PAGE, offset, newestFirst));
      lines.add(
          String.format(
              Locale.ROOT,
              "| %,d | %.2f | %.2f | %.1fx |",
              n,
              keyset,
              byOffset,
              byOffset / Math.max(keyset, 0.001)));
    }
    return lines;
  }

  private static double medianMs(Supplier<List<Video>> read) {
    read.get(); // warm-up: the statement prepared, the pages of the index in the OS cache
    double[] times = new double[REPEATS];
    for (int i = 0; i < REPEATS; i++) {
      long start = System.nanoTime();
      if (read.get().size() != PAGE) {
        throw new IllegalStateException("a page of the benchmark had fewer than " + PAGE + " rows");
      }
      times[i] = (System.nanoTime() - start) / 1e6;
    }
    java.util.Arrays.sort(times);
    return times[REPEATS / 2];
  }

  private List<String> viewModelPages(AppContext context, FxThreadProbe probe) throws Exception {
    BrowserViewModel viewModel =
        new BrowserViewModel(
            context.browse(),
            context.jobs(),
            new AnsweringDialogs(),
            context.scheduler(),
            context.clock(),
            probe.timed());
    BrowserView view = new BrowserView(viewModel);
    Stage stage = FxBench.show(view);
    try {
      probe.windows(1, 1_000); // first layout and CSS
      List<FxThreadProbe.Window> idle = probe.windows(5, 1_000);

      double first = shownMs(viewModel, viewModel::shown);
      List<Double> next = new ArrayList<>();
      int upTo = smoke ? 10 : 100;
      for (int page = 2; page <= upTo; page++) {
        next.add(shownMs(viewModel, viewModel::nextPage));
      }
      require(viewModel, "page " + upTo + " of");
      double last = shownMs(viewModel, viewModel::lastPage);
      String lastLine = viewModel.countLineProperty().get();

      shownMs(viewModel, viewModel::reload);
      @SuppressWarnings("unchecked")
      TableView<Object> table = (TableView<Object>) view.root().lookup("#table");
      List<FxThreadProbe.Window> scrolled = new ArrayList<>();
      List<Double> appendMs = new ArrayList<>();
      int appends = smoke ? 20 : 200;
      for (int i = 0; i < appends; i++) {
        probe.window();
        appendMs.add(
            shownMs(
                viewModel,
                () -> {
                  viewModel.loadMore();
                  table.scrollTo(table.getItems().size() - 1);
                }));
        Thread.sleep(20); // let the pulse after the page lay the rows out, inside this window
        scrolled.add(probe.window());
      }

      FxStats nextStats = FxStats.of(next, Double::doubleValue);
      List<String> lines = new ArrayList<>();
      lines.add("");
      lines.add(
          "Through the view model with the view on screen: from the request to the page applied on"
              + " the FX thread (count cached by the data layer after the first read); ms:");
      lines.add("");
      lines.add("| read | ms |");
      lines.add("|---|---:|");
      lines.add(
          String.format(Locale.ROOT, "| page 1 (first read, counts the rows) | %.1f |", first));
      lines.add(
          String.format(
              Locale.ROOT,
              "| next page, pages 2–%d: median / p90 / max | %s |",
              upTo,
              nextStats.cells()));
      lines.add(
          String.format(
              Locale.ROOT,
              "| page %d (the %dth next page) | %.1f |",
              upTo,
              upTo - 1,
              next.getLast()));
      lines.add(String.format(Locale.ROOT, "| last page (%s) | %.1f |", lastLine, last));
      lines.add("");
      lines.add(
          "Scrolling: "
              + appends
              + " pages appended at the end of the table one after another (the table keeps 10"
              + " pages); per appended page, ms:");
      lines.add("");
      lines.add("| per page | median | p90 | max |");
      lines.add("|---|---:|---:|---:|");
      lines.add(
          "| time to show the appended page | "
              + FxStats.of(appendMs, Double::doubleValue).cells()
              + " |");
      lines.add(
          "| longest FX task (view model's executor) | "
              + FxStats.of(scrolled, FxThreadProbe.Window::longestTaskMs).cells()
              + " |");
      lines.add(
          "| longest FX-thread stall, scrolling | "
              + FxStats.of(scrolled, FxThreadProbe.Window::longestStallMs).cells()
              + " |");
      lines.add(
          "| longest FX-thread stall, idle baseline (1 s windows) | "
              + FxStats.of(idle, FxThreadProbe.Window::longestStallMs).cells()
              + " |");
      return lines;
    } finally {
      FxBench.onFx(
          () -> {
            view.close();
            stage.close();
            return null;
          });
    }
  }

  /**
   * Runs {@code action} on the FX thread and waits until the view model has applied what it
   * started; the milliseconds between the two.
   */
  private static double shownMs(BrowserViewModel viewModel, Runnable action) throws Exception {
    CompletableFuture<Long> applied = new CompletableFuture<>();
    long start =
        FxBench.onFx(
            () -> {
              ChangeListener<Boolean> idle =
                  new ChangeListener<>() {
                    @Override
                    public void changed(
                        ObservableValue<? extends Boolean> loading, Boolean was, Boolean now) {
                      if (!now) {
                        loading.removeListener(this);
                        applied.complete(System.nanoTime());
                      }
                    }
                  };
              viewModel.loadingProperty().addListener(idle);
              long started = System.nanoTime();
              action.run();
              if (!viewModel.loadingProperty().get()) {
                viewModel.loadingProperty().removeListener(idle);
                throw new IllegalStateException(
                    "The browser started no read: " + viewModel.countLineProperty().get());
              }
              return started;
            });
    if (!viewModel.statusProperty().get().isEmpty() && viewModel.statusIsErrorProperty().get()) {
      throw new IllegalStateException(viewModel.statusProperty().get());
    }
    return (applied.get(120, TimeUnit.SECONDS) - start) / 1e6;
  }

  private static void require(BrowserViewModel viewModel, String countLinePart) throws Exception {
    String line = FxBench.onFx(() -> viewModel.countLineProperty().get());
    if (!line.contains(countLinePart)) {
      throw new IllegalStateException("Expected '" + countLinePart + "' in '" + line + "'");
    }
  }
}
