package io.clipdeck.enrich;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A run that ended, as the reference pipeline reports a batch: videos successful (every chosen step
 * done) and failed (the rest), and the task counts behind them.
 */
public record RunSummary(
    long runId,
    RunState outcome,
    Instant started,
    Instant finished,
    List<Step> steps,
    long videos,
    long successful,
    long failed,
    long tasksDone,
    long tasksFailed) {

  public RunSummary {
    steps = List.copyOf(steps);
  }

  public Duration duration() {
    return Duration.between(started, finished);
  }

  /** "Batch processing completed: 498 successful, 2 failed". */
  public String describe() {
    return (outcome == RunState.CANCELLED ? "Run cancelled: " : "Batch processing completed: ")
        + successful
        + " successful, "
        + failed
        + " failed";
  }
}
