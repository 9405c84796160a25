package io.clipdeck.explore;

/**
 * One constraint of a table.
 *
 * @param type {@code PRIMARY KEY}, {@code UNIQUE}, {@code FOREIGN KEY}, {@code CHECK} or {@code
 *     EXCLUDE}
 * @param definition the constraint as SQL ({@code FOREIGN KEY (a) REFERENCES t(id)})
 */
public record ConstraintInfo(String name, String type, String definition) {

  public boolean isForeignKey() {
    return type.equals("FOREIGN KEY");
  }
}
