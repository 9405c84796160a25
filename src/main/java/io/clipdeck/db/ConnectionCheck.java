package io.clipdeck.db;

import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

/**
 * Tries settings that are not saved yet, as "Test connection" in the profile editor does: a pool of
 * one, a health check, the server's facts, and the pool closed again.
 */
public final class ConnectionCheck {

  private ConnectionCheck() {}

  /** The outcome: the health report, and the server's facts when it answered. */
  public record Outcome(HealthReport health, Optional<DatabaseInfo> info) {}

  /** Blocks for up to the profile's pool_timeout; call it from a worker thread. */
  public static Outcome run(ConnectionProfile profile, PasswordSource passwords, Clock clock) {
    ConnectionProfile single =
        profile.withPool(profile.pool().toBuilder().poolSize(0).maxOverflow(1).build());
    try (PooledDatabase database = new PooledDatabase(single, passwords, clock)) {
      HealthReport health = database.checkHealth();
      if (!health.isUp()) {
        return new Outcome(health, Optional.empty());
      }
      try {
        return new Outcome(health, Optional.of(database.info()));
      } catch (SQLException e) {
        return new Outcome(health, Optional.empty());
      }
    }
  }
}
