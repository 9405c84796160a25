package io.clipdeck.logging;

import java.time.Duration;

/**
 * Milestones of the console's start, for finding where the time to the first window goes: with
 * {@code -Dclipdeck.startupTrace=true} each {@link #mark} prints one line to standard error, {@code
 * clipdeck-startup +<ms> cpu=<ms> <milestone> [<thread>]}: the wall-clock milliseconds from the
 * process's start ({@link ProcessStart}, as {@code StartupMarker}'s figure is, so the two compare),
 * and the CPU time the whole process has used by then (on a busy machine the wall clock mostly
 * measures the scheduler; the CPU time says what the start itself costs). Without the property a
 * mark costs one field read.
 */
public final class StartupTrace {

  /** The system property that turns the trace on. */
  public static final String PROPERTY = "clipdeck.startupTrace";

  private static final boolean ON = Boolean.getBoolean(PROPERTY);

  private StartupTrace() {}

  /** Records that the start reached {@code milestone} now, on the calling thread. */
  public static void mark(String milestone) {
    if (ON) {
      System.err.println(
          "clipdeck-startup +"
              + ProcessStart.millisSince()
              + " cpu="
              + ProcessHandle.current()
                  .info()
                  .totalCpuDuration()
                  .map(Duration::toMillis)
                  .orElse(-1L)
              + " "
              + milestone
              + " ["
              + Thread.currentThread().getName()
              + "]");
    }
  }
}
