package io.clipdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.ProfileService;
import io.clipdeck.explore.ForeignSchema;
import io.clipdeck.explore.SchemaExplorer;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import io.clipdeck.ui.comfort.Theme;
import io.clipdeck.ui.explorer.ExplorerNode;
import io.clipdeck.ui.fx.AnsweringSaveTargets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The explorer in the real window on a database Clipdeck did not make ({@link ForeignSchema}), on
 * PostgreSQL, MariaDB and SQLite: open the schema and a table in the tree, page its grid to the
 * end, read its DDL, export it through the button, open the mixed-case table paged by its unique
 * index, and see a table without a key paged by the dialect's fallback (ctid, offset, rowid), said
 * so on screen. Screenshots in light and dark. Every wait reads the view on the FX thread.
 */
class ExplorerGuiTest {

  private static final AnsweringSaveTargets SAVE_TARGETS = new AnsweringSaveTargets();

  @TempDir static Path home;
  private static Stage stage;
  private static ClipdeckApp app;
  private static final Map<DatabaseKind, ScratchDatabase> DATABASES =
      new EnumMap<>(DatabaseKind.class);
  private static final Map<DatabaseKind, String> SCHEMAS = new EnumMap<>(DatabaseKind.class);
  private final FxRobot robot = new FxRobot();

  @BeforeAll
  static void launch() throws Exception {
    AppContext.Options options =
        new AppContext.Options(
            AppPaths.under(home), Clock.systemDefaultZone(), Duration.ofSeconds(2), 500, Map.of());
    try (AppContext context = new AppContext(options)) {
      for (DatabaseKind kind : DatabaseKind.values()) {
        ScratchDatabase scratch = TestDatabases.create(kind, home);
        DATABASES.put(kind, scratch);
        ForeignSchema.build(context.databases().open(scratch.profile()));
        SCHEMAS.put(
            kind, new SchemaExplorer(context.databases().open(scratch.profile())).defaultSchema());
        context.profiles().save(scratch.profile(), Optional.empty());
      }
    }
    stage = FxToolkit.registerPrimaryStage();
    app =
        (ClipdeckApp)
            FxToolkit.setupApplication(() -> new ClipdeckApp(() -> options, SAVE_TARGETS));
    WaitForAsyncUtils.waitForFxEvents();
    WaitForAsyncUtils.waitFor(
        10, TimeUnit.SECONDS, () -> new FxRobot().lookup("#viewTitle").tryQuery().isPresent());
  }

  @AfterAll
  static void close() throws Exception {
    try {
      FxToolkit.cleanupApplication(app);
      FxToolkit.cleanupStages();
    } finally {
      DATABASES.values().forEach(ScratchDatabase::close);
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void opensATablePagesItsGridShowsItsDdlAndExports(DatabaseKind kind) throws Exception {
    GuiSteps.activate(robot, DATABASES.get(kind).profile().name());
    try {
      explore(kind);
    } finally {
      robot.interact(() -> app.comforts().themes().themeProperty().set(Theme.LIGHT));
      GuiSteps.activate(robot, ProfileService.DEFAULT_PROFILE);
    }
  }

  /** Screenshot names: PostgreSQL's are the plain ones, the others carry their server. */
  private static String shot(DatabaseKind kind, String name) {
    return switch (kind) {
      case POSTGRESQL -> name;
      case MYSQL -> name.replace("explorer", "explorer-mariadb");
      case SQLITE -> name.replace("explorer", "explorer-sqlite");
    };
  }

  private void explore(DatabaseKind kind) throws Exception {
    String schemaName = SCHEMAS.get(kind);
    robot.clickOn("#nav-explorer");
    TreeView<ExplorerNode> tree = robot.lookup("#tree").query();
    until(() -> tree.getRoot().getChildren().stream().anyMatch(i -> label(i).equals(schemaName)));

    TreeItem<ExplorerNode> schema = onFx(() -> child(tree.getRoot(), schemaName));
    robot.interact(() -> schema.setExpanded(true));
    until(() -> schema.getChildren().stream().anyMatch(i -> label(i).startsWith("Tables (3)")));
    until(() -> schema.getChildren().stream().anyMatch(i -> label(i).startsWith("Views (")));
    TreeItem<ExplorerNode> tables = onFx(() -> child(schema, "Tables"));
    robot.interact(
        () -> {
          tables.setExpanded(true);
          tree.getSelectionModel().select(schema);
        });
    TableView<?> stats = robot.lookup("#statsTable").query();
    until(() -> stats.getItems().size() == 3);

    TreeItem<ExplorerNode> customers = onFx(() -> child(tables, "customers"));
    robot.interact(
        () -> {
          customers.setExpanded(true);
          tree.getSelectionModel().select(customers);
          robot.lookup("#tabs").<TabPane>query().getSelectionModel().select(0);
        });
    until(() -> customers.getChildren().stream().anyMatch(i -> label(i).startsWith("Columns (7)")));
    TableView<List<Object>> grid = robot.lookup("#gridTable").query();
    Label page = robot.lookup("#pageLabel").query();
    until(() -> page.getText().equals("Page 1 · rows 1–100") && grid.getColumns().size() == 7);
    String keyLine = onFx(() -> robot.lookup("#keyLabel").queryAs(Label.class).getText());
    assertThat(keyLine).contains("primary key (id)");
    // Non-ASCII text and NULLs arrive as stored.
    List<Object> tenth = onFx(() -> grid.getItems().get(9));
    assertThat(tenth.get(1)).isEqualTo("Zoë 東京 10");
    Object noNotes = onFx(() -> grid.getItems().get(2).get(3));
    assertThat(noNotes).isNull();
    robot.interact(() -> child(customers, "Columns").setExpanded(true));
    screenshots(shot(kind, "explorer"));

    robot.clickOn("#nextButton");
    until(() -> page.getText().equals("Page 2 · rows 101–200"));
    robot.clickOn("#nextButton");
    until(() -> page.getText().equals("Page 3 · rows 201–250 (last page)"));
    boolean lastDisabled = onFx(() -> robot.lookup("#nextButton").query().isDisabled());
    assertThat(lastDisabled).isTrue();

    Path exports = Files.createDirectories(home.resolve("exports-" + kind.name()));
    SAVE_TARGETS.directory = exports;
    robot.clickOn("#exportCsvButton");
    Label status = robot.lookup("#statusLabel").query();
    until(() -> status.getText().startsWith("Exported 250 rows"));
    assertThat(Files.readAllLines(exports.resolve("customers.csv"))).hasSize(251);

    robot.interact(() -> robot.lookup("#tabs").<TabPane>query().getSelectionModel().select(2));
    TextArea ddl = robot.lookup("#ddlArea").query();
    until(() -> ddl.getText().toUpperCase(Locale.ROOT).startsWith("CREATE TABLE"));
    String text = onFx(ddl::getText);
    assertThat(text).contains("customers", "email").containsIgnoringCase("primary key");
    if (kind == DatabaseKind.POSTGRESQL) {
      assertThat(text).startsWith("CREATE TABLE public.customers");
      assertThat(text).contains("PRIMARY KEY (id)", "CREATE INDEX customers_name_idx");
    }
    screenshots(shot(kind, "explorer-ddl"));

    // The quoted, mixed-case table with a foreign key and no primary key: its unique index pages.
    TreeItem<ExplorerNode> lines = onFx(() -> child(tables, ForeignSchema.ORDER_LINES));
    robot.interact(() -> tree.getSelectionModel().select(lines));
    until(() -> ddl.getText().contains("Order Lines"));
    String linesDdl = onFx(ddl::getText);
    assertThat(linesDdl).containsIgnoringCase("references").contains("LineId");
    robot.interact(() -> robot.lookup("#tabs").<TabPane>query().getSelectionModel().select(0));
    Label key = robot.lookup("#keyLabel").query();
    until(() -> key.getText().contains("unique index") && key.getText().contains("Code"));
    until(() -> page.getText().equals("Page 1 · rows 1–100"));

    TreeItem<ExplorerNode> audit = onFx(() -> child(tables, "audit_log"));
    robot.interact(() -> tree.getSelectionModel().select(audit));
    String fallback =
        switch (kind) {
          case POSTGRESQL -> "ctid";
          case MYSQL -> "offset";
          case SQLITE -> "rowid";
        };
    until(() -> key.getText().contains(fallback) && key.getStyleClass().contains("key-fallback"));
    until(() -> page.getText().equals("Page 1 · rows 1–100"));
    if (kind == DatabaseKind.POSTGRESQL) {
      screenshots("explorer-ctid");
    }

    robot.interact(() -> tree.getSelectionModel().select(schema));
    until(() -> robot.lookup("#tabs").<TabPane>query().getSelectionModel().getSelectedIndex() == 3);
    if (kind == DatabaseKind.POSTGRESQL) {
      screenshots("explorer-tables");
    }
  }

  /** The view in light and in dark, as {@code NAME-light.png} and {@code NAME-dark.png}. */
  private void screenshots(String name) throws Exception {
    for (Theme theme : new Theme[] {Theme.LIGHT, Theme.DARK}) {
      robot.interact(() -> app.comforts().themes().themeProperty().set(theme));
      WaitForAsyncUtils.waitForFxEvents();
      Path shot =
          WaitForAsyncUtils.asyncFx(
                  () -> Screenshots.save(stage.getScene(), name + "-" + theme.id()))
              .get(10, TimeUnit.SECONDS);
      assertThat(Files.size(shot)).isGreaterThan(10_000);
    }
    robot.interact(() -> app.comforts().themes().themeProperty().set(Theme.LIGHT));
  }

  private static String label(TreeItem<ExplorerNode> item) {
    return item.getValue() == null ? "" : item.getValue().label();
  }

  private static TreeItem<ExplorerNode> child(TreeItem<ExplorerNode> parent, String start) {
    List<TreeItem<ExplorerNode>> children = parent.getChildren();
    return children.stream()
        .filter(item -> label(item).startsWith(start))
        .findFirst()
        .orElseThrow(() -> new AssertionError(start + " is not under " + label(parent)));
  }

  /** Waits up to 20 s for a condition read on the FX thread. */
  private static void until(Callable<Boolean> condition) throws Exception {
    WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> onFx(condition));
  }

  private static <T> T onFx(Callable<T> read) throws Exception {
    return WaitForAsyncUtils.asyncFx(read).get(10, TimeUnit.SECONDS);
  }
}
