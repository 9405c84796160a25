package io.clipdeck.data;

import java.util.Optional;

/**
 * Looks, after a connection was lost during COMMIT, for the effect the transaction would have had
 * (by the unique key it wrote), so the work is neither lost nor written twice.
 */
@FunctionalInterface
public interface CommitCheck<T> {
  /** The work's result when its effect is in the database, empty when it is not. */
  Optional<T> find();
}
