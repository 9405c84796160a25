package io.clipdeck.db.failover;

import java.time.Instant;
import java.util.Objects;

/**
 * One switch of a failover group's serving member.
 *
 * @param time when the group switched, by the group's clock
 * @param from the profile the group served from until then
 * @param to the profile it serves from now
 * @param reason why, in a sentence for the event log (it names the failed member's problem)
 * @param kind what caused the switch
 */
public record FailoverEvent(Instant time, String from, String to, String reason, Kind kind) {

  /** What caused a switch. */
  public enum Kind {
    /** The serving member failed its checks too many times in a row. */
    FAILOVER,
    /**
     * Back to the primary: by itself after the hysteresis, or by {@link FailoverGroup#failBack}.
     */
    FAILBACK,
    /** Asked for by {@link FailoverGroup#simulateFailover}, e.g. for a drill. */
    SIMULATED,
    /** Asked for by {@link FailoverGroup#switchTo}: {@code clipdeck groups switch}. */
    MANUAL
  }

  public FailoverEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(kind, "kind");
  }
}
