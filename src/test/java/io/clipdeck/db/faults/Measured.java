package io.clipdeck.db.faults;

/**
 * Prints what a fault test measured (heal times, error counts) to standard error, where Maven shows
 * it next to the test, prefixed {@code [measured]} so it is easy to grep.
 */
final class Measured {

  private Measured() {}

  static void report(String test, String what) {
    System.err.println("[measured] " + test + ": " + what);
  }
}
