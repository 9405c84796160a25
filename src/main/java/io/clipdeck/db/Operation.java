package io.clipdeck.db;

import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The name of the work a thread is doing ("Exporting videos of Local SQLite"), so a connection it
 * borrows can say what holds it. Bound for the length of a call and inherited by nothing else.
 */
public final class Operation {

  private static final ScopedValue<String> CURRENT = ScopedValue.newInstance();

  private Operation() {}

  /** Runs {@code work} under {@code name}. */
  public static <T> T call(String name, Callable<T> work) throws Exception {
    return ScopedValue.where(CURRENT, name).call(work::call);
  }

  /** The name this thread runs under, if any. */
  public static Optional<String> current() {
    return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
  }
}
