package io.clipdeck.api;

import java.time.Duration;
import java.util.Optional;

/**
 * The second cache level, shared by consoles and workers (Redis, when configured). It is an
 * optimisation: implementations may throw when the store is down; the client then counts a miss.
 */
public interface SharedCache {

  Optional<byte[]> get(String key);

  void put(String key, byte[] value, Duration ttl);

  /** No shared level: every lookup misses. */
  static SharedCache none() {
    return new SharedCache() {
      @Override
      public Optional<byte[]> get(String key) {
        return Optional.empty();
      }

      @Override
      public void put(String key, byte[] value, Duration ttl) {
        // Nothing is shared.
      }

      @Override
      public String toString() {
        return "no shared cache";
      }
    };
  }
}
