package io.clipdeck.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.progress.JobCancelledException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ViewJobsTest {

  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();

  /** The "FX thread": what the jobs apply waits here until the test runs it. */
  private final BlockingQueue<Runnable> fx = new LinkedBlockingQueue<>();

  private final ViewJobs jobs = new ViewJobs(new BackgroundJobs(workers), fx::add);

  @AfterEach
  void close() {
    workers.close();
  }

  private void applyNext() throws InterruptedException {
    Runnable next = fx.poll(10, TimeUnit.SECONDS);
    assertThat(next).as("an apply arrives").isNotNull();
    next.run();
  }

  @Test
  void busyUntilEveryJobIncludingThoseAnApplyStartsHasBeenApplied() throws Exception {
    List<String> applied = new ArrayList<>();
    jobs.run(
        "first",
        () -> 1,
        (result, error) -> {
          applied.add("first " + result);
          assertThat(jobs.busyProperty().get()).isTrue();
          jobs.run("second", () -> 2, (again, failure) -> applied.add("second " + again));
        });
    assertThat(jobs.busyProperty().get()).isTrue();
    applyNext();
    assertThat(jobs.busyProperty().get()).isTrue();
    assertThat(jobs.runningProperty().get()).isEqualTo(1);
    applyNext();
    assertThat(jobs.busyProperty().get()).isFalse();
    assertThat(applied).containsExactly("first 1", "second 2");
  }

  @Test
  void aFailureArrivesAsItsRealCauseAndIsReported() throws Exception {
    jobs.report(
        "Saving",
        () -> {
          throw new IllegalStateException("the disk is full");
        },
        result -> jobs.report("saved", false));
    assertThat(jobs.statusProperty().get()).isEqualTo("Saving…");
    applyNext();
    assertThat(jobs.statusProperty().get()).isEqualTo("Saving failed: the disk is full");
    assertThat(jobs.statusIsErrorProperty().get()).isTrue();
    assertThat(jobs.busyProperty().get()).isFalse();
    assertThat(ViewJobs.message(new CompletionException(new IllegalArgumentException("bad input"))))
        .isEqualTo("bad input");
    assertThat(ViewJobs.message(new CompletionException(new NullPointerException())))
        .isEqualTo("NullPointerException");
  }

  @Test
  void aNewerJobInTheSameSlotDropsTheOlderResult() throws Exception {
    List<Integer> applied = new ArrayList<>();
    ViewJobs.Latest reads = jobs.latest();
    var first = reads.run("read 1", () -> 1, (result, error) -> applied.add(result));
    reads.run("read 2", () -> 2, (result, error) -> applied.add(result));
    assertThat(first.cancelled()).isTrue();
    applyNext();
    applyNext();
    assertThat(applied).containsExactly(2);
    assertThat(jobs.busyProperty().get()).isFalse();
  }

  @Test
  void aTrackedJobShowsItsCountInTheBarAndTheJobListAndStopsOnCancel() throws Exception {
    BackgroundJobs background = new BackgroundJobs(workers);
    ViewJobs tracked = new ViewJobs(background, fx::add);
    CountDownLatch reported = new CountDownLatch(1);
    List<Throwable> outcome = new ArrayList<>();
    tracked.track(
        "Loading",
        progress -> {
          progress.advanced(1_000, 5_000);
          reported.countDown();
          while (true) {
            // Stops only where the work checks; the test's cancel is what ends the loop.
            progress.stopIfCancelled("after 1000 of 5000");
            Thread.onSpinWait();
          }
        },
        (result, error) -> outcome.add(error));
    assertThat(tracked.trackingProperty().get()).isTrue();
    assertThat(reported.await(10, TimeUnit.SECONDS)).isTrue();
    applyNext(); // the bar's update
    assertThat(tracked.progressTextProperty().get()).isEqualTo("Loading: 1,000 of 5,000");
    assertThat(tracked.progressProperty().get()).isEqualTo(0.2);
    assertThat(background.runningJobs())
        .singleElement()
        .satisfies(
            job -> {
              assertThat(job.count()).isEqualTo("1,000 of 5,000");
              assertThat(job.cancellable()).isTrue();
            });

    tracked.cancelTracked();
    assertThat(tracked.progressTextProperty().get()).endsWith("(stopping…)");
    assertThat(tracked.cancellableProperty().get()).isFalse();
    applyNext(); // the apply
    assertThat(outcome)
        .singleElement()
        .isInstanceOf(JobCancelledException.class)
        .extracting(Throwable::getMessage)
        .isEqualTo("Cancelled after 1000 of 5000");
    assertThat(tracked.trackingProperty().get()).isFalse();
    assertThat(tracked.busyProperty().get()).isFalse();
    assertThat(background.runningJobs()).isEmpty();
  }
}
