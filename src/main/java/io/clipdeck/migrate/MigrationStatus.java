package io.clipdeck.migrate;

import java.util.List;
import java.util.Optional;

/** Every migration of a profile, oldest first, with the counts the view's header shows. */
public record MigrationStatus(List<MigrationRow> rows, Optional<String> currentVersion) {

  public MigrationStatus {
    rows = List.copyOf(rows);
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
