package io.clipdeck.ui.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.Environment;
import io.clipdeck.testing.ForeignProject;
import io.clipdeck.ui.fx.AnsweringDialogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations view's logic on the real services and a real SQLite file, without a toolkit. */
class MigrationsViewModelTest {

  private static final String PREFERENCES_UP =
      """
      CREATE TABLE user_preferences (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        theme TEXT NOT NULL DEFAULT 'light'
      );
      """;

  @TempDir Path root;
  private AppContext context;
  private MigrationsViewModel viewModel;
  private final AnsweringDialogs dialogs = new AnsweringDialogs();

  @BeforeEach
  void start() throws Exception {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    viewModel =
        new MigrationsViewModel(
            context.profiles(),
            context::migrations,
            context.jobs(),
            dialogs,
            context.clock(),
            Runnable::run);
    await(viewModel::shown);
  }

  @AfterEach
  void stop() {
    viewModel.close();
    context.close();
  }

  @Test
  void theLocalProfileShowsItsPendingSchemaAndMigrates() throws Exception {
    assertThat(viewModel.rows()).extracting(MigrationEntry::label).contains("V1 clipdeck schema");
    assertThat(viewModel.headerProperty().get())
        .isEqualTo(
            "Local SQLite · SQLite · Development — no version yet · 0 applied · 2 pending · 0"
                + " failed");
    String databaseLineBefore = viewModel.databaseLineProperty().get();
    assertThat(databaseLineBefore).startsWith("Database: ");

    await(viewModel.history()::dryRun);
    assertThat(viewModel.previewProperty().get())
        .contains("CREATE TABLE users", "CREATE INDEX videos_created_at_id_idx");
    assertThat(viewModel.statusProperty().get())
        .contains("2 pending migrations is", "nothing was run");

    await(viewModel.history()::migrate);

    assertThat(viewModel.statusProperty().get())
        .isEqualTo("Migrated Local SQLite to version 2: applied V1, V2.");
    assertThat(viewModel.statusIsErrorProperty().get()).isFalse();
    assertThat(viewModel.rows()).extracting(MigrationEntry::state).containsOnly("success");
    assertThat(viewModel.versionLineProperty().get()).isEqualTo("version 2");
    // users, videos, clips, model_usage, enrichment_task and Flyway's history, as info counts them
    assertThat(viewModel.databaseLineProperty().get())
        .matches("Database: \\d+ tables?, \\d+(\\.\\d)? (B|KB|MB)")
        .isNotEqualTo(databaseLineBefore);
    assertThat(viewModel.activity())
        .anyMatch(line -> line.endsWith("Applied V1 clipdeck schema"))
        .anyMatch(line -> line.endsWith("Applied V2 browser sort indexes"));
    assertThat(viewModel.busyProperty().get()).isFalse();
  }

  @Test
  void aNewMigrationIsWrittenMigratedToAndRolledBackWithTheOnesAfterIt() throws Exception {
    await(viewModel.history()::migrate);
    viewModel.newMigration().open();
    assertThat(viewModel.newMigration().editorOpenProperty().get()).isTrue();
    viewModel.newMigration().form().nameProperty().set("user_preferences");
    viewModel.newMigration().form().descriptionProperty().set("the reference guides' example");
    viewModel.newMigration().form().upSqlProperty().set(PREFERENCES_UP);
    viewModel.newMigration().form().downSqlProperty().set("DROP TABLE user_preferences;");

    await(viewModel.newMigration()::create);

    assertThat(viewModel.newMigration().editorOpenProperty().get()).isFalse();
    MigrationEntry created = viewModel.selectedProperty().get();
    assertThat(created.description()).isEqualTo("user preferences");
    assertThat(created.pending()).isTrue();
    assertThat(viewModel.statusProperty().get()).startsWith("Created V").contains("(pending)");
    Path folder = root.resolve("data/migrations");
    try (var files = Files.walk(folder)) {
      assertThat(files.filter(Files::isRegularFile).map(file -> file.getFileName().toString()))
          .hasSize(2)
          .allMatch(name -> name.endsWith("__user_preferences.sql"));
    }

    await(viewModel.history()::migrateToSelected);
    assertThat(viewModel.selectedProperty().get().applied()).isTrue();
    assertThat(tables()).contains("user_preferences");

    viewModel.selectedProperty().set(viewModel.rows().getFirst());
    dialogs.answer = false;
    await(viewModel.rollback()::rollBackSelected);
    assertThat(dialogs.questions).containsExactly("Roll back later migrations too?");
    assertThat(viewModel.statusProperty().get())
        .contains("cannot be rolled back alone", "V" + created.version());
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
    assertThat(tables()).contains("users", "user_preferences");

    dialogs.answer = true;
    await(viewModel.rollback()::rollBackSelected);
    assertThat(viewModel.statusProperty().get())
        .isEqualTo(
            "Rolled back V"
                + created.version()
                + ", V2, V1 on Local SQLite; they are pending again; now at no version.");
    assertThat(viewModel.rows()).allMatch(MigrationEntry::pending);
    assertThat(tables()).doesNotContain("users", "user_preferences");
  }

  @Test
  void aMigrationWithoutANameOrUpSqlIsRefusedAndNothingIsWritten() {
    viewModel.newMigration().open();
    viewModel.newMigration().create();
    assertThat(viewModel.statusProperty().get()).startsWith("Name the migration");
    viewModel.newMigration().form().nameProperty().set("bad name!");
    viewModel.newMigration().form().upSqlProperty().set("   ");
    viewModel.newMigration().create();
    assertThat(viewModel.statusProperty().get()).isEqualTo("Type the up SQL of bad name!.");
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
    assertThat(root.resolve("data/migrations")).doesNotExist();
  }

  @Test
  void aBadNameIsNamedByTheServiceAndTheFormStaysOpen() throws Exception {
    viewModel.newMigration().open();
    viewModel.newMigration().form().nameProperty().set("bad name!");
    viewModel.newMigration().form().upSqlProperty().set("CREATE TABLE t (id INTEGER);");

    await(viewModel.newMigration()::create);

    assertThat(viewModel.statusProperty().get())
        .contains("Migration name 'bad name!': use letters, digits and underscores");
    assertThat(viewModel.newMigration().editorOpenProperty().get()).isTrue();
    assertThat(viewModel.newMigration().form().upSqlProperty().get())
        .isEqualTo("CREATE TABLE t (id INTEGER);");
  }

  @Test
  void anExistingDatabaseIsBaselinedAtTheSelectedVersion() throws Exception {
    // The tables exist already (made by hand); baselining at V1 must not try to create them again.
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + context.profiles().active().database());
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE legacy (id INTEGER PRIMARY KEY)");
    }
    viewModel.selectedProperty().set(viewModel.rows().getFirst());

    await(viewModel.history()::baselineToSelected);

    assertThat(dialogs.questions).containsExactly("Baseline Local SQLite");
    assertThat(viewModel.statusProperty().get()).isEqualTo("Baselined Local SQLite at version 1.");
    assertThat(viewModel.rows())
        .filteredOn(MigrationEntry::pending)
        .extracting(MigrationEntry::label)
        .as("the migrations after the baseline still to run")
        .containsExactly("V2 browser sort indexes");
    assertThat(viewModel.versionLineProperty().get()).isEqualTo("version 1");
    assertThat(tables()).contains("legacy").doesNotContain("users");
  }

  @Test
  void cleanAsksForTheNameOnDevelopmentAndIsRefusedElsewhere() throws Exception {
    await(viewModel.history()::migrate);
    assertThat(viewModel.history().canCleanProperty().get()).isTrue();
    dialogs.answer = false;
    viewModel.history().clean();
    assertThat(dialogs.questions).containsExactly("Clean Local SQLite (type Local SQLite)");
    assertThat(tables()).contains("users");

    dialogs.answer = true;
    await(viewModel.history()::clean);
    assertThat(viewModel.statusProperty().get()).startsWith("Cleaned Local SQLite");
    assertThat(tables()).doesNotContain("users");

    ConnectionProfile production =
        context.profiles().active().toBuilder().environment(Environment.PRODUCTION).build();
    context.profiles().save(production, Optional.of(production.name()));
    context.profiles().activate(production.name());
    assertThat(viewModel.history().canCleanProperty().get()).isFalse();
    dialogs.questions.clear();
    viewModel.history().clean();
    assertThat(dialogs.questions).isEmpty();
    assertThat(viewModel.statusProperty().get()).startsWith("Clean is only for Development");
  }

  @Test
  void aProductionRollbackNeedsTheNameTyped() throws Exception {
    ConnectionProfile production =
        context.profiles().active().toBuilder().environment(Environment.PRODUCTION).build();
    context.profiles().save(production, Optional.of(production.name()));
    context.profiles().activate(production.name());
    await(viewModel::refresh);
    await(viewModel.history()::migrate);
    assertThat(dialogs.questions).containsExactly("Migrate a Production profile");
    // The newest migration: nothing after it, so the only question is the typed name.
    viewModel.selectedProperty().set(viewModel.rows().getLast());

    dialogs.answer = false;
    await(viewModel.rollback()::rollBackSelected);
    assertThat(dialogs.questions)
        .last()
        .isEqualTo("Roll back on a Production profile (type Local SQLite)");
    assertThat(tables()).contains("users");

    dialogs.answer = true;
    await(viewModel.rollback()::rollBackSelected);
    assertThat(viewModel.statusProperty().get()).startsWith("Rolled back V2 on Local SQLite");
    assertThat(tables()).as("V2 only drops indexes").contains("users");
    assertThat(viewModel.rows().getLast().pending()).isTrue();
  }

  @Test
  void aForeignProjectIsChosenMigratedAndRolledBackByItsUndoFile() throws Exception {
    Path folder = ForeignProject.write(root.resolve("app/db/migration"));
    assertThat(viewModel.project().summaryProperty().get()).isEqualTo("Clipdeck's built-in schema");
    assertThat(viewModel.project().clipdeckSchemaProperty().get()).isTrue();

    viewModel.project().locationsProperty().set(folder + "\n");
    viewModel.project().tableProperty().set("app_history");
    await(viewModel.project()::save);
    // Placeholders are not set yet: the project is saved, and the reread names what is missing.
    assertThat(viewModel.project().summaryProperty().get())
        .isEqualTo(folder + " · table app_history");
    assertThat(viewModel.project().clipdeckSchemaProperty().get()).isFalse();
    assertThat(viewModel.statusIsErrorProperty().get()).isTrue();
    assertThat(viewModel.statusProperty().get())
        .startsWith("Local SQLite now follows " + folder)
        .contains(
            "Cannot read the migrations of Local SQLite", "No value provided for placeholder");

    Path config = root.resolve("app/flyway.conf");
    Files.writeString(
        config,
        """
        flyway.locations=filesystem:db/migration
        flyway.table=app_history
        flyway.placeholders.default_region=eu
        flyway.placeholders.hidden=test
        """);
    await(() -> viewModel.project().importConfig(config));
    assertThat(viewModel.project().locationsProperty().get()).isEqualTo(folder.toString());
    await(viewModel.project()::save);
    assertThat(viewModel.project().summaryProperty().get())
        .isEqualTo(folder + " · table app_history · 2 placeholder(s)");
    // Flyway's order: 1 < 1.1 < 1.2 < 1.10 < 2, the repeatable by its description.
    assertThat(viewModel.rows())
        .extracting(MigrationEntry::label)
        .containsExactly(
            "V1 create accounts",
            "V1.1 create orders",
            "V1.2 index orders",
            "V1.10 add order note",
            "V2 create tags",
            "R order summary");

    await(viewModel.history()::migrate);
    assertThat(viewModel.statusProperty().get())
        .isEqualTo(
            "Migrated Local SQLite to version 2: applied V1, V1.1, V1.2, V1.10, V2, R order summary.");
    MigrationEntry view = viewModel.rows().getLast();
    assertThat(view.version()).isEmpty();
    assertThat(view.state()).isEqualTo("success");
    viewModel.selectedProperty().set(view);
    assertThat(viewModel.rollback().canRollBackSelectedProperty().get()).isFalse();
    assertThat(viewModel.rollback().canVerifySelectedProperty().get()).isFalse();

    MigrationEntry tags =
        viewModel.rows().stream().filter(e -> e.version().equals("2")).findFirst().orElseThrow();
    assertThat(tags.downScript()).isTrue();
    viewModel.selectedProperty().set(tags);
    await(viewModel.rollback()::rollBackSelected);
    assertThat(viewModel.statusProperty().get())
        .isEqualTo("Rolled back V2 on Local SQLite; it is pending again; now at version 1.10.");
    assertThat(tables()).doesNotContain("tags").contains("accounts", "app_history");

    await(viewModel.project()::useClipdeckSchema);
    assertThat(viewModel.project().summaryProperty().get()).isEqualTo("Clipdeck's built-in schema");
  }

  @Test
  void rollingBackAMiddleVersionOfAForeignProjectAsksForTheLaterOnes() throws Exception {
    Path folder = ForeignProject.write(root.resolve("app/sql"));
    Path config = root.resolve("app/flyway.toml");
    Files.writeString(
        config,
        """
        [flyway]
        locations = ["filesystem:sql"]
        table = "app_history"
        [flyway.placeholders]
        default_region = "eu"
        hidden = "test"
        """);
    await(() -> viewModel.project().importConfig(config));
    await(viewModel.project()::save);
    await(viewModel.history()::migrate);
    viewModel.selectedProperty().set(viewModel.rows().get(3)); // V1.10, V2 after it
    assertThat(viewModel.selectedProperty().get().version()).isEqualTo("1.10");

    dialogs.answer = false;
    await(viewModel.rollback()::rollBackSelected);

    assertThat(dialogs.questions).last().isEqualTo("Roll back later migrations too?");
    assertThat(viewModel.statusProperty().get())
        .startsWith("Not rolled back: V1.10 add order note cannot be rolled back alone while V2");
    assertThat(folder.resolve("U2__create_tags.sql")).exists();
    assertThat(tables()).contains("tags");
  }

  /** Runs an operation and waits until it is no longer busy (the work runs on a worker). */
  private void await(Runnable operation) throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    viewModel
        .busyProperty()
        .addListener(
            (observable, was, busy) -> {
              if (!busy) {
                done.countDown();
              }
            });
    operation.run();
    if (viewModel.busyProperty().get()) {
      assertThat(done.await(30, TimeUnit.SECONDS)).as("the operation ended").isTrue();
    }
  }

  private List<String> tables() throws Exception {
    try (Connection connection =
            DriverManager.getConnection("jdbc:sqlite:" + context.profiles().active().database());
        Statement statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")) {
      List<String> names = new ArrayList<>();
      while (rows.next()) {
        names.add(rows.getString(1));
      }
      return names;
    }
  }
}
