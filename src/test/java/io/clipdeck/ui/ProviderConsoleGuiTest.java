package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.CallOptions;
import io.clipdeck.api.Provider;
import io.clipdeck.api.WindowState;
import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.api.clients.ProviderFigures;
import io.clipdeck.api.clients.ProviderReport;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.ui.comfort.Theme;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The resilience console in the real window on the simulated providers: real requests go to the
 * loopback simulator through the app's own clients, and the cards show the figures {@code clipdeck
 * providers status} computes (the same {@link io.clipdeck.api.clients.ProviderConsole}); "Clear
 * cache" makes the next call miss. Screenshots in light and dark. Every read of the window happens
 * on the FX thread.
 */
class ProviderConsoleGuiTest {

  /** Figures that stay put once the traffic stops (limit windows and latency move on their own). */
  private static final List<String> STABLE =
      List.of("Breaker", "Transitions", "Requests", "Failed", "Cache", "Cost", "Estimated price");

  private static final List<String> VIDEO = List.of("Qm7vT2xK9aB");

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
                                Map.of())));
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> new FxRobot().lookup("#viewTitle").tryQuery().isPresent());
  }

  @AfterAll
  static void close() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  @Test
  void theConsoleShowsTheStatusFiguresAndClearsACache() throws Exception {
    AppContext context = app.context();
    ProviderClients clients = context.providers();
    assertThat(clients.simulated()).as("a new console answers from the simulator").isTrue();
    robot.clickOn("#nav-enrichment");
    robot.interact(
        () -> robot.lookup("#lowerTabs").queryAs(TabPane.class).getSelectionModel().select(1));

    clients.youtube().videoInfo(VIDEO, CallOptions.cached());
    clients.youtube().videoInfo(VIDEO, CallOptions.cached());
    clients.openAi().analyseVideo("Sourdough at home", "Starter, fold, bake.");

    until(() -> text("#youtube-cache").equals("50 % hits (1 of 2 lookups)"));
    for (Provider provider : List.of(Provider.YOUTUBE, Provider.OPENAI)) {
      Map<String, String> expected = figures(context, provider);
      for (String label : STABLE) {
        String id =
            "#" + provider.id() + "-" + label.toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        until(() -> text(id).equals(expected.get(label)));
      }
    }
    assertThat(onFx(() -> text("#youtube-requests")))
        .startsWith("1 sent for 2 calls · 1 succeeded");
    assertThat(onFx(() -> text("#openai-cost"))).doesNotStartWith("0 input");
    assertThat(onFx(() -> text("#openai-estimated-price")))
        .matches("\\$0\\.\\d{6} at the prices of gpt-4o-mini")
        .isNotEqualTo("$0.000000 at the prices of gpt-4o-mini");
    WindowState units = unitsPerDay(context);
    assertThat(onFx(() -> text("#youtube-limits")))
        .contains(units.left() + " of " + units.window().limit() + " left units/day");

    robot.clickOn("#clearCache-youtube");
    until(() -> text("#consoleStatusLabel").equals("Cleared 1 cached answer of YouTube"));
    clients.youtube().videoInfo(VIDEO, CallOptions.cached());
    until(() -> text("#youtube-cache").equals("33 % hits (1 of 3 lookups)"));
    assertThat(onFx(() -> text("#youtube-requests"))).startsWith("2 sent for 3 calls");

    // Room for the cards: the screen's size, and the log pane closed.
    robot.interact(
        () -> {
          stage.setWidth(1440);
          stage.setHeight(900);
          robot.lookup("#logToggle").queryAs(ToggleButton.class).setSelected(false);
        });
    try {
      for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
        robot.interact(() -> app.comforts().themes().themeProperty().set(theme));
        WaitForAsyncUtils.waitForFxEvents();
        Path shot =
            onFx(() -> Screenshots.save(stage.getScene(), "enrichment-console-" + theme.id()));
        assertThat(Files.size(shot)).isPositive();
      }
    } finally {
      robot.interact(
          () -> {
            app.comforts().themes().themeProperty().set(Theme.LIGHT);
            robot.lookup("#logToggle").queryAs(ToggleButton.class).setSelected(true);
          });
    }
  }

  /** The figures {@code providers status} prints for {@code provider}, by label. */
  private static Map<String, String> figures(AppContext context, Provider provider) {
    ProviderReport report =
        context.providerConsole().reports().stream()
            .filter(one -> one.status().provider() == provider)
            .findFirst()
            .orElseThrow();
    Map<String, String> byLabel = new java.util.HashMap<>();
    ProviderFigures.of(report, ZoneId.systemDefault())
        .forEach(figure -> byLabel.put(figure.label(), figure.value()));
    return byLabel;
  }

  private static WindowState unitsPerDay(AppContext context) {
    return context.providerConsole().reports().get(0).status().windows().stream()
        .filter(window -> window.window().name().equals("units/day"))
        .findFirst()
        .orElseThrow();
  }

  private String text(String query) {
    return robot.lookup(query).queryAs(Label.class).getText();
  }

  private static void until(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> onFx(condition));
  }

  private static <T> T onFx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }
}
