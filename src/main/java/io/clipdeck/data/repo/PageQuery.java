package io.clipdeck.data.repo;

import java.util.List;

/**
 * The SELECT a repository runs for one keyset page, with the values it binds in order. The text is
 * built from allow-listed, quoted columns only, as every repository statement.
 */
public record PageQuery(String sql, List<Object> params) {

  public PageQuery {
    params = List.copyOf(params);
  }
}
