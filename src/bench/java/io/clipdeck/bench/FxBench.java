package io.clipdeck.bench;

import atlantafx.base.theme.PrimerLight;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.ui.ClipdeckApp;
import io.clipdeck.ui.fx.FeatureView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The FX-thread benchmarks (issue 5 i, issue 8 e), run by {@code mvn -Pbench package
 * -Dbench.fx=dashboard,browser}: the real views on a real JavaFX toolkit (the headless glass
 * platform by default, or a display), each reporting the longest FX-thread task. Not JMH: what is
 * measured is the worst moment of the FX thread during the work, not the work's average time; each
 * figure comes with its baseline from the same run (the idle FX thread, or the OFFSET page).
 *
 * <p>System properties: {@code bench.fx} (which: {@code dashboard}, {@code browser}, {@code
 * enrichment}, comma separated), {@code bench.output} (where {@code fx.md} goes), {@code
 * bench.smoke=true} (small sizes: a check that it runs, not a measurement), {@code bench.fx.ticks}
 * (dashboard ticks, 30), {@code bench.fx.videos} (browser videos, 1,000,000), {@code
 * bench.fx.enrichVideos} (pasted links for the enrichment view, 300).
 */
public final class FxBench {

  private FxBench() {}

  public static void main(String[] args) throws Exception {
    List<String> which = List.of(System.getProperty("bench.fx", "none").split(","));
    if (which.contains("none") || which.getFirst().isBlank()) {
      System.out.println("# FX benchmarks: none asked for (-Dbench.fx=dashboard,browser)");
      return;
    }
    boolean smoke = Boolean.getBoolean("bench.smoke");
    Path output =
        Files.createDirectories(Path.of(System.getProperty("bench.output", "target/bench")));
    CompletableFuture<Void> started = new CompletableFuture<>();
    Platform.startup(() -> started.complete(null));
    started.get(30, TimeUnit.SECONDS);
    Platform.setImplicitExit(false);
    Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());

    List<String> report = new ArrayList<>();
    report.add("# FX-thread benchmarks");
    report.add("");
    report.add(
        "Run "
            + ZonedDateTime.now().withNano(0)
            + ", JDK "
            + Runtime.version()
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " cores, glass platform "
            + System.getProperty("glass.platform", "(default)")
            + ", load average "
            + String.format(
                java.util.Locale.ROOT,
                "%.1f",
                java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage())
            + (smoke ? ", **smoke run (small sizes): not a measurement**" : "")
            + ".");
    try {
      for (String name : which) {
        Path home = Files.createTempDirectory(output, "fx-" + name.strip() + "-");
        switch (name.strip()) {
          case "dashboard" ->
              report.addAll(
                  new DashboardFxBench(home, Integer.getInteger("bench.fx.ticks", smoke ? 3 : 30))
                      .run());
          case "browser" ->
              report.addAll(
                  new BrowserFxBench(
                          home,
                          output,
                          Integer.getInteger("bench.fx.videos", smoke ? 20_000 : 1_000_000),
                          smoke)
                      .run());
          case "enrichment" ->
              report.addAll(
                  new EnrichmentFxBench(
                          home, Integer.getInteger("bench.fx.enrichVideos", smoke ? 50 : 300))
                      .run());
          default ->
              throw new IllegalArgumentException(
                  "Unknown FX benchmark '"
                      + name
                      + "': use dashboard, browser, enrichment, or several, comma separated");
        }
      }
    } finally {
      Platform.exit();
    }
    String text = String.join("\n", report) + "\n";
    Files.writeString(output.resolve("fx.md"), text);
    System.out.println(text);
  }

  /** A context under {@code home}, as the application builds it. */
  static AppContext context(Path home) {
    return new AppContext(
        new AppContext.Options(
            AppPaths.under(home), Clock.systemDefaultZone(), Duration.ofSeconds(2), 500, Map.of()));
  }

  /** Shows {@code view} in a window with the application's style sheets; returns the stage. */
  static Stage show(FeatureView view) throws Exception {
    return onFx(
        () -> {
          Scene scene = new Scene(view.root(), 1000, 900);
          scene
              .getStylesheets()
              .add(
                  Objects.requireNonNull(ClipdeckApp.class.getResource("clipdeck.css"))
                      .toExternalForm());
          Stage stage = new Stage();
          stage.setScene(scene);
          stage.show();
          return stage;
        });
  }

  /** Runs {@code work} on the FX thread and waits for its result. */
  static <T> T onFx(Callable<T> work) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Platform.runLater(
        () -> {
          try {
            result.complete(work.call());
          } catch (Throwable e) {
            result.completeExceptionally(e);
          }
        });
    return result.get(60, TimeUnit.SECONDS);
  }
}
