package io.clipdeck.ui.migrations;

import java.util.List;

/**
 * One line of the group matrix: a migration and its state on each member, in the members' order.
 *
 * @param cells each member's state in words: "applied", "pending", "failed", "missing", …,
 *     "applied, checksum drift" where the members applied different scripts, "—" where the member
 *     does not know the migration
 * @param drift true when the members applied it with different checksums
 */
public record MatrixRow(String label, String version, List<String> cells, boolean drift) {

  public MatrixRow {
    cells = List.copyOf(cells);
  }

  /** The cell of the member at {@code column}, "" past the last one. */
  public String cell(int column) {
    return column < cells.size() ? cells.get(column) : "";
  }

  /** A member's state as the matrix shows it: Flyway's "success" is "applied". */
  static String cellText(String state, boolean drift) {
    if (state.isEmpty()) {
      return "—";
    }
    String text = state.equals("success") ? "applied" : state;
    return drift && state.equals("success") ? text + ", checksum drift" : text;
  }
}
