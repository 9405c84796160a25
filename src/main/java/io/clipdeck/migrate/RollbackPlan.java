package io.clipdeck.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rollback of {@code version} would undo: it, and the versioned migrations applied after it
 * (which must go first, newest first), each with whether it has a down script.
 */
public record RollbackPlan(MigrationRow chosen, List<MigrationRow> later) {
  public RollbackPlan {
    later = List.copyOf(later);
  }

  /** The migrations to undo, newest first, the chosen one last. */
  public List<MigrationRow> steps() {
    List<MigrationRow> steps = new ArrayList<>(later.reversed());
    steps.add(chosen);
    return steps;
  }

  /** "V2, V1.10": the steps' versions, newest first. */
  public List<String> versions() {
    return steps().stream().map(row -> "V" + row.version()).toList();
  }

  /** The steps without a down script: the rollback cannot run while there are any. */
  public List<MigrationRow> withoutDownScript() {
    return steps().stream().filter(row -> !row.downScript()).toList();
  }

  /**
   * The plan of a rollback of {@code version} in {@code status}.
   *
   * @throws IllegalArgumentException when {@code version} is not an applied versioned migration
   */
  static RollbackPlan of(MigrationStatus status, String version) {
    MigrationRow chosen = appliedRow(status, version);
    List<MigrationRow> later =
        status.rows().stream()
            .filter(MigrationRow::appliedVersion)
            .dropWhile(row -> !row.version().equals(version))
            .skip(1)
            .toList();
    return new RollbackPlan(chosen, later);
  }

  static MigrationRow appliedRow(MigrationStatus status, String version) {
    return status.rows().stream()
        .filter(row -> version.equals(row.version()))
        .filter(MigrationRow::appliedVersion)
        .findFirst()
        .orElseThrow(
            () -> new IllegalArgumentException("V" + version + " is not an applied migration"));
  }
}
