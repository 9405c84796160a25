package io.clipdeck.data;

import java.util.Objects;

/**
 * An order: one allowed column and a direction; the id breaks ties so every order is total and
 * pages never overlap. NULLs come last in both directions on every database.
 */
public record Sort(String column, Direction direction) {

  public static final Sort BY_ID = new Sort("id", Direction.ASC);

  public Sort {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(direction, "direction");
  }

  public static Sort asc(String column) {
    return new Sort(column, Direction.ASC);
  }

  public static Sort desc(String column) {
    return new Sort(column, Direction.DESC);
  }
}
