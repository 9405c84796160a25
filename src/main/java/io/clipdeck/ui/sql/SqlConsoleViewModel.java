package io.clipdeck.ui.sql;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.ProfileService;
import io.clipdeck.sql.Column;
import io.clipdeck.sql.ConsoleHistory;
import io.clipdeck.sql.ConsoleSession;
import io.clipdeck.sql.Execution;
import io.clipdeck.sql.ExplainPlan;
import io.clipdeck.sql.Outcome;
import io.clipdeck.sql.ResultCursor;
import io.clipdeck.sql.SqlConsoleService;
import io.clipdeck.sql.SqlSplitter;
import io.clipdeck.sql.SqlStatement;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.ViewJobs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The SQL console of the active profile: one {@link ConsoleSession} (its transaction survives from
 * statement to statement), the statement at the caret or the whole script run on a worker, the last
 * result's rows as a bounded window fetched as the table scrolls, messages, EXPLAIN as a plan tree,
 * commit/rollback, read-only mode, the idle-transaction flag and the searchable history. Results
 * come back through {@code fx}; each operation returns a future that completes after that.
 */
public final class SqlConsoleViewModel implements AutoCloseable {

  /** Rows fetched per window. */
  static final int WINDOW = 200;

  /** Rows the table holds at most; older ones are dropped from the top as more arrive. */
  static final int HELD = 5_000;

  /** How long an open transaction may sit idle before the view flags it. */
  static final Duration IDLE_LIMIT = Duration.ofMinutes(1);

  private final ProfileService profiles;
  private final Function<ConnectionProfile, SqlConsoleService> services;
  private final ViewJobs jobs;
  private final DialogService dialogs;
  private final Executor fx;
  private final Consumer<ConnectionProfile> activeListener;
  private final SavedSqlViewModel saved;

  private final ResultWindow result = new ResultWindow(HELD);
  private final ObservableList<String> messages = FXCollections.observableArrayList();
  private final ObjectProperty<ExplainPlan> plan = new SimpleObjectProperty<>();
  private final BooleanProperty readOnly = new SimpleBooleanProperty(false);
  private final IntegerProperty errorPosition = new SimpleIntegerProperty(-1);
  private final ReadOnlyBooleanWrapper autoCommit = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper transactionOpen = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper profileLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper idleWarning = new ReadOnlyStringWrapper("");

  private SqlConsoleService service;
  private ConsoleSession session;
  private boolean fetching;

  public SqlConsoleViewModel(
      ProfileService profiles,
      Function<ConnectionProfile, SqlConsoleService> services,
      BackgroundJobs jobs,
      DialogService dialogs,
      Executor fx) {
    this.profiles = profiles;
    this.services = services;
    this.jobs = new ViewJobs(jobs, fx);
    this.saved = new SavedSqlViewModel(this.jobs);
    this.dialogs = dialogs;
    this.fx = fx;
    this.activeListener = active -> fx.execute(() -> follow(active));
    profiles.addActiveListener(activeListener);
    readOnly.addListener((observable, was, on) -> applyReadOnly(on));
    follow(profiles.active());
  }

  // What the view binds to.

  public ObservableList<Column> columns() {
    return result.columns();
  }

  /** The rows held now: at most {@link #HELD}, a window of the result. */
  public ObservableList<Object[]> rows() {
    return result.rows();
  }

  public ObservableList<String> messages() {
    return messages;
  }

  /** The history and the saved snippets of the active profile. */
  public SavedSqlViewModel saved() {
    return saved;
  }

  public ObservableList<ConsoleHistory.Entry> history() {
    return saved.history();
  }

  public ObjectProperty<ExplainPlan> planProperty() {
    return plan;
  }

  public StringProperty historySearchProperty() {
    return saved.historySearchProperty();
  }

  public BooleanProperty readOnlyProperty() {
    return readOnly;
  }

  /** Where in the script the last error is (the view moves the caret there); -1 for none. */
  public IntegerProperty errorPositionProperty() {
    return errorPosition;
  }

  /** True while any of the console's jobs runs or waits to be applied. */
  public ReadOnlyBooleanProperty runningProperty() {
    return jobs.busyProperty();
  }

  /** What the last snippet operation did, or why it was refused. */
  public ReadOnlyStringProperty statusProperty() {
    return jobs.statusProperty();
  }

  /** False on Production: Commit and Rollback are shown. */
  public ReadOnlyBooleanProperty autoCommitProperty() {
    return autoCommit.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty transactionOpenProperty() {
    return transactionOpen.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty moreRowsProperty() {
    return result.moreProperty();
  }

  public ReadOnlyStringProperty profileLineProperty() {
    return profileLine.getReadOnlyProperty();
  }

  /** "rows 1–200 of the result, more to fetch", or "". */
  public ReadOnlyStringProperty resultLineProperty() {
    return result.lineProperty();
  }

  /** Non-empty while a transaction has been open and idle for longer than {@link #IDLE_LIMIT}. */
  public ReadOnlyStringProperty idleWarningProperty() {
    return idleWarning.getReadOnlyProperty();
  }

  // Operations.

  /** Runs the statement the caret stands in. */
  public CompletableFuture<Void> runStatementAt(String script, int caret) {
    SqlStatement statement = SqlSplitter.statementAt(session.split(script), caret);
    return statement == null ? done() : run(List.of(statement));
  }

  /** Runs every statement of the script, stopping at the first error. */
  public CompletableFuture<Void> runScript(String script) {
    List<SqlStatement> statements = session.split(script);
    return statements.isEmpty() ? done() : run(statements);
  }

  private CompletableFuture<Void> run(List<SqlStatement> statements) {
    List<SqlStatement> writes = session.needingConfirmation(statements);
    if (!writes.isEmpty()
        && !dialogs.confirm(
            "Change a Production database",
            OutcomeWords.productionQuestion(session.profile(), writes),
            "Run")) {
      return done();
    }
    ConsoleSession on = session;
    result.clear();
    errorPosition.set(-1);
    return work(
        "Running SQL on " + on.profile().name(),
        () -> {
          Execution execution = on.execute(statements, true);
          List<Outcome> outcomes = new ArrayList<>();
          List<Object[]> firstWindow = List.of();
          for (var next = execution.next(); next.isPresent(); next = execution.next()) {
            if (next.get() instanceof ResultCursor result) {
              firstWindow = result.fetch(WINDOW);
            }
            outcomes.add(next.get());
          }
          return new Ran(outcomes, firstWindow);
        },
        ran -> show(on, ran));
  }

  private record Ran(List<Outcome> outcomes, List<Object[]> firstWindow) {}

  private void show(ConsoleSession on, Ran ran) {
    for (Outcome outcome : ran.outcomes()) {
      messages.add(OutcomeWords.describe(outcome));
      switch (outcome) {
        case ResultCursor cursor -> result.show(cursor, ran.firstWindow());
        case Outcome.Update update -> {}
        case Outcome.Failure failure -> errorPosition.set(failure.position());
      }
    }
    readState(on);
  }

  /** Fetches the next window of the current result (the table scrolled to its end). */
  public CompletableFuture<Void> fetchMore() {
    ResultCursor from = result.cursor();
    if (from == null || from.exhausted() || from.isClosed() || fetching) {
      return done();
    }
    fetching = true;
    // Applied on the FX thread, so the flag is only ever touched there.
    return work("Fetching rows", () -> from.fetch(WINDOW), window -> result.append(from, window))
        .whenComplete((nothing, error) -> fetching = false);
  }

  /**
   * Stops the running statement: the driver's cancel, then the server's own cancel when that did
   * not stop it within a moment (see {@link ConsoleSession#cancel()}).
   */
  public CompletableFuture<Void> cancel() {
    ConsoleSession on = session;
    return work(
        "Cancelling a statement",
        () -> {
          on.cancel();
          return null;
        },
        nothing -> {});
  }

  /** The plan of the statement at the caret; with {@code analyze} it runs, after a confirmation. */
  public CompletableFuture<Void> explain(String script, int caret, boolean analyze) {
    SqlStatement statement = SqlSplitter.statementAt(session.split(script), caret);
    if (statement == null
        || (analyze
            && !dialogs.confirm(
                "Run the statement to measure it",
                "EXPLAIN ANALYZE runs the statement to measure it (a statement that changes data is"
                    + " rolled back afterwards). Run it?",
                "Run"))) {
      return done();
    }
    ConsoleSession on = session;
    return work(
        "Explaining a statement",
        () -> on.explain(statement.sql(), analyze),
        explained -> {
          plan.set(explained);
          messages.add("Plan of " + OutcomeWords.first(statement) + (analyze ? " (analyzed)" : ""));
          readState(on);
        });
  }

  /**
   * Saves the selection, or the statement at the caret when nothing is selected, as a snippet under
   * the name typed in {@link SavedSqlViewModel#snippetNameProperty()}.
   */
  public CompletableFuture<Void> saveSnippet(String script, int caret, String selection) {
    if (selection != null && !selection.isBlank()) {
      return saved.saveSnippet(selection);
    }
    SqlStatement statement = SqlSplitter.statementAt(session.split(script), caret);
    return saved.saveSnippet(statement == null ? "" : statement.sql());
  }

  public CompletableFuture<Void> commit() {
    return act("Commit", ConsoleSession::commit, "Committed");
  }

  public CompletableFuture<Void> rollback() {
    return act("Rollback", ConsoleSession::rollback, "Rolled back");
  }

  /** Rereads the idle-transaction flag; the view calls it every few seconds while shown. */
  public void checkIdle() {
    ConsoleSession on = session;
    String warning = OutcomeWords.idleWarning(on.idleInTransaction(), IDLE_LIMIT);
    fx.execute(() -> idleWarning.set(warning));
  }

  public CompletableFuture<Void> searchHistory() {
    return saved.searchHistory();
  }

  private void applyReadOnly(boolean on) {
    ConsoleSession target = session;
    act(
            "Read-only " + (on ? "on" : "off"),
            console -> console.setReadOnly(on),
            on ? "Read-only: writes are refused" : "Read-write")
        .exceptionally(
            error -> {
              fx.execute(() -> readOnly.set(target.readOnly()));
              return null;
            });
  }

  /** Work on the session with no result: a message and the session's state afterwards. */
  private interface Action {
    void run(ConsoleSession on) throws Exception;
  }

  private CompletableFuture<Void> act(String name, Action action, String done) {
    ConsoleSession on = session;
    return work(
        name,
        () -> {
          action.run(on);
          return on;
        },
        after -> {
          messages.add(done);
          readState(after);
        });
  }

  private void follow(ConnectionProfile active) {
    if (session != null) {
      ConsoleSession old = session;
      jobs.run(
          "Closing the SQL console on " + old.profile().name(),
          () -> {
            old.close();
            return null;
          },
          (nothing, error) -> {});
    }
    service = services.apply(active);
    session = service.openSession();
    result.clear();
    plan.set(null);
    profileLine.set(OutcomeWords.profileLine(active));
    readOnly.set(false);
    readState(session);
    saved.follow(service);
  }

  private void readState(ConsoleSession on) {
    autoCommit.set(on.autoCommit());
    transactionOpen.set(on.transactionOpen());
    if (!on.transactionOpen()) {
      idleWarning.set("");
    }
  }

  /**
   * Runs {@code task} as a console job; {@code then} applies its result on the FX executor, a
   * failure becomes a message. The future completes after either, for whoever waits on the outcome.
   */
  private <T> CompletableFuture<Void> work(String name, Callable<T> task, Consumer<T> then) {
    CompletableFuture<Void> applied = new CompletableFuture<>();
    jobs.run(
        name,
        task,
        (value, error) -> {
          if (error == null) {
            then.accept(value);
            applied.complete(null);
          } else {
            messages.add(name + " failed: " + ViewJobs.message(error));
            applied.completeExceptionally(error);
          }
        });
    return applied;
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void close() {
    profiles.removeActiveListener(activeListener);
    ConsoleSession last = session;
    if (last != null) {
      try {
        jobs.run(
            "Closing the SQL console",
            () -> {
              last.close();
              return null;
            },
            (nothing, error) -> {});
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // The application is shutting down: its pools close with it, and the session with them.
        last.close();
      }
    }
  }
}
