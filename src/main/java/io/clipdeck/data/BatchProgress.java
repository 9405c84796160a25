package io.clipdeck.data;

/** Told after each committed chunk of a batch; called on the batch's own thread. */
@FunctionalInterface
public interface BatchProgress {

  BatchProgress NONE = (chunk, rowsDone, rowsTotal) -> {};

  void chunkCommitted(int chunk, long rowsDone, long rowsTotal);
}
