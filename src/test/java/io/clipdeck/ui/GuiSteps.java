package io.clipdeck.ui;

import io.clipdeck.ui.profiles.ProfileRow;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** Steps several GUI tests take in the real window. */
final class GuiSteps {

  private GuiSteps() {}

  /** Makes a saved profile the active one through the Profiles view; waits for the status bar. */
  static void activate(FxRobot robot, String profile) throws Exception {
    robot.clickOn("#nav-profiles");
    // The groups tab has a #table too: take the one that lists profiles.
    @SuppressWarnings("unchecked")
    TableView<ProfileRow> profiles =
        robot.lookup("#table").queryAllAs(TableView.class).stream()
            .filter(table -> table.getItems().stream().anyMatch(ProfileRow.class::isInstance))
            .findFirst()
            .orElseThrow();
    robot.interact(
        () ->
            profiles.getItems().stream()
                .filter(row -> row.name().equals(profile))
                .findFirst()
                .ifPresent(row -> profiles.getSelectionModel().select(row)));
    robot.clickOn("#activateButton");
    WaitForAsyncUtils.waitFor(
        10,
        TimeUnit.SECONDS,
        () -> robot.lookup(".status-profile").queryAs(Label.class).getText().startsWith(profile));
  }
}
