package io.clipdeck.ui.fx;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.BackgroundJobs;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
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
}
