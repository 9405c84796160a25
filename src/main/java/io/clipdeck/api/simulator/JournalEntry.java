package io.clipdeck.api.simulator;

import io.clipdeck.api.Provider;
import java.time.Instant;

/**
 * One request the simulator received, at the simulator's clock.
 *
 * @param target path and query, with any {@code key} parameter removed
 */
public record JournalEntry(Instant at, Provider provider, String method, String target) {

  public String path() {
    int query = target.indexOf('?');
    return query < 0 ? target : target.substring(0, query);
  }
}
