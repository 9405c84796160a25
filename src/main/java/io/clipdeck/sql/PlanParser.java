package io.clipdeck.sql;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.db.DatabaseKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns each server's EXPLAIN output into {@link PlanNode}s and marks the most expensive one. */
final class PlanParser {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern SQLITE_TABLE =
      Pattern.compile("^(?:SCAN|SEARCH)\\s+(?:TABLE\\s+)?(.+?)(?:\\s+(?:USING|AS)\\b.*)?$");
  private static final Set<String> MARIADB_SKIPPED =
      Set.of("table", "query_block", "nested_loop", "cost_info");

  private PlanParser() {}

  static ExplainPlan parse(DatabaseKind kind, ResultSet rows, boolean analyzed)
      throws SQLException {
    return switch (kind) {
      case POSTGRESQL, MYSQL -> {
        StringBuilder text = new StringBuilder();
        while (rows.next()) {
          text.append(rows.getString(1));
        }
        String raw = text.toString();
        yield new ExplainPlan(
            mark(kind == DatabaseKind.POSTGRESQL ? postgres(raw) : mariadb(raw)), analyzed, raw);
      }
      case SQLITE -> sqlite(rows);
    };
  }

  static PlanNode postgres(String raw) {
    try {
      JsonNode top = JSON.readTree(raw);
      JsonNode first = top.isArray() ? top.get(0) : top;
      return postgresNode(first.get("Plan"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("PostgreSQL's plan is not JSON: " + e.getMessage(), e);
    }
  }

  private static PlanNode postgresNode(JsonNode plan) {
    List<PlanNode> children = new ArrayList<>();
    plan.path("Plans").forEach(child -> children.add(postgresNode(child)));
    String relation = text(plan, "Relation Name");
    if (relation == null) {
      relation = text(plan, "Index Name");
    } else if (plan.has("Index Name")) {
      relation = relation + " (" + text(plan, "Index Name") + ")";
    }
    List<String> details = new ArrayList<>();
    for (String key :
        List.of(
            "Join Type",
            "Index Cond",
            "Hash Cond",
            "Merge Cond",
            "Filter",
            "Sort Key",
            "Group Key")) {
      if (plan.has(key)) {
        details.add(
            key + ": " + (plan.get(key).isArray() ? join(plan.get(key)) : plan.get(key).asText()));
      }
    }
    if (plan.has("Shared Hit Blocks")) {
      details.add(
          "Buffers: hit "
              + plan.get("Shared Hit Blocks").asLong()
              + ", read "
              + plan.path("Shared Read Blocks").asLong());
    }
    Double time = null;
    if (plan.has("Actual Total Time")) {
      time =
          plan.get("Actual Total Time").asDouble()
              * Math.max(1, plan.path("Actual Loops").asDouble(1));
    }
    return new PlanNode(
        text(plan, "Node Type"),
        relation,
        details.isEmpty() ? null : String.join("; ", details),
        number(plan, "Total Cost"),
        number(plan, "Plan Rows"),
        number(plan, "Actual Rows"),
        time,
        false,
        children);
  }

  static PlanNode mariadb(String raw) {
    try {
      JsonNode top = JSON.readTree(raw);
      List<PlanNode> found = mariadbChildren(top);
      return found.size() == 1
          ? found.getFirst()
          : new PlanNode("query", null, null, null, null, null, null, false, found);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("The server's plan is not JSON: " + e.getMessage(), e);
    }
  }

  /** The plan nodes directly below {@code json}, looking through grouping keys. */
  private static List<PlanNode> mariadbChildren(JsonNode json) {
    List<PlanNode> nodes = new ArrayList<>();
    if (json.isArray()) {
      json.forEach(item -> nodes.addAll(mariadbChildren(item)));
      return nodes;
    }
    if (!json.isObject()) {
      return nodes;
    }
    for (Map.Entry<String, JsonNode> field : json.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      if (!value.isContainerNode()) {
        continue;
      }
      switch (key) {
        case "query_block" -> nodes.add(mariadbBlock(value));
        case "table" -> nodes.add(mariadbTable(value));
        case "nested_loop", "cost_info" -> nodes.addAll(mariadbChildren(value));
        default -> {
          List<PlanNode> below = mariadbChildren(value);
          if (!below.isEmpty()) {
            nodes.add(
                new PlanNode(
                    key.replace('_', ' '),
                    null,
                    null,
                    null,
                    null,
                    null,
                    numberOrNull(value, "r_total_time_ms"),
                    false,
                    below));
          }
        }
      }
    }
    return nodes;
  }

  private static PlanNode mariadbBlock(JsonNode block) {
    Double cost = number(block, "cost");
    if (cost == null && block.has("cost_info")) {
      cost = number(block.get("cost_info"), "query_cost");
    }
    return new PlanNode(
        "query block #" + block.path("select_id").asText("?"),
        null,
        null,
        cost,
        null,
        null,
        numberOrNull(block, "r_total_time_ms"),
        false,
        mariadbChildren(block));
  }

  private static PlanNode mariadbTable(JsonNode table) {
    List<String> details = new ArrayList<>();
    for (String key :
        List.of("key", "attached_condition", "filtered", "r_filtered", "using_index")) {
      if (table.has(key)) {
        details.add(key.replace('_', ' ') + ": " + table.get(key).asText());
      }
    }
    Double cost = number(table, "cost");
    if (cost == null && table.has("cost_info")) {
      cost = number(table.get("cost_info"), "prefix_cost");
    }
    Double rows = number(table, "rows");
    if (rows == null) {
      rows = number(table, "rows_examined_per_scan");
    }
    Double time = null;
    if (table.has("r_table_time_ms") || table.has("r_other_time_ms")) {
      time = table.path("r_table_time_ms").asDouble() + table.path("r_other_time_ms").asDouble();
    } else {
      time = numberOrNull(table, "r_total_time_ms");
    }
    return new PlanNode(
        table.path("access_type").asText("table"),
        text(table, "table_name"),
        details.isEmpty() ? null : String.join("; ", details),
        cost,
        rows,
        number(table, "r_rows"),
        time,
        false,
        mariadbChildren(withoutKnownScalars(table)));
  }

  private static JsonNode withoutKnownScalars(JsonNode table) {
    var copy = table.deepCopy();
    if (copy instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      object.remove(MARIADB_SKIPPED);
    }
    return copy;
  }

  private static ExplainPlan sqlite(ResultSet rows) throws SQLException {
    // Rows: id, parent, notused, detail; parent 0 is the top.
    Map<Integer, List<Integer>> childrenOf = new LinkedHashMap<>();
    Map<Integer, String> details = new HashMap<>();
    StringBuilder raw = new StringBuilder();
    while (rows.next()) {
      int id = rows.getInt(1);
      int parent = rows.getInt(2);
      String detail = rows.getString(4);
      details.put(id, detail);
      childrenOf.computeIfAbsent(parent, p -> new ArrayList<>()).add(id);
      raw.append(id).append('|').append(parent).append('|').append(detail).append('\n');
    }
    List<PlanNode> top = sqliteChildren(0, childrenOf, details);
    PlanNode root =
        top.size() == 1
            ? top.getFirst()
            : new PlanNode("QUERY PLAN", null, null, null, null, null, null, false, top);
    return new ExplainPlan(mark(root), false, raw.toString());
  }

  private static List<PlanNode> sqliteChildren(
      int parent, Map<Integer, List<Integer>> childrenOf, Map<Integer, String> details) {
    List<PlanNode> nodes = new ArrayList<>();
    for (int id : childrenOf.getOrDefault(parent, List.of())) {
      String detail = details.get(id);
      Matcher table = SQLITE_TABLE.matcher(detail);
      nodes.add(
          new PlanNode(
              detail,
              table.find() ? table.group(1) : null,
              null,
              null,
              null,
              null,
              null,
              false,
              id == parent ? List.of() : sqliteChildren(id, childrenOf, details)));
    }
    return nodes;
  }

  /**
   * Marks the node whose own share is largest: time when measured, else cost, else rows or scans.
   */
  static PlanNode mark(PlanNode root) {
    List<PlanNode> all = root.flatten();
    ToDoubleFunction<PlanNode> own;
    if (all.stream().anyMatch(node -> node.timeMs() != null)) {
      own = node -> exclusive(node, PlanNode::timeMs);
    } else if (all.stream().anyMatch(node -> node.cost() != null)) {
      own = node -> exclusive(node, PlanNode::cost);
    } else if (all.stream().anyMatch(node -> node.rowsEstimated() != null)) {
      own = node -> node.rowsEstimated() == null ? 0 : node.rowsEstimated();
    } else {
      own = PlanParser::sqliteWeight;
    }
    PlanNode best = null;
    double bestWeight = 0;
    for (PlanNode node : all) {
      double weight = own.applyAsDouble(node);
      if (weight > bestWeight) {
        best = node;
        bestWeight = weight;
      }
    }
    return best == null ? root : markIdentity(root, best);
  }

  private static PlanNode markIdentity(PlanNode node, PlanNode target) {
    if (node == target) {
      return node.marked(true);
    }
    List<PlanNode> children = node.children().stream().map(c -> markIdentity(c, target)).toList();
    return node.withChildren(children);
  }

  private static double exclusive(
      PlanNode node, java.util.function.Function<PlanNode, Double> value) {
    Double total = value.apply(node);
    if (total == null) {
      return 0;
    }
    double below = 0;
    for (PlanNode child : node.children()) {
      Double childValue = value.apply(child);
      below += childValue == null ? 0 : childValue;
    }
    return Math.max(0, total - below);
  }

  private static double sqliteWeight(PlanNode node) {
    String operation = node.operation();
    if (operation.startsWith("SCAN")) {
      return operation.contains("INDEX") ? 2 : 3;
    }
    if (operation.startsWith("SEARCH")) {
      return 1;
    }
    return operation.startsWith("USE TEMP B-TREE") ? 0.5 : 0;
  }

  private static String text(JsonNode node, String key) {
    JsonNode value = node.get(key);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Double number(JsonNode node, String key) {
    JsonNode value = node.get(key);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.asDouble();
    }
    try {
      return Double.valueOf(value.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double numberOrNull(JsonNode node, String key) {
    return number(node, key);
  }

  private static String join(JsonNode array) {
    List<String> parts = new ArrayList<>();
    array.forEach(item -> parts.add(item.asText()));
    return String.join(", ", parts);
  }
}
