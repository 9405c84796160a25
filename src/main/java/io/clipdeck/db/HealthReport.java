package io.clipdeck.db;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one bounded health check: a round trip to the server, timed.
 *
 * @param problem why the check failed, in words a user can act on; empty when up
 */
public record HealthReport(
    String profile,
    Health health,
    Duration latency,
    String serverVersion,
    Optional<String> problem,
    Instant checkedAt) {

  public static HealthReport up(
      String profile, Duration latency, String serverVersion, Instant checkedAt) {
    return new HealthReport(
        profile, Health.UP, latency, serverVersion, Optional.empty(), checkedAt);
  }

  public static HealthReport down(
      String profile, Duration latency, String problem, Instant checkedAt) {
    return new HealthReport(profile, Health.DOWN, latency, "", Optional.of(problem), checkedAt);
  }

  /** The state before any check ran. */
  public static HealthReport unknown(String profile) {
    return new HealthReport(
        profile, Health.UNKNOWN, Duration.ZERO, "", Optional.empty(), Instant.EPOCH);
  }

  public boolean isUp() {
    return health == Health.UP;
  }

  /** Whether a database answered, and how well. */
  public enum Health {
    UNKNOWN,
    UP,
    DOWN
  }
}
