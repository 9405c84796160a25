package io.clipdeck.ui.fx;

import io.clipdeck.app.BackgroundJobs;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The one way a view model runs work in the background: the work runs as a named {@link
 * BackgroundJobs} job on the application's virtual threads, and its result (or the real cause of
 * its failure, never a {@link CompletionException}) is applied on the view model's executor (the FX
 * thread in the app, the caller in tests).
 *
 * <p>{@link #busyProperty()} is true from the moment a job starts until every job has been applied,
 * including jobs an apply starts (a page read after a write); it turns false only after the apply
 * ran, so whoever waits for "not busy" sees the outcome. A {@link Job} can be cancelled: its apply
 * is then skipped (the work itself is not interrupted), and {@link #latest()} gives a slot where a
 * newer job cancels the one before it, for reads that a newer request overtakes.
 *
 * <p>It also holds a status line with an error flag, for view models that report what their jobs
 * did in one line. Call its methods on the view model's executor.
 */
public final class ViewJobs {

  private final BackgroundJobs jobs;
  private final Executor fx;
  private final ReadOnlyIntegerWrapper running = new ReadOnlyIntegerWrapper(0);
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(false);

  public ViewJobs(BackgroundJobs jobs, Executor fx) {
    this.jobs = jobs;
    this.fx = fx;
  }

  /** A started job: {@link #cancel()} drops its result. */
  public interface Job {
    /** Its apply will not run; the work finishes on its thread and is forgotten. */
    void cancel();

    boolean cancelled();
  }

  /**
   * Runs {@code work} as the background job {@code description}, then {@code apply} on the view
   * model's executor with its result and null, or null and the real cause of its failure.
   */
  public <T> Job run(String description, Callable<T> work, BiConsumer<? super T, Throwable> apply) {
    Ticket ticket = new Ticket();
    running.set(running.get() + 1);
    busy.set(true);
    jobs.submit(description, work)
        .whenComplete(
            (result, error) ->
                fx.execute(
                    () -> {
                      try {
                        if (!ticket.cancelled()) {
                          apply.accept(result, error == null ? null : cause(error));
                        }
                      } finally {
                        running.set(running.get() - 1);
                        busy.set(running.get() > 0);
                      }
                    }));
    return ticket;
  }

  /** Runs {@code work}, then {@code done} with its result or {@code failed} with the real cause. */
  public <T> Job run(
      String description, Callable<T> work, Consumer<? super T> done, Consumer<Throwable> failed) {
    return run(
        description,
        work,
        (result, error) -> {
          if (error == null) {
            done.accept(result);
          } else {
            failed.accept(error);
          }
        });
  }

  /**
   * Runs {@code work} reporting in the status line: "description…" at once, "description failed:
   * cause" as an error, else whatever {@code done} reports.
   */
  public <T> Job report(String description, Callable<T> work, Consumer<? super T> done) {
    report(description + "…", false);
    return run(
        description, work, done, error -> report(description + " failed: " + message(error), true));
  }

  /** A slot for jobs that overtake each other: starting one cancels the one before. */
  public Latest latest() {
    return new Latest();
  }

  /** See {@link #latest()}. */
  public final class Latest {
    private Job current;

    private Latest() {}

    public <T> Job run(
        String description, Callable<T> work, BiConsumer<? super T, Throwable> apply) {
      cancel();
      current = ViewJobs.this.run(description, work, apply);
      return current;
    }

    /** Drops the result of the job in the slot, if any. */
    public void cancel() {
      if (current != null) {
        current.cancel();
        current = null;
      }
    }
  }

  /** True while a job runs or waits to be applied. */
  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** How many jobs run or wait to be applied. */
  public ReadOnlyIntegerProperty runningProperty() {
    return running.getReadOnlyProperty();
  }

  /** The last thing reported. */
  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  /** Whether {@link #statusProperty()} says something failed. */
  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return statusIsError.getReadOnlyProperty();
  }

  public void report(String message, boolean error) {
    status.set(message);
    statusIsError.set(error);
  }

  /** The failure a future or executor wrapped, unwrapped: what actually went wrong. */
  public static Throwable cause(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** The real cause's message, or its kind when it has none. */
  public static String message(Throwable error) {
    Throwable cause = cause(error);
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }

  private static final class Ticket implements Job {
    private volatile boolean cancelled;

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public boolean cancelled() {
      return cancelled;
    }
  }
}
