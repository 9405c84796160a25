package io.clipdeck.progress;

/**
 * How a long operation says how far it is and learns that the user wants it stopped. Plain Java, so
 * the core and the headless commands use it as the GUI does; called on the operation's own thread.
 *
 * <p>An operation that can stop calls {@link #stopIfCancelled()} where stopping leaves its data
 * consistent (between committed chunks, say), never in the middle of one.
 */
public interface Progress {

  /** For callers that neither watch nor cancel. */
  Progress NONE =
      new Progress() {
        @Override
        public void advanced(long done, long total) {}

        @Override
        public boolean cancelRequested() {
          return false;
        }
      };

  /** {@code done} of {@code total} units are finished; {@code total} is -1 when unknown. */
  void advanced(long done, long total);

  /** Whether the user asked the operation to stop. */
  boolean cancelRequested();

  /**
   * Throws {@link JobCancelledException} when the user asked to stop: call it at a point where
   * stopping leaves the data consistent.
   */
  default void stopIfCancelled(String stoppedAfter) {
    if (cancelRequested()) {
      throw new JobCancelledException(stoppedAfter);
    }
  }
}
