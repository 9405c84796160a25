package io.clipdeck.monitor;

import java.time.Duration;
import java.util.Optional;

/**
 * The thresholds the dashboard raises alerts on. Each rule looks at one tick's card and says, in
 * words with the figure, whether its threshold is crossed.
 *
 * @param poolSaturation share of the pool's maximum lent out from which the pool is saturated
 * @param slowBorrow average time to get a connection from which borrowing is slow
 * @param longStatement how long a server statement may run before it alerts
 */
public record AlertRules(double poolSaturation, Duration slowBorrow, Duration longStatement) {

  /** The rules a console starts with. */
  public static final AlertRules DEFAULTS =
      new AlertRules(0.9, Duration.ofMillis(250), Duration.ofSeconds(30));

  public AlertRules {
    if (poolSaturation <= 0 || poolSaturation > 1) {
      throw new IllegalArgumentException(
          "Pool saturation threshold " + poolSaturation + ": use a share above 0 and at most 1");
    }
  }

  /** What an alert is about. */
  public enum Kind {
    DOWN,
    POOL_SATURATED,
    SLOW_BORROW,
    BORROW_TIMEOUTS,
    LONG_STATEMENT,
    /** The server's role changed since the previous tick: a promotion or a demotion. */
    ROLE_CHANGED,
    /** The server's role is not the one expected (a failover group serving from a replica). */
    ROLE_UNEXPECTED,
    /** A provider's calls failing above the threshold within the window ({@link ServiceAlerts}). */
    PROVIDER_ERROR_RATE,
    /** A provider's circuit breaker opened. */
    BREAKER_OPEN,
    /** A provider's daily (or hourly) quota nearly spent. */
    QUOTA_NEARLY_SPENT,
    /** Clipdeck's own statements on a database failing above the threshold within the window. */
    QUERY_ERROR_RATE;

    /** The kinds judged from a database's card; the others come from {@link ServiceAlerts}. */
    public boolean fromCard() {
      return compareTo(ROLE_UNEXPECTED) <= 0;
    }
  }

  /** The message of {@code kind} when this card crosses its threshold. */
  public Optional<String> crossed(Kind kind, DatabaseCard card) {
    return switch (kind) {
      case DOWN ->
          card.health().isUp()
              ? Optional.empty()
              : Optional.of(
                  card.profile().name()
                      + " is down: "
                      + card.health().problem().orElse("no answer"));
      case POOL_SATURATED -> {
        int max = card.pool().max();
        yield max > 0 && card.pool().active() >= Math.ceil(max * poolSaturation)
            ? Optional.of(
                "The pool of "
                    + card.profile().name()
                    + " is saturated: "
                    + card.pool().active()
                    + " of "
                    + max
                    + " connections lent out (threshold "
                    + Math.round(poolSaturation * 100)
                    + " %).")
            : Optional.empty();
      }
      case SLOW_BORROW ->
          card.pool().averageBorrow().compareTo(slowBorrow) >= 0
              ? Optional.of(
                  "Borrowing from "
                      + card.profile().name()
                      + " is slow: "
                      + card.pool().averageBorrow().toMillis()
                      + " ms on average (threshold "
                      + slowBorrow.toMillis()
                      + " ms).")
              : Optional.empty();
      case BORROW_TIMEOUTS ->
          card.pool().borrowTimeouts() > 0
              ? Optional.of(
                  card.pool().borrowTimeouts()
                      + " borrowers of "
                      + card.profile().name()
                      + " gave up waiting for a connection.")
              : Optional.empty();
      case LONG_STATEMENT ->
          card.sessions().stream()
              .filter(ServerSession::active)
              .filter(session -> session.running().compareTo(longStatement) >= 0)
              .findFirst()
              .map(
                  session ->
                      "A statement on "
                          + card.profile().name()
                          + " has run "
                          + session.running().toSeconds()
                          + " s (session "
                          + session.id()
                          + ", threshold "
                          + longStatement.toSeconds()
                          + " s).");
      case ROLE_CHANGED ->
          card.role().isPresent()
                  && card.previousRole().isPresent()
                  && !card.role().equals(card.previousRole())
              ? Optional.of(
                  card.profile().name()
                      + " changed role: it was a "
                      + card.previousRole().get()
                      + " and is now a "
                      + card.role().get()
                      + ". Check that writes go where they should.")
              : Optional.empty();
      case ROLE_UNEXPECTED ->
          card.role().isPresent()
                  && card.expectedRole().isPresent()
                  && !card.role().equals(card.expectedRole())
              ? Optional.of(
                  card.profile().name()
                      + " is a "
                      + card.role().get()
                      + " but should be a "
                      + card.expectedRole().get()
                      + " (it serves a failover group): writes through it will fail. Promote it,"
                      + " or fail the group over to the primary.")
              : Optional.empty();
      case PROVIDER_ERROR_RATE, BREAKER_OPEN, QUOTA_NEARLY_SPENT, QUERY_ERROR_RATE ->
          Optional.empty(); // not in a card: ServiceAlerts judges them
    };
  }
}
