package io.clipdeck.migrate;

import java.time.Instant;
import java.util.Optional;

/**
 * One migration as the status table shows it.
 *
 * @param version Flyway's version as it writes it ({@code 1.10}); empty for a repeatable migration
 * @param state Flyway's state in words: pending, success, failed, missing, outdated, undone,
 *     ignored, future, out of order, …
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

  /** Applied and in place: success, or applied out of order. */
  public boolean applied() {
    return state.equals("success") || state.equals("out of order");
  }

  /** A repeatable migration ({@code R__…}): no version, applied again whenever it changes. */
  public boolean repeatable() {
    return version.isEmpty();
  }

  /** An applied versioned migration: one a rollback can undo. */
  public boolean appliedVersion() {
    return applied() && !repeatable();
  }

  /** "V1.1 add tags", or "R tag summary view" for a repeatable one. */
  public String label() {
    return repeatable() ? "R " + description : "V" + version + " " + description;
  }

  public boolean pending() {
    return state.equals("pending");
  }
}
