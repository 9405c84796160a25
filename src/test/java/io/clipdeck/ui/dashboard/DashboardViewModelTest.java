package io.clipdeck.ui.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.config.DashboardSettings;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.Environment;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.ProfileService;
import io.clipdeck.monitor.Alert;
import io.clipdeck.monitor.AlertRules;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import io.clipdeck.ui.fx.AnsweringDialogs;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's logic on real databases, without a JavaFX toolkit: snapshots in, properties out.
 */
class DashboardViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private DashboardViewModel viewModel;
  private final AnsweringDialogs dialogs = new AnsweringDialogs();

  @BeforeEach
  void start() {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    viewModel =
        new DashboardViewModel(
            context.dashboard(),
            context.jobs(),
            dialogs,
            context.clock(),
            context.scheduler(),
            context.workers(),
            Runnable::run,
            () -> DashboardSettings.DEFAULTS.withRefreshInterval(Duration.ofSeconds(60)));
  }

  @AfterEach
  void stop() {
    viewModel.stop();
    context.close();
  }

  @Test
  void theLocalSqliteProfileShowsItsPoolAndSaysItHasNoServerSide() {
    viewModel.refresh();

    assertThat(viewModel.headingProperty().get()).startsWith("Local SQLite · SQLite · ");
    assertThat(viewModel.healthLineProperty().get()).startsWith("Up · round trip ");
    assertThat(viewModel.upProperty().get()).isTrue();
    assertThat(viewModel.figures()).extracting(Figure::name).contains("Active", "Waiting");
    assertThat(viewModel.hasServerProperty().get()).isFalse();
    assertThat(viewModel.serverLineProperty().get()).startsWith("A SQLite file has no server");
    assertThat(viewModel.sessions()).isEmpty();
    assertThat(viewModel.diagnosisProperty().get()).isEmpty();
    assertThat(viewModel.historyProperty().get()).singleElement();

    viewModel.refresh();
    assertThat(viewModel.historyProperty().get()).hasSize(2);
  }

  @Test
  void clipdecksOwnStatementsShowAsRateTimesAndCacheHits() throws Exception {
    ConnectionProfile local = context.profiles().active();
    context.migrations(local).migrate(Optional.empty(), step -> {});
    var videos = context.data(local).videos();
    viewModel.refresh();
    for (int i = 0; i < 20; i++) {
      videos.count(VideoFilter.ALL);
    }
    viewModel.refresh();

    assertThat(viewModel.figures())
        .extracting(Figure::name)
        .contains("Queries/s", "Avg query", "p95 query", "Query cache", "Query errors");
    Figure cache =
        viewModel.figures().stream()
            .filter(figure -> figure.name().equals("Query cache"))
            .findFirst()
            .orElseThrow();
    assertThat(cache.value()).isEqualTo("95 %"); // 19 of 20 counts came from the cache
    assertThat(viewModel.historyProperty().get().getLast().values()).containsKey("avg query ms");

    long executedBefore = context.data(local).executor().metrics().executed();
    viewModel.warmCache();
    waitFor(() -> viewModel.actionResultProperty().get().startsWith("Preloaded"));
    assertThat(viewModel.actionResultProperty().get())
        .isEqualTo("Preloaded 6 common reads of Local SQLite into the query cache.");
    long executedAfterWarm = context.data(local).executor().metrics().executed();
    context.data(local).videos().processingVideos(DataLayer.WARM_LIMIT);
    context.data(local).usage().dailyUsage(7);
    assertThat(context.data(local).executor().metrics().executed())
        .as("the warmed reads come from the cache")
        .isEqualTo(executedAfterWarm)
        .isGreaterThan(executedBefore);
  }

  @Test
  void aLongRunningPostgresStatementIsHighlightedAndCancelledAfterAskingOnProduction()
      throws Exception {
    try (ScratchDatabase scratch = TestDatabases.postgres()) {
      ConnectionProfile profile =
          scratch.profile().toBuilder().environment(Environment.PRODUCTION).build();
      context.profiles().save(profile, Optional.empty());
      context.profiles().activate(profile.name());
      try (PooledDatabase other = new PooledDatabase(profile, context.clock());
          Connection sleeper = other.connection()) {
        // The server is shared: find this test's session by its id, never the first listed.
        long sleeperId;
        try (Statement statement = sleeper.createStatement();
            var pid = statement.executeQuery("SELECT pg_backend_pid()")) {
          pid.next();
          sleeperId = pid.getLong(1);
        }
        CompletableFuture<Throwable> sleeping = sleep(sleeper);

        refreshUntil(
            () ->
                viewModel.sessions().stream()
                    .anyMatch(
                        row ->
                            row.id() == sleeperId
                                && row.severity() == SessionRow.Severity.WARNING));

        SessionRow row =
            viewModel.sessions().stream()
                .filter(session -> session.id() == sleeperId)
                .findFirst()
                .orElseThrow();
        assertThat(row.query()).isEqualTo("SELECT pg_sleep(60)");
        assertThat(row.clipdeck()).isTrue();
        assertThat(row.state()).isEqualTo("active");
        assertThat(viewModel.hasServerProperty().get()).isTrue();
        assertThat(viewModel.serverFigures())
            .extracting(Figure::name)
            .contains("Sessions", "Running", "Commits/s");
        assertThat(viewModel.serverLineProperty().get()).contains("of max_connections");

        viewModel.selectedSessionProperty().set(row);
        assertThat(viewModel.canActProperty().get()).isTrue();
        dialogs.answer = false;
        viewModel.cancelSelected();
        assertThat(dialogs.questions).containsExactly("Cancel a statement on " + profile.name());
        assertThat(sleeping).isNotDone();

        dialogs.answer = true;
        viewModel.cancelSelected();
        assertThat(sleeping.get(20, TimeUnit.SECONDS))
            .isInstanceOf(SQLException.class)
            .hasMessageContaining("cancel");
        waitFor(() -> viewModel.actionResultProperty().get().startsWith("Cancelled"));
        assertThat(viewModel.actionResultProperty().get())
            .isEqualTo("Cancelled the statement of session " + row.id() + "; the session stays.");

        // The line was about that profile's session: another profile's dashboard starts clean.
        context.profiles().activate(ProfileService.DEFAULT_PROFILE);
        viewModel.refresh();
        assertThat(viewModel.headingProperty().get()).startsWith("Local SQLite");
        assertThat(viewModel.actionResultProperty().get()).isEmpty();
      }
    }
  }

  @Test
  void terminateAlwaysAsksAndOtherOpenProfilesGetACard() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.mariadb()) {
      ConnectionProfile profile = scratch.profile();
      context.profiles().save(profile, Optional.empty());
      context.databases().open(context.profiles().active()).checkHealth();
      context.profiles().activate(profile.name());
      try (PooledDatabase other = new PooledDatabase(profile, context.clock());
          Connection victim = other.connection()) {
        long victimId;
        try (Statement statement = victim.createStatement();
            var row = statement.executeQuery("SELECT CONNECTION_ID()")) {
          row.next();
          victimId = row.getLong(1);
        }
        refreshUntil(() -> viewModel.sessions().stream().anyMatch(row -> row.id() == victimId));
        assertThat(viewModel.cards()).extracting(CardRow::name).containsExactly("Local SQLite");
        assertThat(viewModel.cards().getFirst().up()).isTrue();

        // The console's own pool has idle sessions too: end the victim's, by its id.
        SessionRow idle =
            viewModel.sessions().stream()
                .filter(row -> row.id() == victimId)
                .findFirst()
                .orElseThrow();
        assertThat(idle.state()).isEqualTo("idle");
        viewModel.selectedSessionProperty().set(idle);
        viewModel.terminateSelected();
        assertThat(dialogs.questions).containsExactly("Terminate session " + idle.id());
        waitFor(() -> viewModel.actionResultProperty().get().startsWith("Terminated"));
        refreshUntil(() -> viewModel.sessions().stream().noneMatch(row -> row.id() == idle.id()));
        assertThat(victim.isValid(2)).isFalse();
      }
    }
  }

  @Test
  @SuppressWarnings("try") // the connection is held, not used: that fills the pool
  void aSaturatedPoolRaisesOneNotificationMarksTheProfileAndIsAcknowledged() throws Exception {
    ConnectionProfile small =
        ConnectionProfile.sqlite("small", root.resolve("small.db")).toBuilder()
            .pool(
                PoolSettings.DESKTOP.toBuilder()
                    .poolSize(0)
                    .maxOverflow(1)
                    .poolTimeout(Duration.ofMillis(300))
                    .build())
            .build();
    context.profiles().save(small, Optional.empty());
    context.profiles().activate(small.name());
    try (Connection held = context.databases().open(small).connection()) {
      viewModel.refresh();
      viewModel.refresh();
    }

    assertThat(dialogs.notices)
        .contains(
            "Alert on small: The pool of small is saturated: 1 of 1 connections lent out"
                + " (threshold 90 %).");
    assertThat(viewModel.alerts()).extracting(Alert::kind).contains(AlertRules.Kind.POOL_SATURATED);
    assertThat(viewModel.alertingProperty().get()).isTrue();
    assertThat(viewModel.alertHistory()).anyMatch(line -> line.contains("is saturated"));
    long notices = dialogs.notices.size();

    viewModel.alerts().stream().toList().forEach(viewModel::acknowledge);
    viewModel.refresh();

    assertThat(viewModel.alertingProperty().get()).isFalse();
    assertThat(viewModel.alerts()).isEmpty();
    assertThat(dialogs.notices).as("no new crossing, no new notice").hasSize((int) notices);
  }

  private static CompletableFuture<Throwable> sleep(Connection connection) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_sleep(60)");
            return null;
          } catch (SQLException e) {
            return e;
          }
        });
  }

  @Test
  void aGroupsMembersShowBesideItsCardWithRoleHealthAndPool() throws Exception {
    try (ScratchDatabase first = TestDatabases.postgres();
        ScratchDatabase second = TestDatabases.postgres()) {
      ConnectionProfile a = first.profile().toBuilder().name("a").build();
      ConnectionProfile b = second.profile().toBuilder().name("b").build();
      context.profiles().put(a);
      context.profiles().put(b);
      context
          .profiles()
          .saveGroup(
              new io.clipdeck.db.GroupDefinition(
                  "g", java.util.List.of("a", "b"), 3, Duration.ofMillis(200), false, null),
              Optional.empty());

      refreshUntil(
          () ->
              viewModel.cards().stream()
                  .filter(card -> card.name().startsWith("g · "))
                  .allMatch(card -> card.up() && card.state().startsWith("primary")));

      assertThat(viewModel.cards())
          .extracting(CardRow::name)
          .containsSubsequence("g", "g · a", "g · b");
      CardRow memberA = card("g · a");
      assertThat(memberA.kind()).isEqualTo("Group primary");
      assertThat(memberA.state()).startsWith("primary · serving · Up · round trip ");
      assertThat(memberA.detail()).startsWith("pool ").contains(" active, ");
      CardRow memberB = card("g · b");
      assertThat(memberB.kind()).isEqualTo("Group failover");
      assertThat(memberB.state()).startsWith("primary · Up").doesNotContain("serving");
    }
  }

  private CardRow card(String name) {
    return viewModel.cards().stream()
        .filter(card -> card.name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private void refreshUntil(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    viewModel.refresh();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
      viewModel.refresh();
    }
  }

  private static void waitFor(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 20 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }
}
