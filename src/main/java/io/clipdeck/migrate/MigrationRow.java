package io.clipdeck.migrate;

import java.time.Instant;
import java.util.Optional;

/**
 * One migration as the status table shows it.
 *
 * @param state Flyway's state in words: pending, success, failed, missing, out of order, …
 * @param downScript whether a down script exists, so the migration can be rolled back
 */
public record MigrationRow(
    String version,
    String description,
    String type,
    String script,
    String state,
    Optional<Instant> installedOn,
    String installedBy,
    Optional<Integer> executionMillis,
    Optional<Integer> checksum,
    boolean downScript) {

  public boolean applied() {
    return state.equals("success");
  }

  public boolean pending() {
    return state.equals("pending");
  }
}
