package io.clipdeck.data.repo;

import java.util.List;

/**
 * A WHERE condition built by a repository from allow-listed, quoted columns, with its values to
 * bind. Only repositories make them: no caller's text ever becomes SQL.
 */
record Condition(String sql, List<Object> params) {

  static final Condition NONE = new Condition("", List.of());

  Condition {
    params = List.copyOf(params);
  }
}
