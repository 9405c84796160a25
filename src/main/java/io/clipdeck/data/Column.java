package io.clipdeck.data;

/**
 * One allowed column of an entity.
 *
 * @param nullable whether the column may hold NULL; keyset paging refuses nullable sort keys, whose
 *     NULLs would fall out of a {@code (key, id) > (?, ?)} comparison
 * @param writable whether create and update may set it (ids and created_at may not be updated)
 */
public record Column(String name, ColumnType type, boolean nullable, boolean writable) {

  public static Column required(String name, ColumnType type) {
    return new Column(name, type, false, true);
  }

  public static Column optional(String name, ColumnType type) {
    return new Column(name, type, true, true);
  }

  public static Column readOnly(String name, ColumnType type) {
    return new Column(name, type, false, false);
  }
}
