package io.clipdeck.data;

import java.util.List;

/**
 * What a batch wrote.
 *
 * @param ids generated ids in row order (inserts); empty for updates
 * @param rowsAffected rows the database reported changed
 */
public record BatchResult(List<Long> ids, long rowsAffected, int chunks) {

  public BatchResult {
    ids = List.copyOf(ids);
  }
}
