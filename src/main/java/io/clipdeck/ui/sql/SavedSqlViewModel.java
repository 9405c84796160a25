package io.clipdeck.ui.sql;

import io.clipdeck.sql.ConsoleHistory;
import io.clipdeck.sql.SqlConsoleService;
import io.clipdeck.ui.fx.ViewJobs;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the console keeps for the active profile: the searchable history of statements run and the
 * saved snippets (named statements), both read and written on a worker through {@link ViewJobs}.
 * The console hands it the active profile's service whenever the profile changes.
 */
public final class SavedSqlViewModel {

  /** History entries shown at most. */
  static final int HISTORY_SHOWN = 500;

  private final ViewJobs jobs;
  private final ObservableList<ConsoleHistory.Entry> history = FXCollections.observableArrayList();
  private final ObservableList<ConsoleHistory.Snippet> snippets =
      FXCollections.observableArrayList();
  private final StringProperty historySearch = new SimpleStringProperty("");
  private final StringProperty snippetSearch = new SimpleStringProperty("");
  private final StringProperty snippetName = new SimpleStringProperty("");
  private final LatestRead historyRead;
  private final LatestRead snippetRead;
  private SqlConsoleService service;

  SavedSqlViewModel(ViewJobs jobs) {
    this.jobs = jobs;
    this.historyRead = new LatestRead(jobs.latest());
    this.snippetRead = new LatestRead(jobs.latest());
    historySearch.addListener((observable, was, text) -> searchHistory());
    snippetSearch.addListener((observable, was, text) -> searchSnippets());
  }

  public ObservableList<ConsoleHistory.Entry> history() {
    return history;
  }

  public ObservableList<ConsoleHistory.Snippet> snippets() {
    return snippets;
  }

  public StringProperty historySearchProperty() {
    return historySearch;
  }

  public StringProperty snippetSearchProperty() {
    return snippetSearch;
  }

  /** The name the next saved snippet gets. */
  public StringProperty snippetNameProperty() {
    return snippetName;
  }

  /** Follows the active profile: its history and snippets replace the last one's. */
  void follow(SqlConsoleService next) {
    service = next;
    history.clear();
    snippets.clear();
    searchHistory();
    searchSnippets();
  }

  public CompletableFuture<Void> searchHistory() {
    ConsoleHistory from = service.history();
    String text = historySearch.get();
    return read(
        historyRead,
        "Searching the SQL history",
        () -> from.search(text, HISTORY_SHOWN),
        history::setAll);
  }

  public CompletableFuture<Void> searchSnippets() {
    ConsoleHistory from = service.history();
    String text = snippetSearch.get();
    return read(
        snippetRead,
        "Searching the SQL snippets",
        () -> from.searchSnippets(text),
        snippets::setAll);
  }

  /**
   * Saves {@code sql} under the name typed in {@link #snippetNameProperty()}, replacing a snippet
   * of that name; refused with a message saying what is missing.
   */
  public CompletableFuture<Void> saveSnippet(String sql) {
    String name = snippetName.get() == null ? "" : snippetName.get().strip();
    if (name.isEmpty()) {
      return refused("Type a name for the snippet first");
    }
    if (sql == null || sql.isBlank()) {
      return refused("Select the SQL to save, or put the caret in a statement");
    }
    ConsoleHistory to = service.history();
    ConsoleHistory.Snippet snippet = new ConsoleHistory.Snippet(name, sql.strip());
    return write(
        "Saving the snippet " + name,
        () -> to.saveSnippet(snippet),
        () -> {
          snippetName.set("");
          jobs.report("Saved the snippet " + name, false);
        });
  }

  public CompletableFuture<Void> deleteSnippet(ConsoleHistory.Snippet snippet) {
    ConsoleHistory from = service.history();
    return write(
        "Deleting the snippet " + snippet.name(),
        () -> from.deleteSnippet(snippet.name()),
        () -> jobs.report("Deleted the snippet " + snippet.name(), false));
  }

  private CompletableFuture<Void> refused(String why) {
    jobs.report(why, true);
    return CompletableFuture.failedFuture(new IllegalArgumentException(why));
  }

  private interface Write {
    void run() throws Exception;
  }

  private CompletableFuture<Void> write(String name, Write write, Runnable then) {
    CompletableFuture<Void> applied = new CompletableFuture<>();
    jobs.run(
        name,
        () -> {
          write.run();
          return null;
        },
        (nothing, error) -> {
          if (error != null) {
            jobs.report(name + " failed: " + ViewJobs.message(error), true);
            applied.completeExceptionally(error);
            return;
          }
          then.run();
          searchSnippets().whenComplete((read, failed) -> applied.complete(null));
        });
    return applied;
  }

  /**
   * A read a newer one overtakes: the older one's result is dropped and its future completes at
   * once, so nobody waits for a result that will never be shown.
   */
  private static final class LatestRead {
    private final ViewJobs.Latest slot;
    private CompletableFuture<Void> pending = CompletableFuture.completedFuture(null);

    LatestRead(ViewJobs.Latest slot) {
      this.slot = slot;
    }
  }

  private <T> CompletableFuture<Void> read(
      LatestRead latest, String name, Callable<List<T>> work, Consumer<List<T>> show) {
    latest.pending.complete(null);
    CompletableFuture<Void> applied = new CompletableFuture<>();
    latest.pending = applied;
    latest.slot.run(
        name,
        work,
        (found, error) -> {
          if (error == null) {
            show.accept(found);
            applied.complete(null);
          } else {
            jobs.report(name + " failed: " + ViewJobs.message(error), true);
            applied.completeExceptionally(error);
          }
        });
    return applied;
  }
}
