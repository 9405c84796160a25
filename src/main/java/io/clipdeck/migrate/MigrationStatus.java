package io.clipdeck.migrate;

import java.util.List;
import java.util.Optional;

/** Every migration of a profile, oldest first, with the counts the view's header shows. */
public record MigrationStatus(
    List<MigrationRow> rows,
    Optional<String> currentVersion,
    Optional<MigrationFailure> interrupted) {

  public MigrationStatus {
    rows = List.copyOf(rows);
  }

  public MigrationStatus(List<MigrationRow> rows, Optional<String> currentVersion) {
    this(rows, currentVersion, Optional.empty());
  }

  public long applied() {
    return rows.stream().filter(MigrationRow::applied).count();
  }

  public long pending() {
    return rows.stream().filter(MigrationRow::pending).count();
  }

  public long failed() {
    return rows.stream().filter(row -> row.state().equals("failed")).count();
  }
}
