package io.clipdeck.explore;

import java.util.List;

/** What a table or view holds below its node: columns, indexes, constraints, triggers. */
public record TableDetails(
    List<ColumnInfo> columns,
    List<IndexInfo> indexes,
    List<ConstraintInfo> constraints,
    List<TriggerInfo> triggers) {

  public TableDetails {
    columns = List.copyOf(columns);
    indexes = List.copyOf(indexes);
    constraints = List.copyOf(constraints);
    triggers = List.copyOf(triggers);
  }

  public List<String> columnNames() {
    return columns.stream().map(ColumnInfo::name).toList();
  }
}
