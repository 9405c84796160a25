package io.clipdeck.explore;

import java.util.Objects;

/**
 * One condition on one column of the grid. The column must be one of the table's (checked against
 * the catalog before SQL is built); the value is always bound, compared with the column's value as
 * text so one filter works for every type.
 *
 * @param value ignored by {@link Operator#IS_NULL} and {@link Operator#IS_NOT_NULL}
 */
public record ColumnFilter(String column, Operator operator, String value) {

  /** How the column is compared. */
  public enum Operator {
    EQUALS("="),
    NOT_EQUALS("≠"),
    CONTAINS("contains"),
    IS_NULL("is NULL"),
    IS_NOT_NULL("is not NULL");

    private final String label;

    Operator(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }

    public boolean takesValue() {
      return this != IS_NULL && this != IS_NOT_NULL;
    }
  }

  public ColumnFilter {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(operator, "operator");
    if (operator.takesValue() && value == null) {
      throw new IllegalArgumentException(operator.label() + " needs a value");
    }
  }
}
