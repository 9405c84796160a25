package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.config.UiStateStore;
import io.clipdeck.ui.comfort.Theme;
import io.clipdeck.ui.shell.Section;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window in light and dark on every view (screenshots {@code theme-light-*} and {@code
 * theme-dark-*}), the shortcuts and their overlay, and the state kept for the next start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThemesAndShortcutsGuiTest {

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
    // The window shows "Loading…" first; its first view is built right after that frame.
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> new FxRobot().lookup("#viewTitle").tryQuery().isPresent());
  }

  @AfterAll
  static void close() throws Exception {
    FxToolkit.cleanupApplication(app);
    FxToolkit.cleanupStages();
  }

  @Test
  @Order(0)
  void everyViewInLightAndInDark() throws Exception {
    for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
      robot.interact(() -> app.comforts().themes().themeProperty().set(theme));
      for (Section section : Section.values()) {
        robot.clickOn("#nav-" + section.name().toLowerCase(Locale.ROOT));
        WaitForAsyncUtils.waitFor(
            10,
            TimeUnit.SECONDS,
            () ->
                robot.lookup("#viewTitle").queryAs(Label.class).getText().equals(section.title()));
        Thread.sleep(300); // the view's first read (off the FX thread) fills its tables
        WaitForAsyncUtils.waitForFxEvents();
        String name = "theme-" + theme.id() + "-" + section.name().toLowerCase(Locale.ROOT);
        Color background = backgroundOf(snapshot(name));
        if (theme == Theme.DARK) {
          assertThat(background.getBrightness()).as(name).isLessThan(0.3);
        } else {
          assertThat(background.getBrightness()).as(name).isGreaterThan(0.85);
        }
      }
    }
    assertThat(stage.getScene().getRoot().getStyleClass()).contains("theme-dark");
  }

  @Test
  @Order(1)
  void theShortcutsNavigateAndTheOverlayRebindsThem() throws Exception {
    robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT2);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#viewTitle").queryAs(Label.class).getText()).isEqualTo("Dashboard");
    assertThat(
            robot
                .lookup("#nav-dashboard")
                .queryAs(javafx.scene.control.ToggleButton.class)
                .isSelected())
        .isTrue();

    // Through the window's menu: under Xvfb the robot's F1 never reaches the scene (GTK keeps it).
    robot.clickOn("#menuButton");
    robot.clickOn("#menu-shortcuts");
    WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> app.comforts().help().isShowing());
    assertThat(robot.lookup("#helpOverlay").tryQuery()).isPresent();
    snapshot("shortcuts-overlay-dark");

    robot.clickOn("#change-view-migrations");
    robot.push(KeyCode.SHORTCUT, KeyCode.M);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(app.comforts().shortcuts().keys("view.migrations").getDisplayText())
        .isEqualTo("Ctrl+M");
    // Taken keys are refused: Ctrl+1 is the Profiles view's.
    robot.clickOn("#change-refresh");
    robot.push(KeyCode.SHORTCUT, KeyCode.DIGIT1);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(app.comforts().shortcuts().keys("refresh").getDisplayText()).isEqualTo("F5");
    robot.push(KeyCode.ESCAPE);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#helpOverlay").tryQuery()).isEmpty();

    robot.push(KeyCode.SHORTCUT, KeyCode.M);
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#viewTitle").queryAs(Label.class).getText()).isEqualTo("Migrations");
  }

  @Test
  @Order(2)
  void theThemeViewAndBindingsAreKeptForTheNextStart() throws Exception {
    robot.interact(() -> app.comforts().themes().themeProperty().set(Theme.DARK));
    UiStateStore store = UiStateStore.in(AppPaths.under(home), Clock.systemDefaultZone());
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> store.load().state().shortcuts().containsKey("view.migrations"));
    robot.interact(app::stop); // what closing the window does: the state is written at once
    var state = store.load().state();
    assertThat(state.theme()).isEqualTo("dark");
    assertThat(state.lastView()).isEqualTo("MIGRATIONS");
    assertThat(state.activeProfile()).isEqualTo("Local SQLite");
    assertThat(state.window()).isNotNull();
    assertThat(state.shortcuts()).containsEntry("view.migrations", "Ctrl+M");
    robot.interact(() -> app.comforts().themes().themeProperty().set(Theme.LIGHT));
  }

  /** The colour of the view's background, left of its title, in the screenshot. */
  private static Color backgroundOf(Path shot) throws Exception {
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(shot.toFile());
    int argb = image.getRGB(image.getWidth() - 20, 12);
    return Color.rgb((argb >> 16) & 0xff, (argb >> 8) & 0xff, argb & 0xff);
  }

  private static Path snapshot(String name) throws Exception {
    Scene scene = stage.getScene();
    return WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name)).get(10, TimeUnit.SECONDS);
  }
}
