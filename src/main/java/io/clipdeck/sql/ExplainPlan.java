package io.clipdeck.sql;

import java.util.Optional;

/**
 * A statement's plan as a tree, with what the server printed.
 *
 * @param analyzed whether the statement ran, so actual rows and times are filled in
 * @param raw the server's own output (JSON, or SQLite's lines)
 */
public record ExplainPlan(PlanNode root, boolean analyzed, String raw) {

  /** The node marked most expensive, if any. */
  public Optional<PlanNode> mostExpensive() {
    return root.flatten().stream().filter(PlanNode::mostExpensive).findFirst();
  }
}
