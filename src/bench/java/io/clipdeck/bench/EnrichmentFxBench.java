package io.clipdeck.bench;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.Settings;
import io.clipdeck.ui.fx.AnsweringDialogs;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.shell.FeatureViews;
import io.clipdeck.ui.shell.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

/**
 * Issue 10: the FX thread while an enrichment run works. The local SQLite profile, migrated; the
 * real Enrichment view (built by {@link FeatureViews}, FX executor timed) on screen; {@code videos}
 * pasted links imported and run through metadata and captions on the simulated providers, through
 * the view's own buttons. Per one-second window until the summary shows: the longest FX task (the
 * view applying a progress snapshot, the items table) and the longest stall, against the idle view
 * before the run.
 */
final class EnrichmentFxBench {

  private static final long WINDOW_MILLIS = 1_000;

  private final Path home;
  private final int videos;

  EnrichmentFxBench(Path home, int videos) {
    this.home = home;
    this.videos = videos;
  }

  List<String> run() throws Exception {
    try (AppContext context = FxBench.context(home);
        FxThreadProbe probe = new FxThreadProbe()) {
      context
          .migrations(context.profiles().active())
          .migrate(Optional.empty(), step -> {})
          .failure()
          .ifPresent(
              failure -> {
                throw new IllegalStateException("migrate failed: " + failure);
              });
      // The clients at the demo simulator's own limits (600 and 500 a minute), not the settings'
      // cautious defaults for real keys: the run should keep the view busy.
      Settings settings = context.settings();
      context.updateSettings(
          settings
              .withProvider("youtube", settings.provider("youtube").withLimits(600, 36_000))
              .withProvider("openai", settings.provider("openai").withLimits(500, 30_000)));
      FeatureView view =
          new FeatureViews(context, probe.timed(), new AnsweringDialogs(), section -> {})
              .apply(Section.ENRICHMENT);
      Stage stage = FxBench.show(view);
      try {
        FxBench.onFx(
            () -> {
              view.shown();
              return null;
            });
        probe.windows(2, WINDOW_MILLIS);
        List<FxThreadProbe.Window> idle = probe.windows(5, WINDOW_MILLIS);

        String links =
            IntStream.range(0, videos)
                // YouTube ids are 11 characters.
                .mapToObj(i -> String.format(Locale.ROOT, "https://youtu.be/bench%06d", i))
                .collect(Collectors.joining("\n"));
        FxBench.onFx(
            () -> {
              lookup(view, "#urlsArea", TextArea.class).setText(links);
              return null;
            });
        press(view, "#importButton");
        Label chosen = FxBench.onFx(() -> lookup(view, "#chosenLabel", Label.class));
        awaitText(chosen, String.format(Locale.ROOT, "%,d videos chosen", videos), 120);
        long started = System.nanoTime();
        press(view, "#startButton");
        Label summary = FxBench.onFx(() -> lookup(view, "#summaryLabel", Label.class));
        probe.window();
        List<FxThreadProbe.Window> running = new ArrayList<>();
        while (!FxBench.onFx(() -> summary.getText().startsWith("Batch processing completed"))) {
          if (System.nanoTime() - started > 30L * 60 * 1_000_000_000) {
            throw new IllegalStateException("the run did not finish in 30 minutes");
          }
          Thread.sleep(WINDOW_MILLIS);
          running.add(probe.window());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        String outcome = FxBench.onFx(summary::getText);
        return report(idle, running, seconds, outcome);
      } finally {
        FxBench.onFx(
            () -> {
              view.hidden();
              view.close();
              stage.close();
              return null;
            });
      }
    }
  }

  /** Fires the button once it is enabled (the view disables its actions while it works). */
  private static void press(FeatureView view, String selector) throws Exception {
    Button button = FxBench.onFx(() -> lookup(view, selector, Button.class));
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (FxBench.onFx(button::isDisabled)) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(selector + " stayed disabled for 60 s");
      }
      Thread.sleep(50);
    }
    FxBench.onFx(
        () -> {
          button.fire();
          return null;
        });
  }

  private static <T> T lookup(FeatureView view, String selector, Class<T> type) {
    return type.cast(
        Optional.ofNullable(view.root().lookup(selector))
            .orElseThrow(() -> new IllegalStateException("no " + selector + " in the view")));
  }

  private static void awaitText(Label label, String prefix, int seconds) throws Exception {
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    while (!FxBench.onFx(() -> label.getText().startsWith(prefix))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "'" + prefix + "' not shown in " + seconds + " s: " + FxBench.onFx(label::getText));
      }
      Thread.sleep(100);
    }
  }

  private List<String> report(
      List<FxThreadProbe.Window> idle,
      List<FxThreadProbe.Window> running,
      double seconds,
      String outcome) {
    FxStats tasks = FxStats.of(running, FxThreadProbe.Window::longestTaskMs);
    FxStats stalls = FxStats.of(running, FxThreadProbe.Window::longestStallMs);
    FxStats idleStalls = FxStats.of(idle, FxThreadProbe.Window::longestStallMs);
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add(
        "## Enrichment view during a run, "
            + String.format(Locale.ROOT, "%,d", videos)
            + " videos on the simulated providers (issue 10)");
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            "%s (%.0f s, metadata and captions). Per one-second window over the run; milliseconds.",
            outcome,
            seconds));
    lines.add("");
    lines.add("| per second | median | p90 | max |");
    lines.add("|---|---:|---:|---:|");
    lines.add("| longest FX task (view model's executor) | " + tasks.cells() + " |");
    lines.add("| longest FX-thread stall, running | " + stalls.cells() + " |");
    lines.add("| longest FX-thread stall, idle baseline | " + idleStalls.cells() + " |");
    return lines;
  }
}
