package io.clipdeck.ui.explorer;

import io.clipdeck.explore.ColumnInfo;
import io.clipdeck.explore.ObjectKind;
import io.clipdeck.explore.SchemaExplorer;
import io.clipdeck.explore.SchemaObject;
import io.clipdeck.explore.TableDetails;
import java.util.ArrayList;
import java.util.List;

/** What a node of the tree holds when it is opened; runs on a worker. */
final class ExplorerTree {

  private ExplorerTree() {}

  static List<ExplorerNode> children(SchemaExplorer explorer, ExplorerNode node) {
    return node.type() == ExplorerNode.Type.SCHEMA
        ? schemaChildren(explorer, node.schema())
        : tableChildren(explorer, node.object());
  }

  /** The schema's objects in one group per kind ("Tables (3)"), empty kinds left out. */
  private static List<ExplorerNode> schemaChildren(SchemaExplorer explorer, String schema) {
    List<SchemaObject> objects = explorer.objects(schema);
    List<ExplorerNode> groups = new ArrayList<>();
    for (ObjectKind kind : ObjectKind.values()) {
      List<ExplorerNode> ofKind =
          objects.stream()
              .filter(object -> object.kind() == kind)
              .map(object -> ExplorerNode.object(object, object.label()))
              .toList();
      if (!ofKind.isEmpty()) {
        groups.add(group(plural(kind), schema, ofKind));
      }
    }
    return groups;
  }

  /** A table's or view's columns, indexes, constraints and triggers, each a group. */
  private static List<ExplorerNode> tableChildren(SchemaExplorer explorer, SchemaObject table) {
    String schema = table.schema();
    TableDetails details = explorer.details(schema, table.name());
    List<ExplorerNode> groups = new ArrayList<>();
    groups.add(
        group(
            "Columns",
            schema,
            details.columns().stream()
                .map(column -> ExplorerNode.part(columnLine(column), null, schema))
                .toList()));
    groups.add(
        group(
            "Indexes",
            schema,
            details.indexes().stream()
                .map(
                    index ->
                        ExplorerNode.part(
                            index.name() + (index.unique() ? " (unique)" : ""),
                            part(ObjectKind.INDEX, table, index.name()),
                            schema))
                .toList()));
    groups.add(
        group(
            "Constraints",
            schema,
            details.constraints().stream()
                .map(
                    constraint ->
                        ExplorerNode.part(
                            constraint.name() + " · " + constraint.type(),
                            part(ObjectKind.CONSTRAINT, table, constraint.name()),
                            schema))
                .toList()));
    groups.add(
        group(
            "Triggers",
            schema,
            details.triggers().stream()
                .map(
                    trigger ->
                        ExplorerNode.part(
                            trigger.name(),
                            part(ObjectKind.TRIGGER, table, trigger.name()),
                            schema))
                .toList()));
    groups.removeIf(ExplorerNode::isLeaf);
    return groups;
  }

  private static SchemaObject part(ObjectKind kind, SchemaObject table, String name) {
    return SchemaObject.child(kind, table.schema(), table.name(), name);
  }

  private static ExplorerNode group(String name, String schema, List<ExplorerNode> members) {
    ExplorerNode group = ExplorerNode.group(name + " (" + members.size() + ")", schema);
    group.children().setAll(members);
    return group;
  }

  private static String plural(ObjectKind kind) {
    String label = kind.label();
    return Character.toUpperCase(label.charAt(0))
        + label.substring(1)
        + (kind == ObjectKind.INDEX ? "es" : "s");
  }

  static String columnLine(ColumnInfo column) {
    return column.name()
        + "  "
        + column.type()
        + (column.nullable() ? "" : " NOT NULL")
        + (column.defaultValue() == null ? "" : " DEFAULT " + column.defaultValue());
  }
}
