package io.clipdeck.sql;

import java.util.List;

/**
 * One step of a query plan.
 *
 * @param operation what the step does ("Seq Scan", "ALL", "SCAN t")
 * @param relation the table or index it reads, or null
 * @param detail more of what the server said (condition, index, join filter), or null
 * @param cost the planner's total cost of the step, or null when the server gives none
 * @param rowsEstimated rows the planner expects, or null
 * @param rowsActual rows it gave when the statement ran (ANALYZE), or null
 * @param timeMs milliseconds it took when the statement ran (ANALYZE), or null
 * @param mostExpensive whether this is the step that costs most on its own (time when measured,
 *     else cost, else a full scan)
 */
public record PlanNode(
    String operation,
    String relation,
    String detail,
    Double cost,
    Double rowsEstimated,
    Double rowsActual,
    Double timeMs,
    boolean mostExpensive,
    List<PlanNode> children) {

  public PlanNode {
    children = List.copyOf(children);
  }

  PlanNode marked(boolean expensive) {
    return new PlanNode(
        operation, relation, detail, cost, rowsEstimated, rowsActual, timeMs, expensive, children);
  }

  PlanNode withChildren(List<PlanNode> newChildren) {
    return new PlanNode(
        operation,
        relation,
        detail,
        cost,
        rowsEstimated,
        rowsActual,
        timeMs,
        mostExpensive,
        newChildren);
  }

  /** This node and all below it, depth first. */
  public List<PlanNode> flatten() {
    java.util.ArrayList<PlanNode> all = new java.util.ArrayList<>();
    all.add(this);
    children.forEach(child -> all.addAll(child.flatten()));
    return all;
  }
}
