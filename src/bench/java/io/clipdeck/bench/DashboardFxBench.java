package io.clipdeck.bench;

import io.clipdeck.app.AppContext;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.ui.fx.AnsweringDialogs;
import io.clipdeck.ui.fx.FeatureView;
import io.clipdeck.ui.shell.FeatureViews;
import io.clipdeck.ui.shell.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.stage.Stage;

/**
 * Issue 5 i: ten SQLite profiles open in one {@link AppContext}, the real dashboard view on screen
 * (built by {@link FeatureViews}, as the application builds it, with the FX executor timed), and
 * the FX thread's longest task and longest stall per refresh tick over {@code ticks} ticks. The
 * baseline is the same window with the dashboard on screen and not polling. Goal: under 16 ms (one
 * frame at 60 Hz).
 */
final class DashboardFxBench {

  static final int PROFILES = 10;

  /** FeatureViews' refresh interval: one window is one tick. */
  static final long TICK_MILLIS = 2_000;

  private final Path home;
  private final int ticks;

  DashboardFxBench(Path home, int ticks) {
    this.home = home;
    this.ticks = ticks;
  }

  List<String> run() throws Exception {
    try (AppContext context = FxBench.context(home);
        FxThreadProbe probe = new FxThreadProbe()) {
      List<ConnectionProfile> profiles = new ArrayList<>();
      for (int i = 1; i <= PROFILES; i++) {
        ConnectionProfile profile =
            ConnectionProfile.sqlite("bench-" + i, home.resolve("bench-" + i + ".db"));
        context.profiles().save(profile, Optional.empty());
        context.migrations(profile).migrate(Optional.empty(), step -> {});
        context.databases().open(profile);
        profiles.add(profile);
      }
      context.profiles().activate(profiles.getFirst().name());
      FeatureView view =
          new FeatureViews(context, probe.timed(), new AnsweringDialogs(), section -> {})
              .apply(Section.DASHBOARD);
      Stage stage = FxBench.show(view);
      try {
        // Baseline: the dashboard on screen, not polling (its first layout and CSS done).
        probe.windows(1, TICK_MILLIS);
        List<FxThreadProbe.Window> idle = probe.windows(Math.min(ticks, 5), TICK_MILLIS);
        FxBench.onFx(
            () -> {
              view.shown();
              return null;
            });
        // The first tick builds the cards and charts: reported apart, as a warm-up.
        FxThreadProbe.Window first = probe.windows(1, TICK_MILLIS).getFirst();
        List<FxThreadProbe.Window> polling = probe.windows(ticks, TICK_MILLIS);
        return report(idle, first, polling);
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

  private List<String> report(
      List<FxThreadProbe.Window> idle,
      FxThreadProbe.Window first,
      List<FxThreadProbe.Window> polling) {
    FxStats tasks = FxStats.of(polling, FxThreadProbe.Window::longestTaskMs);
    FxStats stalls = FxStats.of(polling, FxThreadProbe.Window::longestStallMs);
    FxStats idleStalls = FxStats.of(idle, FxThreadProbe.Window::longestStallMs);
    List<String> lines = new ArrayList<>();
    lines.add("");
    lines.add("## Dashboard refresh, " + PROFILES + " SQLite profiles (issue 5 i)");
    lines.add("");
    lines.add(
        "Per tick (2 s), over "
            + polling.size()
            + " ticks after the first; milliseconds. Goal: the longest FX-thread task under 16 ms.");
    lines.add("");
    lines.add("| per tick | median | p90 | max |");
    lines.add("|---|---:|---:|---:|");
    lines.add("| longest FX task (view model's executor) | " + tasks.cells() + " |");
    lines.add("| longest FX-thread stall, polling | " + stalls.cells() + " |");
    lines.add("| longest FX-thread stall, idle baseline | " + idleStalls.cells() + " |");
    lines.add("");
    lines.add(
        String.format(
            Locale.ROOT,
            "First tick (cards and charts built): longest task %.1f ms, longest stall %.1f ms."
                + " Stall while polling / idle (medians): %.1fx. Goal met: %s.",
            first.longestTaskMs(),
            first.longestStallMs(),
            stalls.median() / Math.max(idleStalls.median(), 0.001),
            tasks.max() < 16
                ? "yes"
                : "no (max " + String.format(Locale.ROOT, "%.1f", tasks.max()) + " ms)"));
    return lines;
  }
}
