package io.clipdeck.enrich;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run at one moment, immutable, for a view model to show or a worker to log.
 *
 * @param tasksPerSecond tasks finished per second over the last half minute
 * @param eta when the remaining tasks should be finished at that rate, if there is a rate
 */
public record RunProgress(
    long runId,
    RunState state,
    Instant at,
    long videos,
    StepProgress overall,
    List<StepProgress> steps,
    double tasksPerSecond,
    Optional<Duration> eta,
    List<ProviderLane> providers) {

  public RunProgress {
    steps = List.copyOf(steps);
    providers = List.copyOf(providers);
  }
}
