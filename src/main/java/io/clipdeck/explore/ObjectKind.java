package io.clipdeck.explore;

/** What a node of the schema tree is. */
public enum ObjectKind {
  SCHEMA("schema"),
  TABLE("table"),
  VIEW("view"),
  MATERIALIZED_VIEW("materialised view"),
  SEQUENCE("sequence"),
  FUNCTION("function"),
  PROCEDURE("procedure"),
  INDEX("index"),
  CONSTRAINT("constraint"),
  TRIGGER("trigger");

  private final String label;

  ObjectKind(String label) {
    this.label = label;
  }

  /** The kind as the user reads it ("materialised view"). */
  public String label() {
    return label;
  }

  /** Whether rows can be read from it into the grid. */
  public boolean hasRows() {
    return this == TABLE || this == VIEW || this == MATERIALIZED_VIEW;
  }
}
