package io.clipdeck.db.failover;

import java.time.Duration;
import java.util.Objects;

/**
 * When a failover group gives up on its serving member, and when it goes back to the primary.
 *
 * @param failuresBeforeSwitch consecutive failed health checks of the serving member before the
 *     group switches to another member; one success resets the count
 * @param checkInterval how often every member is checked; keep each profile's {@code pool_timeout}
 *     below it, since a check of a dead server lasts that long
 * @param failback whether the group returns to the primary by itself
 * @param hysteresis with {@link Failback#AUTOMATIC}: how long the primary must have been healthy,
 *     without a single failed check, before the group returns to it (counted from the switch at the
 *     earliest); unused with {@link Failback#MANUAL}
 */
public record FailoverPolicy(
    int failuresBeforeSwitch, Duration checkInterval, Failback failback, Duration hysteresis) {

  /** The shortest check interval: checks more often than this only load the servers. */
  public static final Duration MIN_CHECK_INTERVAL = Duration.ofMillis(100);

  /** Three failed checks ten seconds apart; back to the primary after a healthy minute. */
  public static final FailoverPolicy DEFAULT =
      new FailoverPolicy(3, Duration.ofSeconds(10), Failback.AUTOMATIC, Duration.ofMinutes(1));

  /** How the group returns to its primary once the primary is healthy again. */
  public enum Failback {
    /** By itself, once the primary has been healthy for the whole hysteresis period. */
    AUTOMATIC,
    /** Only when someone calls {@link FailoverGroup#failBack()}. */
    MANUAL
  }

  public FailoverPolicy {
    if (failuresBeforeSwitch < 1) {
      throw new IllegalArgumentException(
          "failures before switching is " + failuresBeforeSwitch + ": use 1 or more");
    }
    Objects.requireNonNull(checkInterval, "checkInterval");
    if (checkInterval.compareTo(MIN_CHECK_INTERVAL) < 0) {
      throw new IllegalArgumentException(
          "check interval is " + checkInterval + ": use at least " + MIN_CHECK_INTERVAL);
    }
    Objects.requireNonNull(failback, "failback");
    hysteresis = hysteresis == null ? Duration.ZERO : hysteresis;
    if (hysteresis.isNegative()) {
      throw new IllegalArgumentException("hysteresis is " + hysteresis + ": use zero or more");
    }
  }

  /** Fails back by itself once the primary has been healthy for {@code hysteresis}. */
  public static FailoverPolicy automatic(
      int failuresBeforeSwitch, Duration checkInterval, Duration hysteresis) {
    return new FailoverPolicy(failuresBeforeSwitch, checkInterval, Failback.AUTOMATIC, hysteresis);
  }

  /** Stays on the failover member until {@link FailoverGroup#failBack()}. */
  public static FailoverPolicy manual(int failuresBeforeSwitch, Duration checkInterval) {
    return new FailoverPolicy(failuresBeforeSwitch, checkInterval, Failback.MANUAL, Duration.ZERO);
  }
}
