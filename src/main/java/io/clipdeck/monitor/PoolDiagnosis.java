package io.clipdeck.monitor;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PoolStats;
import java.util.Optional;

/**
 * Says in words why borrowers wait or time out, with the figures behind it: the pool at its
 * maximum, or the server refusing connections because its own limit is reached. Nothing when all is
 * well.
 */
public final class PoolDiagnosis {

  /**
   * Share of the server's {@code max_connections} in use from which the server is the bottleneck.
   */
  static final double SERVER_FULL = 0.95;

  private PoolDiagnosis() {}

  public static Optional<String> of(
      ConnectionProfile profile, PoolStats pool, Optional<ServerSample> server) {
    if (server.isPresent() && server.get().maxConnections() > 0) {
      ServerSample sample = server.get();
      if (sample.sessions() >= sample.maxConnections() * SERVER_FULL
          && (pool.waiting() > 0 || pool.total() < pool.max())) {
        return Optional.of(
            "The server is at its connection limit: "
                + sample.sessions()
                + " of max_connections "
                + sample.maxConnections()
                + " are in use, so the pool cannot open more ("
                + pool.total()
                + " of "
                + pool.max()
                + " open, "
                + pool.waiting()
                + " waiting). Close idle sessions in the activity table or raise max_connections"
                + " on the server.");
      }
    }
    if (pool.waiting() > 0 && pool.total() >= pool.max()) {
      return Optional.of(
          "The pool is at its maximum: "
              + pool.active()
              + " of "
              + pool.max()
              + " connections are lent out and "
              + pool.waiting()
              + (pool.waiting() == 1 ? " borrower waits" : " borrowers wait")
              + " (pool_size "
              + profile.pool().poolSize()
              + " + max_overflow "
              + profile.pool().maxOverflow()
              + "). Raise max_overflow, or look for long-running statements of Clipdeck's in the"
              + " activity table.");
    }
    if (pool.borrowTimeouts() > 0) {
      return Optional.of(
          pool.borrowTimeouts()
              + (pool.borrowTimeouts() == 1 ? " borrower" : " borrowers")
              + " gave up after pool_timeout ("
              + profile.pool().poolTimeout().toSeconds()
              + " s) since the pool opened; the longest wait was "
              + pool.maxBorrow().toMillis()
              + " ms. If it recurs, raise max_overflow or pool_timeout.");
    }
    return Optional.empty();
  }
}
