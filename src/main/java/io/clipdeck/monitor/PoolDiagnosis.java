package io.clipdeck.monitor;

import io.clipdeck.db.ConnectionHolder;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PoolStats;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Says in words why borrowers wait or time out, with the figures behind it: the pool at its maximum
 * (and which operations hold its connections longest), the server refusing connections because its
 * own limit is reached, or one connection held far too long (leak detection). Nothing when all is
 * well.
 */
public final class PoolDiagnosis {

  /**
   * Share of the server's {@code max_connections} in use from which the server is the bottleneck.
   */
  static final double SERVER_FULL = 0.95;

  /** A connection held this long is named even when nobody waits: a leak or a long operation. */
  static final Duration HELD_TOO_LONG = Duration.ofSeconds(30);

  private PoolDiagnosis() {}

  /**
   * @param holders the connections held longest now, longest first
   */
  public static Optional<String> of(
      ConnectionProfile profile,
      PoolStats pool,
      Optional<ServerSample> server,
      List<ConnectionHolder> holders) {
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
              + ")."
              + heldLongest(holders)
              + " Raise max_overflow, or look for long-running statements of Clipdeck's in the"
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
              + " ms."
              + heldLongest(holders)
              + " If it recurs, raise max_overflow or pool_timeout.");
    }
    if (!holders.isEmpty() && holders.getFirst().held().compareTo(HELD_TOO_LONG) >= 0) {
      ConnectionHolder longest = holders.getFirst();
      return Optional.of(
          "A connection has been held "
              + seconds(longest.held())
              + " by "
              + longest.operation()
              + " (thread "
              + longest.thread()
              + "): a connection never given back (a leak) or a very long operation. "
              + pool.active()
              + " of "
              + pool.max()
              + " connections are lent out.");
    }
    return Optional.empty();
  }

  /** " Held longest: X 12.3 s, Y 4.0 s." — who holds the connections, when anyone does. */
  private static String heldLongest(List<ConnectionHolder> holders) {
    if (holders.isEmpty()) {
      return "";
    }
    return " Held longest: "
        + holders.stream()
            .map(holder -> holder.operation() + " " + seconds(holder.held()))
            .collect(Collectors.joining(", "))
        + ".";
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
