package io.clipdeck.data;

import java.time.Duration;
import java.util.Set;

/**
 * Whether and how long a read's result is cached, and which tables it reads: a write to any of them
 * drops the entry. An empty table set means "unknown": any write drops it.
 *
 * @param sharedType the class of the result's rows, which lets the result also live in the shared
 *     (Redis) level as JSON; null keeps it in process
 */
public record Caching(Duration ttl, Set<String> tables, Class<?> sharedType) {

  /** Not cached. */
  public static final Caching NONE = new Caching(Duration.ZERO, Set.of(), null);

  public Caching {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("cache ttl must be zero (no caching) or more");
    }
    tables = Set.copyOf(tables);
  }

  public static Caching of(Duration ttl, String... tables) {
    return new Caching(ttl, Set.of(tables), null);
  }

  /** The same caching, with rows of {@code type} shared through Redis when one is configured. */
  public Caching shared(Class<?> type) {
    return new Caching(ttl, tables, type);
  }

  public boolean enabled() {
    return !ttl.isZero();
  }
}
