package io.clipdeck.db.failover;

import io.clipdeck.db.HealthReport;
import java.time.Instant;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * A snapshot of a failover group: who serves, how each member fared in its last check, and the
 * recent switches. It does not change; ask the group again for a newer one.
 *
 * @param group the group's name
 * @param serving the profile the group serves from now
 * @param members every member, the primary first, in the group's order
 * @param events the most recent switches, oldest first (at most {@link
 *     FailoverGroup#EVENT_HISTORY})
 * @param failbackHeld why the group does not return to its primary by itself although the primary
 *     is healthy (it is a replica, or the serving member was promoted and the primary may lack its
 *     writes); empty otherwise
 */
public record FailoverStatus(
    String group,
    String serving,
    List<Member> members,
    List<FailoverEvent> events,
    Optional<String> failbackHeld) {

  public FailoverStatus {
    members = List.copyOf(members);
    events = List.copyOf(events);
  }

  /** Whether the group serves from its primary. */
  public boolean onPrimary() {
    return members.getFirst().profile().equals(serving);
  }

  /** The member with this profile name. */
  public Member member(String profile) {
    return members.stream()
        .filter(member -> member.profile().equals(profile))
        .findFirst()
        .orElseThrow(
            () -> new NoSuchElementException("'" + profile + "' is not in group '" + group + "'"));
  }

  /** The most recent switch, if there was one. */
  public Optional<FailoverEvent> lastEvent() {
    return events.isEmpty() ? Optional.empty() : Optional.of(events.getLast());
  }

  /**
   * One member as the group last saw it.
   *
   * @param profile the member's profile name
   * @param role primary or failover
   * @param lastHealth its latest check, {@link HealthReport.Health#UNKNOWN} before the first
   * @param consecutiveFailures failed checks in a row since its last success
   * @param healthySince when its current run of successful checks began; empty when its last check
   *     failed or it was never checked
   * @param serving whether the group serves from it now
   */
  public record Member(
      String profile,
      Role role,
      HealthReport lastHealth,
      int consecutiveFailures,
      Optional<Instant> healthySince,
      boolean serving) {}

  /** A member's place in the group. */
  public enum Role {
    PRIMARY,
    FAILOVER
  }
}
