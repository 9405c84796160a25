package io.clipdeck.enrich;

import java.util.List;
import java.util.Map;

/**
 * One step's calls for a group of claimed tasks, made outside any transaction. A failure of one
 * task is its {@link StepResult.Failed}, never an exception that loses the others.
 */
interface StepWork {

  Step step();

  /** Tasks per call: 50 for YouTube's {@code videos.list}, 1 for the generation steps. */
  default int batchSize() {
    return 1;
  }

  /**
   * The provider's request id, or one made from the task's claim when the provider sent none, so
   * the (provider, request id) key stays unique per answer.
   */
  static String requestId(String provided, ClaimedTask task) {
    return provided == null || provided.isBlank()
        ? "clipdeck-task-" + task.id() + "-attempt-" + task.attempt()
        : provided;
  }

  List<StepResult> run(List<ClaimedTask> tasks, Map<Long, VideoInput> videos);
}
