package io.clipdeck.db;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The outcome of one bounded health check: a round trip to the server, timed.
 *
 * @param problem why the check failed, in words a user can act on; empty when up
 * @param role what the server said it is, read by the same round trip: {@code primary} (accepts
 *     writes) or {@code replica} (in recovery, or read-only); empty for SQLite, a server that did
 *     not answer, or a check that did not ask
 */
public record HealthReport(
    String profile,
    Health health,
    Duration latency,
    String serverVersion,
    Optional<String> problem,
    Instant checkedAt,
    Optional<String> role) {

  public static final String PRIMARY = "primary";
  public static final String REPLICA = "replica";

  public static HealthReport up(
      String profile, Duration latency, String serverVersion, Instant checkedAt) {
    return up(profile, latency, serverVersion, Optional.empty(), checkedAt);
  }

  public static HealthReport up(
      String profile,
      Duration latency,
      String serverVersion,
      Optional<String> role,
      Instant checkedAt) {
    return new HealthReport(
        profile, Health.UP, latency, serverVersion, Optional.empty(), checkedAt, role);
  }

  public static HealthReport down(
      String profile, Duration latency, String problem, Instant checkedAt) {
    return new HealthReport(
        profile, Health.DOWN, latency, "", Optional.of(problem), checkedAt, Optional.empty());
  }

  /** The state before any check ran. */
  public static HealthReport unknown(String profile) {
    return new HealthReport(
        profile,
        Health.UNKNOWN,
        Duration.ZERO,
        "",
        Optional.empty(),
        Instant.EPOCH,
        Optional.empty());
  }

  /** Whether the server answered and said it is a replica: it takes no writes. */
  public boolean isReplica() {
    return role.filter(REPLICA::equals).isPresent();
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
