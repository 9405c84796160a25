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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
import javafx.beans.property.SimpleStringProperty;
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
  private final BackgroundJobs jobs;
  private final DialogService dialogs;
  private final Executor fx;
  private final Consumer<ConnectionProfile> activeListener;

  private final ResultWindow result = new ResultWindow(HELD);
  private final ObservableList<String> messages = FXCollections.observableArrayList();
  private final ObservableList<ConsoleHistory.Entry> history = FXCollections.observableArrayList();
  private final ObjectProperty<ExplainPlan> plan = new SimpleObjectProperty<>();
  private final StringProperty historySearch = new SimpleStringProperty("");
  private final BooleanProperty readOnly = new SimpleBooleanProperty(false);
  private final IntegerProperty errorPosition = new SimpleIntegerProperty(-1);
  private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper autoCommit = new ReadOnlyBooleanWrapper(true);
  private final ReadOnlyBooleanWrapper transactionOpen = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper profileLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper idleWarning = new ReadOnlyStringWrapper("");

  private SqlConsoleService service;
  private ConsoleSession session;
  private boolean fetching;

  /** Operations started and not yet applied: running while any is. */
  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  public SqlConsoleViewModel(
      ProfileService profiles,
      Function<ConnectionProfile, SqlConsoleService> services,
      BackgroundJobs jobs,
      DialogService dialogs,
      Executor fx) {
    this.profiles = profiles;
    this.services = services;
    this.jobs = jobs;
    this.dialogs = dialogs;
    this.fx = fx;
    this.activeListener = active -> fx.execute(() -> follow(active));
    profiles.addActiveListener(activeListener);
    readOnly.addListener((observable, was, on) -> applyReadOnly(on));
    historySearch.addListener((observable, was, text) -> searchHistory());
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

  public ObservableList<ConsoleHistory.Entry> history() {
    return history;
  }

  public ObjectProperty<ExplainPlan> planProperty() {
    return plan;
  }

  public StringProperty historySearchProperty() {
    return historySearch;
  }

  public BooleanProperty readOnlyProperty() {
    return readOnly;
  }

  /** Where in the script the last error is (the view moves the caret there); -1 for none. */
  public IntegerProperty errorPositionProperty() {
    return errorPosition;
  }

  public ReadOnlyBooleanProperty runningProperty() {
    return running.getReadOnlyProperty();
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
            session.profile().name()
                + " is Production. Run "
                + writes.size()
                + (writes.size() == 1 ? " statement that changes" : " statements that change")
                + " data or schema?\n\n"
                + writes.getFirst().sql(),
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
      switch (outcome) {
        case ResultCursor cursor -> {
          String time = millis(cursor.firstResponse());
          messages.add(
              first(cursor.statement())
                  + ": "
                  + (cursor.exhausted()
                      ? cursor.rowsRead() + " rows in " + time
                      : cursor.isClosed()
                          ? "first "
                              + cursor.rowsRead()
                              + " rows in "
                              + time
                              + ", then closed: only the last result stays open"
                          : "rows streaming, first answer in " + time));
          result.show(cursor, ran.firstWindow());
        }
        case Outcome.Update update ->
            messages.add(
                first(update.statement())
                    + ": "
                    + update.count()
                    + " rows affected in "
                    + millis(update.elapsed()));
        case Outcome.Failure failure -> {
          messages.add("Error at line " + failure.line() + ": " + failure.message().strip());
          errorPosition.set(failure.position());
        }
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

  /** Asks the server to stop the running statement. */
  public CompletableFuture<Void> cancel() {
    ConsoleSession on = session;
    return jobs.submit(
            "Cancelling a statement",
            () -> {
              on.cancel();
              return null;
            })
        .thenAccept(nothing -> {});
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
          messages.add("Plan of " + first(statement) + (analyze ? " (analyzed)" : ""));
          readState(on);
        });
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
    Optional<Duration> idle = on.idleInTransaction();
    String warning =
        idle.filter(d -> d.compareTo(IDLE_LIMIT) >= 0)
            .map(
                d ->
                    "Transaction open and idle for "
                        + d.toMinutes()
                        + " min: it holds its locks; commit or roll back")
            .orElse("");
    fx.execute(() -> idleWarning.set(warning));
  }

  public CompletableFuture<Void> searchHistory() {
    SqlConsoleService from = service;
    String text = historySearch.get();
    return work(
        "Searching the SQL history", () -> from.history().search(text, 500), history::setAll);
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
      jobs.submit(
          "Closing the SQL console on " + old.profile().name(),
          () -> {
            old.close();
            return null;
          });
    }
    service = services.apply(active);
    session = service.openSession();
    result.clear();
    plan.set(null);
    profileLine.set(
        active.name()
            + " · "
            + active.kind().displayName()
            + " · "
            + active.environment().name().charAt(0)
            + active.environment().name().substring(1).toLowerCase(java.util.Locale.ROOT));
    readOnly.set(false);
    readState(session);
    searchHistory();
  }

  private void readState(ConsoleSession on) {
    autoCommit.set(on.autoCommit());
    transactionOpen.set(on.transactionOpen());
    if (!on.transactionOpen()) {
      idleWarning.set("");
    }
  }

  private <T> CompletableFuture<Void> work(String name, Callable<T> task, Consumer<T> then) {
    running.set(inFlight.incrementAndGet() > 0);
    CompletableFuture<Void> applied = new CompletableFuture<>();
    jobs.submit(name, task)
        .whenComplete(
            (value, error) ->
                fx.execute(
                    () -> {
                      running.set(inFlight.decrementAndGet() > 0);
                      if (error == null) {
                        then.accept(value);
                        applied.complete(null);
                      } else {
                        Throwable cause = error.getCause() == null ? error : error.getCause();
                        messages.add(name + " failed: " + cause.getMessage());
                        applied.completeExceptionally(cause);
                      }
                    }));
    return applied;
  }

  private static CompletableFuture<Void> done() {
    return CompletableFuture.completedFuture(null);
  }

  private static String first(SqlStatement statement) {
    String line = statement.sql().strip().lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 59) + "…" : line;
  }

  private static String millis(Duration elapsed) {
    return elapsed.toMillis() + " ms";
  }

  @Override
  public void close() {
    profiles.removeActiveListener(activeListener);
    ConsoleSession last = session;
    if (last != null) {
      try {
        jobs.submit(
            "Closing the SQL console",
            () -> {
              last.close();
              return null;
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // The application is shutting down: its pools close with it, and the session with them.
        last.close();
      }
    }
  }
}
