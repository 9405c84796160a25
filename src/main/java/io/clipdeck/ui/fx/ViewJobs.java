package io.clipdeck.ui.fx;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.app.RunningJob;
import io.clipdeck.progress.JobCancelledException;
import io.clipdeck.progress.Progress;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
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
 * <p>A long job runs through {@link #track}: its work reports how far it is through a {@link
 * Progress}, the view shows a progress bar with the count ({@link #progressProperty()}, {@link
 * #progressTextProperty()}) and a cancel button ({@link #cancelTracked()}); the status bar lists it
 * among the running jobs. A cancelled job stops where its work checks, and its apply gets the
 * {@link JobCancelledException} saying what was done.
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
  private final ReadOnlyBooleanWrapper tracking = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
  private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper cancellable = new ReadOnlyBooleanWrapper(false);
  private Tracking current;

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
    started();
    applyWhenDone(jobs.submit(description, work), ticket, apply, () -> {});
    return ticket;
  }

  private void started() {
    running.set(running.get() + 1);
    busy.set(true);
  }

  private <T> void applyWhenDone(
      CompletableFuture<T> result,
      Ticket ticket,
      BiConsumer<? super T, Throwable> apply,
      Runnable after) {
    result.whenComplete(
        (value, error) ->
            fx.execute(
                () -> {
                  try {
                    after.run();
                    if (!ticket.cancelled()) {
                      apply.accept(value, error == null ? null : cause(error));
                    }
                  } finally {
                    running.set(running.get() - 1);
                    busy.set(running.get() > 0);
                  }
                }));
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

  /**
   * Runs {@code work} as a tracked, cancellable job {@code description}: the view's progress bar
   * and count follow what it reports, {@link #cancelTracked()} asks it to stop; then {@code apply}
   * runs as for {@link #run(String, Callable, BiConsumer)}, with a {@link JobCancelledException}
   * when it was cancelled.
   */
  public <T> Job track(
      String description,
      BackgroundJobs.TrackedWork<T> work,
      BiConsumer<? super T, Throwable> apply) {
    Ticket ticket = new Ticket();
    Tracking job = new Tracking(description);
    started();
    current = job;
    BackgroundJobs.Started<T> start =
        jobs.track(description, true, reported -> work.run(job.relay(reported)));
    job.id = start.id();
    showTracking();
    applyWhenDone(
        start.result(),
        ticket,
        apply,
        () -> {
          if (current == job) {
            current = null;
            showTracking();
          }
        });
    return ticket;
  }

  /** Asks the tracked job on show to stop; it stops where its work next checks. */
  public void cancelTracked() {
    if (current != null && current.id > 0) {
      jobs.cancel(current.id);
      current.cancelAsked = true;
      showTracking();
    }
  }

  /** True while a tracked job runs: the view shows its progress bar then. */
  public ReadOnlyBooleanProperty trackingProperty() {
    return tracking.getReadOnlyProperty();
  }

  /** How far the tracked job is, 0 to 1, or -1 (indeterminate) before it says. */
  public ReadOnlyDoubleProperty progressProperty() {
    return progress.getReadOnlyProperty();
  }

  /** "description: 3,000 of 20,000", what the progress bar's label reads. */
  public ReadOnlyStringProperty progressTextProperty() {
    return progressText.getReadOnlyProperty();
  }

  /** Whether the tracked job can still be asked to stop. */
  public ReadOnlyBooleanProperty cancellableProperty() {
    return cancellable.getReadOnlyProperty();
  }

  private void showTracking() {
    Tracking job = current;
    tracking.set(job != null);
    if (job == null) {
      progress.set(-1);
      progressText.set("");
      cancellable.set(false);
      return;
    }
    RunningJob shown =
        new RunningJob(job.id, job.description, job.done, job.total, true, job.cancelAsked);
    progress.set(shown.fraction());
    String count = shown.count();
    progressText.set(
        job.description
            + (count.isEmpty() ? "…" : ": " + count)
            + (job.cancelAsked ? " (stopping…)" : ""));
    cancellable.set(!job.cancelAsked);
  }

  /** A tracked job's figures, written on its worker and shown on the view model's executor. */
  private final class Tracking {
    private final String description;
    private final AtomicBoolean showPending = new AtomicBoolean();
    private volatile long id;
    private volatile long done;
    private volatile long total = -1;
    private boolean cancelAsked;

    private Tracking(String description) {
      this.description = description;
    }

    /** The progress the work reports to: the job list's, and this view's bar. */
    private Progress relay(Progress reported) {
      return new Progress() {
        @Override
        public void advanced(long doneNow, long totalNow) {
          reported.advanced(doneNow, totalNow);
          done = doneNow;
          total = totalNow;
          // One pending update at a time: a fast job does not flood the FX thread.
          if (showPending.compareAndSet(false, true)) {
            fx.execute(
                () -> {
                  showPending.set(false);
                  if (current == Tracking.this) {
                    showTracking();
                  }
                });
          }
        }

        @Override
        public boolean cancelRequested() {
          return reported.cancelRequested();
        }
      };
    }
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
    // The flag first: whoever follows the line reads the flag that goes with it.
    statusIsError.set(error);
    status.set(message);
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
