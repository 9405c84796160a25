package io.clipdeck.progress;

/** A long operation stopped because the user cancelled it; the message says what it had done. */
public final class JobCancelledException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobCancelledException(String stoppedAfter) {
    super("Cancelled " + stoppedAfter);
  }
}
