package io.clipdeck.migrate;

import java.util.List;
import java.util.Optional;

/**
 * What a migrate run did: the versions it applied ({@code "1.1"}, or {@code "R description"} for a
 * repeatable migration), and the failure that stopped it, if any.
 */
public record MigrateOutcome(
    List<String> applied, Optional<String> versionNow, Optional<MigrationFailure> failure) {

  public MigrateOutcome {
    applied = List.copyOf(applied);
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }
}
