package io.clipdeck.ui.explorer;

import io.clipdeck.app.BackgroundJobs;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The explorer's work on the application's virtual threads, its result applied through the FX
 * executor; whether anything is running, and the last status line, shared by the tree and the grid.
 */
final class ExplorerJobs {

  private final BackgroundJobs jobs;
  private final Executor fx;
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(false);
  private int running;

  ExplorerJobs(BackgroundJobs jobs, Executor fx) {
    this.jobs = jobs;
    this.fx = fx;
  }

  <T> void run(String description, Callable<T> work, Consumer<T> apply) {
    run(description, work, apply, message -> {});
  }

  /** Runs work on a worker; applies its result, or reports its failure, on the FX executor. */
  <T> void run(String description, Callable<T> work, Consumer<T> apply, Consumer<String> failed) {
    running++;
    loading.set(true);
    jobs.submit(description, work)
        .whenComplete(
            (value, error) ->
                fx.execute(
                    () -> {
                      loading.set(--running > 0);
                      if (error == null) {
                        apply.accept(value);
                        return;
                      }
                      Throwable cause =
                          error instanceof CompletionException wrapped && wrapped.getCause() != null
                              ? wrapped.getCause()
                              : error;
                      failed.accept(cause.getMessage());
                      report(description + " failed: " + cause.getMessage(), true);
                    }));
  }

  void report(String message, boolean error) {
    status.set(message);
    statusIsError.set(error);
  }

  ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  ReadOnlyBooleanProperty statusIsErrorProperty() {
    return statusIsError.getReadOnlyProperty();
  }
}
