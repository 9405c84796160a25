package io.clipdeck.enrich;

/**
 * Counts of one step's tasks in a run (or of all its tasks, for the overall line).
 *
 * @param step null for the overall line
 * @param failed dead-lettered tasks
 * @param remaining waiting, pending or running
 */
public record StepProgress(Step step, long total, long done, long failed, long remaining) {

  /** Done or failed, as a fraction of the total: 1 when there is nothing to do. */
  public double fraction() {
    return total == 0 ? 1.0 : (double) (done + failed) / total;
  }

  public String label() {
    return step == null ? "All steps" : step.label();
  }
}
