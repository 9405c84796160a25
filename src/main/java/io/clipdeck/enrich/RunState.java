package io.clipdeck.enrich;

/** Where a run stands. */
public enum RunState {
  RUNNING,
  PAUSED,
  CANCELLING,
  /** Every task is done or dead-lettered. */
  FINISHED,
  CANCELLED;

  public boolean over() {
    return this == FINISHED || this == CANCELLED;
  }
}
