package io.clipdeck.migrate;

import java.util.List;
import java.util.Optional;

/** What a migrate run did: the versions it applied, and the failure that stopped it, if any. */
public record MigrateOutcome(
    List<String> applied, Optional<String> versionNow, Optional<MigrationFailure> failure) {

  public MigrateOutcome {
    applied = List.copyOf(applied);
  }

  public boolean succeeded() {
    return failure.isEmpty();
  }
}
