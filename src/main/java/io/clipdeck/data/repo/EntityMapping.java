package io.clipdeck.data.repo;

import io.clipdeck.data.Columns;
import io.clipdeck.data.RowMapper;
import io.clipdeck.db.Dialect;
import java.util.Map;
import java.util.Set;

/** How one record type maps to its table: the allow-list, reading a row, and its values. */
public interface EntityMapping<T> {

  Columns columns();

  /** The record class, for sharing cached rows as JSON. */
  Class<T> type();

  /** Reads a row selected with every column of {@link #columns()}. */
  RowMapper<T> mapper(Dialect dialect);

  /** The record's value per column name (all columns, ids and timestamps included). */
  Map<String, Object> values(T row);

  /**
   * Tables whose rows a delete here removes too (ON DELETE CASCADE): their cached reads must go as
   * well.
   */
  default Set<String> cascadesTo() {
    return Set.of();
  }

  /** A short, secret-free label for a row in error messages, e.g. {@code username=ana}. */
  String describe(T row);
}
