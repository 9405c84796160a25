package io.clipdeck.data;

import java.time.Duration;
import java.util.Set;

/**
 * Whether and how long a read's result is cached, and which tables it reads: a write to any of them
 * drops the entry. An empty table set means "unknown": any write drops it.
 */
public record Caching(Duration ttl, Set<String> tables) {

  /** Not cached. */
  public static final Caching NONE = new Caching(Duration.ZERO, Set.of());

  public Caching {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("cache ttl must be zero (no caching) or more");
    }
    tables = Set.copyOf(tables);
  }

  public static Caching of(Duration ttl, String... tables) {
    return new Caching(ttl, Set.of(tables));
  }

  public boolean enabled() {
    return !ttl.isZero();
  }
}
