package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ProfileService;
import io.clipdeck.migrate.MigrationProject;
import io.clipdeck.migrate.MigrationProjects;
import io.clipdeck.testing.ForeignProject;
import io.clipdeck.ui.migrations.MigrationEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Migrations view on another application's project (dotted versions, a repeatable view,
 * placeholders, its own history table, an undo file), chosen for the local profile: the project tab
 * shows it, migrate applies it, the undo file is the down script. Screenshot: {@code
 * migrations-foreign-project}.
 */
class MigrationsForeignProjectGuiTest {

  @TempDir static Path home;
  private static Path folder;
  private static Stage stage;
  private static ClipdeckApp app;
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void launch() throws Exception {
    folder = ForeignProject.write(home.resolve("shop-service/src/main/resources/db/migration"));
    AppPaths paths = AppPaths.under(home);
    new MigrationProjects(paths.configDir().resolve("migration-projects.json"), Clock.systemUTC())
        .save(
            ProfileService.DEFAULT_PROFILE,
            new MigrationProject(
                false,
                List.of(folder.toString()),
                "shop_schema_history",
                "",
                Map.of("default_region", "eu", "hidden", "test"),
                "${",
                "}",
                "1",
                false,
                false,
                true,
                "UTF-8"));
    stage = FxToolkit.registerPrimaryStage();
    app =
        (ClipdeckApp)
            FxToolkit.setupApplication(
                () ->
                    new ClipdeckApp(
                        () ->
                            new AppContext.Options(
                                paths,
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
  void theViewShowsMigratesAndRollsBackAForeignProject() throws Exception {
    robot.clickOn("#nav-migrations");
    @SuppressWarnings("unchecked")
    TableView<MigrationEntry> table = robot.lookup("#table").queryAs(TableView.class);
    WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> table.getItems().size() == 6);
    Label status = robot.lookup("#statusLabel").queryAs(Label.class);
    TextArea preview = robot.lookup("#previewArea").queryAs(TextArea.class);

    assertThat(robot.lookup("#projectLabel").queryAs(Label.class).getText())
        .isEqualTo("Project: " + folder + " · table shop_schema_history · 2 placeholder(s)");
    Label database = robot.lookup("#databaseLabel").queryAs(Label.class);
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> database.getText().startsWith("Database: "));
    TabPane tabs = robot.lookup("#tabs").queryAs(TabPane.class);
    // No failover group here: the matrix tab says how to make one.
    robot.interact(() -> tabs.getSelectionModel().select(2));
    assertThat(tabs.getSelectionModel().getSelectedItem().getText()).isEqualTo("Group matrix");
    assertThat(robot.lookup("#matrixMessage").queryAs(Label.class).getText())
        .startsWith("No failover groups yet.");
    robot.interact(() -> tabs.getSelectionModel().selectLast());
    assertThat(robot.lookup("#locationsArea").queryAs(TextArea.class).getText())
        .isEqualTo(folder.toString());
    assertThat(robot.lookup("#tableField").queryAs(TextField.class).getText())
        .isEqualTo("shop_schema_history");

    robot.clickOn("#migrateButton");
    WaitForAsyncUtils.waitFor(
        20, TimeUnit.SECONDS, () -> status.getText().startsWith("Migrated Local SQLite"));
    assertThat(status.getText())
        .isEqualTo(
            "Migrated Local SQLite to version 2: applied V1, V1.1, V1.2, V1.10, V2, R order"
                + " summary.");
    assertThat(table.getItems())
        .extracting(MigrationEntry::label)
        .containsExactly(
            "V1 create accounts",
            "V1.1 create orders",
            "V1.2 index orders",
            "V1.10 add order note",
            "V2 create tags",
            "R order summary");
    assertThat(table.getItems()).extracting(MigrationEntry::state).containsOnly("success");

    robot.interact(
        () -> {
          table.getSelectionModel().clearSelection();
          table.getSelectionModel().select(4);
        });
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> preview.getText().contains("U2__create_tags.sql"));
    assertThat(preview.getText()).contains("DROP TABLE tags;");
    assertThat(robot.lookup("#rollbackButton").queryButton().isDisabled()).isFalse();
    Path shot = snapshot("migrations-foreign-project");
    assertThat(Files.size(shot)).isGreaterThan(10_000);

    // The repeatable row: neither rolled back nor verified.
    robot.interact(() -> table.getSelectionModel().select(5));
    WaitForAsyncUtils.waitForFxEvents();
    assertThat(robot.lookup("#rollbackButton").queryButton().isDisabled()).isTrue();
    assertThat(robot.lookup("#verifyButton").queryButton().isDisabled()).isTrue();
  }

  private static Path snapshot(String name) throws Exception {
    Scene scene = stage.getScene();
    return WaitForAsyncUtils.asyncFx(() -> Screenshots.save(scene, name)).get(10, TimeUnit.SECONDS);
  }
}
