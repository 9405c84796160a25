package io.clipdeck.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.browse.BrowseService;
import io.clipdeck.browse.PageRequest;
import io.clipdeck.config.AppPaths;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.ProfileService;
import io.clipdeck.testing.BuiltInMigrations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppContextTest {

  @TempDir Path root;

  @Test
  void startsOnTheLocalSqliteProfileWithNoServer() throws Exception {
    try (AppContext context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)))) {
      HealthReport report =
          context.health().watch(context.profiles().active()).get(10, TimeUnit.SECONDS);

      assertThat(report.isUp()).isTrue();
      assertThat(Files.exists(root.resolve("data/clipdeck.db"))).isTrue();
      assertThat(Files.exists(root.resolve("config/profiles.json"))).isTrue();
    }
  }

  @Test
  void aFirstStartGivesTheLocalDatabaseClipdecksSchemaBeforeAnyViewAsks() {
    try (AppContext context =
        new AppContext(
            AppContext.Options.isolated(AppPaths.under(root)).withLocalSchemaOnFirstStart())) {
      var local = context.profiles().active();

      assertThat(local.name()).isEqualTo(ProfileService.DEFAULT_PROFILE);
      assertThat(context.data(local).schemaPresent()).isTrue();
      assertThat(context.migrations(local).status().currentVersion())
          .contains(BuiltInMigrations.LATEST);
      assertThat(
              context
                  .browse()
                  .read(local, VideoFilter.ALL, BrowseService.sort("id", true), PageRequest.FIRST)
                  .migrated())
          .isTrue();
      assertThat(context.logBuffer().snapshot())
          .noneMatch(entry -> entry.level().equals("WARN") || entry.level().equals("ERROR"));
      var created =
          context.logBuffer().snapshot().stream()
              .filter(entry -> entry.message().startsWith("Created Clipdeck's schema in "))
              .findFirst();
      assertThat(created)
          .as("the log says the schema was created, and how long it took")
          .isPresent();
    }
  }

  @Test
  void aReturningStartLeavesAnExistingLocalDatabaseAsItIs() throws Exception {
    Path file = root.resolve("data/clipdeck.db");
    Files.createDirectories(file.getParent());
    try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        var statement = connection.createStatement()) {
      statement.execute("CREATE TABLE mine (id INTEGER PRIMARY KEY)");
    }
    try (AppContext context =
        new AppContext(
            AppContext.Options.isolated(AppPaths.under(root)).withLocalSchemaOnFirstStart())) {
      var local = context.profiles().active();

      assertThat(context.data(local).schemaPresent()).isFalse();
      assertThat(context.migrations(local).status().currentVersion()).isEmpty();
    }
  }

  @Test
  void closingStopsEveryThreadAndPoolItStarted() throws Exception {
    AppContext context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    context.health().watch(context.profiles().active()).get(10, TimeUnit.SECONDS);
    String answer = context.jobs().submit("a job", () -> "done").get(10, TimeUnit.SECONDS);
    PooledDatabase database = context.databases().openDatabases().getFirst();

    context.close();

    assertThat(answer).isEqualTo("done");
    assertThat(context.workers().isTerminated()).isTrue();
    assertThat(context.scheduler().isShutdown()).isTrue();
    assertThat(context.databases().openDatabases()).isEmpty();
    assertThat(database.stats().total()).isZero();
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(Thread::isAlive)
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("clipdeck-") && !name.equals("clipdeck-scheduler"));
    assertThat(Thread.getAllStackTraces().keySet())
        .filteredOn(thread -> thread.getName().equals("clipdeck-scheduler"))
        .allSatisfy(thread -> thread.join(5_000));
  }
}
