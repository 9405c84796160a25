package io.clipdeck.ui.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.Environment;
import io.clipdeck.sql.Column;
import io.clipdeck.testing.MutableClock;
import io.clipdeck.ui.fx.AnsweringDialogs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlConsoleViewModelTest {

  @TempDir Path root;
  private AppContext context;
  private SqlConsoleViewModel viewModel;
  private final AnsweringDialogs dialogs = new AnsweringDialogs();

  @BeforeEach
  void start() {
    context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)));
    viewModel =
        new SqlConsoleViewModel(
            context.profiles(), context::sqlConsole, context.jobs(), dialogs, Runnable::run);
  }

  @AfterEach
  void stop() {
    viewModel.close();
    context.close();
  }

  private static void await(CompletableFuture<Void> operation) throws Exception {
    operation.get(30, TimeUnit.SECONDS);
  }

  @Test
  void runsTheStatementAtTheCaretAndKeepsABoundedWindowAsItFetches() throws Exception {
    String script =
        "SELECT 1 AS one;\n"
            + "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 6000)"
            + " SELECT x, 'row ' || x AS label FROM c;";
    await(viewModel.runStatementAt(script, script.indexOf("RECURSIVE")));

    assertThat(viewModel.columns()).extracting(Column::name).containsExactly("x", "label");
    assertThat(viewModel.rows()).hasSize(SqlConsoleViewModel.WINDOW);
    assertThat(viewModel.moreRowsProperty().get()).isTrue();
    assertThat(viewModel.resultLineProperty().get()).isEqualTo("rows 1–200, more as you scroll");

    while (viewModel.moreRowsProperty().get()) {
      await(viewModel.fetchMore());
      assertThat(viewModel.rows().size()).isLessThanOrEqualTo(SqlConsoleViewModel.HELD);
    }
    assertThat(viewModel.rows()).hasSize(SqlConsoleViewModel.HELD);
    assertThat(viewModel.rows().getFirst()[0]).isEqualTo(1001);
    assertThat(viewModel.rows().getLast()[1]).isEqualTo("row 6000");
    assertThat(viewModel.resultLineProperty().get()).isEqualTo("rows 1001–6000 (all)");
  }

  @Test
  void aScriptWithTwoResultsKeepsTheLastOneOpen() throws Exception {
    String rows =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 1000) SELECT x FROM c";
    await(viewModel.runScript(rows + ";\n" + rows.replace("SELECT x FROM c", "SELECT -x FROM c")));

    assertThat(viewModel.messages().getFirst())
        .contains(": first 200 rows in ")
        .endsWith(", then closed: only the last result stays open");
    assertThat(viewModel.messages().get(1)).contains("rows streaming");
    assertThat(viewModel.rows().getFirst()[0]).isEqualTo(-1);
    await(viewModel.fetchMore());
    assertThat(viewModel.rows()).hasSize(400);
  }

  @Test
  void aScriptReportsEachStatementAndAnErrorMovesTheCaret() throws Exception {
    String script = "CREATE TABLE t (id integer);\nINSERT INTO t VALUES (1), (2);\nSELEC oops;";
    await(viewModel.runScript(script));

    assertThat(viewModel.messages()).hasSize(3);
    assertThat(viewModel.messages().get(1)).startsWith("INSERT INTO t VALUES (1), (2): 2 rows");
    assertThat(viewModel.messages().get(2)).startsWith("Error at line 3:").contains("SELEC");
    assertThat(viewModel.errorPositionProperty().get()).isEqualTo(script.indexOf("SELEC"));

    await(viewModel.explain("SELECT * FROM t WHERE id = 2", 0, false));
    assertThat(viewModel.planProperty().get().root().operation()).startsWith("SCAN t");
    assertThat(viewModel.planProperty().get().mostExpensive()).isPresent();

    viewModel.historySearchProperty().set("insert");
    await(viewModel.searchHistory());
    assertThat(viewModel.history())
        .singleElement()
        .satisfies(entry -> assertThat(entry.rows()).isEqualTo(2));
  }

  @Test
  void aTransactionLeftIdleIsFlaggedUntilItEnds() throws Exception {
    viewModel.close();
    context.close();
    MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));
    context =
        new AppContext(
            new AppContext.Options(
                AppPaths.under(root.resolve("idle")), clock, Duration.ofSeconds(2), 500, Map.of()));
    context
        .profiles()
        .save(
            ConnectionProfile.sqlite("prod", root.resolve("idle.db")).toBuilder()
                .environment(Environment.PRODUCTION)
                .build(),
            Optional.empty());
    context.profiles().activate("prod");
    viewModel =
        new SqlConsoleViewModel(
            context.profiles(), context::sqlConsole, context.jobs(), dialogs, Runnable::run);

    await(viewModel.runScript("CREATE TABLE t (id integer)"));
    assertThat(viewModel.transactionOpenProperty().get()).isTrue();
    clock.advance(Duration.ofSeconds(30));
    viewModel.checkIdle();
    assertThat(viewModel.idleWarningProperty().get()).isEmpty();

    clock.advance(Duration.ofMinutes(2));
    viewModel.checkIdle();
    assertThat(viewModel.idleWarningProperty().get())
        .isEqualTo("Transaction open and idle for 2 min: it holds its locks; commit or roll back");

    await(viewModel.rollback());
    assertThat(viewModel.idleWarningProperty().get()).isEmpty();
    assertThat(viewModel.transactionOpenProperty().get()).isFalse();
  }

  @Test
  void aProductionProfileAsksBeforeWritingAndOffersCommit() throws Exception {
    ConnectionProfile production =
        ConnectionProfile.sqlite("prod", root.resolve("prod.db")).toBuilder()
            .environment(Environment.PRODUCTION)
            .build();
    context.profiles().save(production, Optional.empty());
    context.profiles().activate("prod");
    assertThat(viewModel.profileLineProperty().get()).isEqualTo("prod · SQLite · Production");
    assertThat(viewModel.autoCommitProperty().get()).isFalse();

    dialogs.answer = false;
    await(viewModel.runScript("CREATE TABLE t (id integer)"));
    assertThat(dialogs.questions).hasSize(1);
    assertThat(viewModel.messages()).isEmpty();

    dialogs.answer = true;
    await(viewModel.runScript("CREATE TABLE t (id integer); INSERT INTO t VALUES (1)"));
    assertThat(viewModel.transactionOpenProperty().get()).isTrue();
    await(viewModel.commit());
    assertThat(viewModel.transactionOpenProperty().get()).isFalse();

    await(viewModel.runScript("SELECT count(*) FROM t"));
    assertThat(dialogs.questions).hasSize(2);
    assertThat(viewModel.rows().getFirst()[0]).isEqualTo(1);
  }

  @Test
  void theSelectionOrTheStatementAtTheCaretIsSavedAsASnippetAndFound() throws Exception {
    SavedSqlViewModel saved = viewModel.saved();
    String script = "SELECT 1 AS one;\nSELECT 'zwei' AS two;";

    assertThat(viewModel.saveSnippet(script, 0, "")).isCompletedExceptionally();
    assertThat(viewModel.statusProperty().get()).isEqualTo("Type a name for the snippet first");

    saved.snippetNameProperty().set("second");
    await(viewModel.saveSnippet(script, script.indexOf("zwei"), ""));
    assertThat(saved.snippetNameProperty().get()).isEmpty();
    saved.snippetNameProperty().set("just one");
    await(viewModel.saveSnippet(script, 0, "1 AS one"));
    assertThat(saved.snippets())
        .extracting(s -> s.name() + "=" + s.sql())
        .containsExactly("just one=1 AS one", "second=SELECT 'zwei' AS two");

    saved.snippetSearchProperty().set("ZWEI");
    await(saved.searchSnippets());
    assertThat(saved.snippets()).extracting(s -> s.name()).containsExactly("second");

    await(saved.deleteSnippet(saved.snippets().getFirst()));
    assertThat(saved.snippets()).isEmpty();
    saved.snippetSearchProperty().set("");
    await(saved.searchSnippets());
    assertThat(saved.snippets()).extracting(s -> s.name()).containsExactly("just one");
  }
}
