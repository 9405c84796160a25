package io.clipdeck.enrich;

/** How one task's call went; the runner turns it into the task's next state. */
sealed interface StepResult {

  ClaimedTask task();

  /** The call answered: these writes commit with the task's {@code done}. */
  record Done(ClaimedTask task, TaskQueue.DomainWrite write) implements StepResult {}

  /** The call failed; {@code error} says how (an {@code ApiException} for provider failures). */
  record Failed(ClaimedTask task, RuntimeException error) implements StepResult {}
}
