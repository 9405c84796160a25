package io.clipdeck.db.failover;

import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.HealthReport;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A group judged from one check of each member, as a one-shot command sees it: where its work would
 * go now, and whether writes can go anywhere. The choice is the group's own on a failover: the
 * first member in the group's order that answers as a primary, else the first that answers at all
 * (a replica: reads only).
 *
 * @param group the group's name
 * @param members each member's check, in the group's order (the primary first)
 */
public record GroupCheck(String group, List<HealthReport> members) {

  public GroupCheck {
    members = List.copyOf(members);
  }

  /** Judges {@code definition} from the reports of its members, keyed by profile name. */
  public static GroupCheck of(GroupDefinition definition, Map<String, HealthReport> reports) {
    return new GroupCheck(
        definition.name(),
        definition.members().stream()
            .map(name -> reports.getOrDefault(name, HealthReport.unknown(name)))
            .toList());
  }

  /** The member that takes writes now: the first that answers as a primary. */
  public Optional<HealthReport> writable() {
    return members.stream().filter(r -> r.isUp() && !r.isReplica()).findFirst();
  }

  /** Where the group's work goes now: the writable member, else the first that answers at all. */
  public Optional<HealthReport> serving() {
    return writable().or(() -> members.stream().filter(HealthReport::isUp).findFirst());
  }

  /**
   * Where a one-shot command's work goes: the member asked for by {@code clipdeck groups switch}
   * while it answers (and takes writes, when the work writes), else {@link #writable()}, else, for
   * work that only reads, {@link #serving()}.
   */
  public Optional<HealthReport> choose(Optional<String> asked, boolean forWrites) {
    Optional<HealthReport> wanted =
        asked.flatMap(
            name ->
                members.stream()
                    .filter(r -> r.profile().equals(name) && r.isUp())
                    .filter(r -> !forWrites || !r.isReplica())
                    .findFirst());
    if (wanted.isPresent()) {
      return wanted;
    }
    return forWrites ? writable() : serving();
  }

  /** "a: problem; b: replica (takes no writes)" in the group's order, for error messages. */
  public String describeMembers() {
    return String.join(
        "; ",
        members.stream()
            .map(
                r ->
                    r.profile()
                        + ": "
                        + (r.isUp()
                            ? (r.isReplica() ? "replica (takes no writes)" : "primary")
                            : r.problem()
                                .orElse(r.health().name().toLowerCase(java.util.Locale.ROOT))))
            .toList());
  }

  /** The members that answered, in the group's order. */
  public List<String> healthy() {
    return members.stream().filter(HealthReport::isUp).map(HealthReport::profile).toList();
  }
}
