package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.ui.comfort.Theme;
import io.clipdeck.ui.shell.Section;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Every view at 1280×800 and 1920×1080, light and dark, in the real window (screenshots {@code
 * layout-WxH-theme-view} in {@code target/screenshots}): on the browser, enrichment, profiles and
 * settings views and the status bar, no label or button is cut ("Created fr…"), at either size.
 */
class LayoutGuiTest {

  /** The views whose layout this test holds to "nothing cut"; the others are only shot. */
  private static final Set<Section> CHECKED =
      EnumSet.of(Section.BROWSER, Section.ENRICHMENT, Section.PROFILES, Section.SETTINGS);

  private static final int[][] SIZES = {{1280, 800}, {1920, 1080}};

  @TempDir static Path home;
  private static Stage stage;
  private static ClipdeckApp app;
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
    try (AppContext context = new AppContext(options)) {
      new SampleData(context.data(context.profiles().active()), Clock.systemUTC(), 1_000)
          .generate(new SampleData.Spec(4, 300, 2, 3, 23), (chunk, done, total) -> {});
    }
    stage = FxToolkit.registerPrimaryStage();
    app = (ClipdeckApp) FxToolkit.setupApplication(() -> new ClipdeckApp(() -> options));
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
  void nothingIsCutAtEitherSizeInEitherTheme() throws Exception {
    List<String> cut = new ArrayList<>();
    for (int[] size : SIZES) {
      robot.interact(
          () -> {
            stage.setWidth(size[0]);
            stage.setHeight(size[1]);
          });
      WaitForAsyncUtils.waitFor(
          10,
          TimeUnit.SECONDS,
          () -> stage.getScene().getWidth() == size[0] && stage.getScene().getHeight() == size[1]);
      for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
        robot.interact(() -> app.comforts().themes().themeProperty().set(theme));
        for (Section section : Section.values()) {
          robot.clickOn("#nav-" + section.name().toLowerCase(Locale.ROOT));
          WaitForAsyncUtils.waitFor(
              10,
              TimeUnit.SECONDS,
              () ->
                  robot.lookup("#viewTitle").queryAs(Label.class).getText().equals(section.title())
                      && robot
                          .lookup(".status-jobs")
                          .queryAs(MenuButton.class)
                          .getText()
                          .equals("Idle"));
          WaitForAsyncUtils.waitForFxEvents();
          String name =
              "layout-"
                  + size[0]
                  + "x"
                  + size[1]
                  + "-"
                  + theme.id()
                  + "-"
                  + section.name().toLowerCase(Locale.ROOT);
          WaitForAsyncUtils.asyncFx(
                  () -> {
                    stage.getScene().getRoot().applyCss();
                    stage.getScene().getRoot().layout();
                    Screenshots.save(stage.getScene(), name);
                    outside(stage.getScene(), name, cut);
                    if (CHECKED.contains(section)) {
                      cutIn(stage.getScene().getRoot(), name, cut);
                    }
                  })
              .get(10, TimeUnit.SECONDS);
        }
      }
    }
    assertThat(cut).isEmpty();
  }

  /** The view's title and the status bar inside the window: a view too tall pushes them out. */
  private static void outside(Scene scene, String where, List<String> cut) {
    Bounds title =
        scene.lookup("#viewTitle").localToScene(scene.lookup("#viewTitle").getBoundsInLocal());
    Bounds bar =
        scene.lookup(".status-bar").localToScene(scene.lookup(".status-bar").getBoundsInLocal());
    if (title.getMinY() < 0 || bar.getMaxY() > scene.getHeight() + 0.5) {
      cut.add(where + ": the view pushes its title or the status bar out of the window");
    }
  }

  /** Labels and buttons shown narrower than their text needs (cells of tables and lists aside). */
  static void cutIn(Node node, String where, List<String> cut) {
    if (!node.isVisible() || node instanceof TableView<?> || node instanceof ListView<?>) {
      return;
    }
    if (node instanceof Labeled labeled
        && !labeled.isWrapText()
        && labeled.getText() != null
        && !labeled.getText().isEmpty()
        && labeled.getWidth() + 0.5 < labeled.prefWidth(-1)) {
      cut.add(
          where
              + ": \""
              + labeled.getText()
              + "\" is "
              + Math.round(labeled.getWidth())
              + " px wide, needs "
              + Math.round(labeled.prefWidth(-1)));
    }
    if (node instanceof Labeled labeled
        && labeled.isWrapText()
        && labeled.getText() != null
        && !labeled.getText().isEmpty()
        && labeled.getHeight() + 0.5 < labeled.prefHeight(labeled.getWidth())) {
      cut.add(
          where
              + ": \""
              + labeled.getText()
              + "\" wraps to "
              + Math.round(labeled.prefHeight(labeled.getWidth()))
              + " px but has "
              + Math.round(labeled.getHeight()));
    }
    if (node instanceof Parent parent) {
      parent.getChildrenUnmodifiable().forEach(child -> cutIn(child, where, cut));
    }
  }
}
