package io.clipdeck.explore;

import java.util.Objects;

/**
 * One object of a database as the catalog names it: its kind, its schema (the database on
 * MySQL/MariaDB, {@code main} on SQLite), its name, and for an index, constraint or trigger the
 * table it belongs to.
 *
 * @param table the owning table, or null for a schema-level object
 * @param identity what tells overloaded functions apart (their argument types), or null
 */
public record SchemaObject(
    ObjectKind kind, String schema, String name, String table, String identity) {

  public SchemaObject {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  public static SchemaObject of(ObjectKind kind, String schema, String name) {
    return new SchemaObject(kind, schema, name, null, null);
  }

  public static SchemaObject child(ObjectKind kind, String schema, String table, String name) {
    return new SchemaObject(kind, schema, name, table, null);
  }

  /** The name with a function's arguments, as the tree shows it. */
  public String label() {
    return identity == null ? name : name + "(" + identity + ")";
  }
}
