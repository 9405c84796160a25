package io.clipdeck.migrate;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.ProfileService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.flywaydb.core.api.MigrationVersion;

/**
 * The migrations of several databases side by side (a failover group's members): per version, each
 * member's state, and whether the applied checksums differ (drift: a script changed between the
 * runs on two members).
 *
 * @param members each member's name with its current version, or why it could not be read
 * @param rows one per migration, versions in Flyway's order, then the repeatable ones
 */
public record MigrationMatrix(List<Member> members, List<Row> rows) {

  public MigrationMatrix {
    members = List.copyOf(members);
    rows = List.copyOf(rows);
  }

  /** A member: its current version, or the error that kept it from being read. */
  public record Member(String profile, Optional<String> currentVersion, Optional<String> error) {}

  /**
   * @param states each member's state by profile name; "" where the member does not know it
   * @param checksumDrift true when members applied it with different checksums
   */
  public record Row(
      String version, String description, Map<String, String> states, boolean checksumDrift) {
    public Row {
      states = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(states));
    }

    public boolean repeatable() {
      return version.isEmpty();
    }

    public String label() {
      return repeatable() ? "R " + description : "V" + version + " " + description;
    }
  }

  /**
   * The matrix of a failover group's members, in the group's order; a member whose profile is gone
   * or whose migrations cannot be read is listed with why. The command line and the console build
   * it this way; runs on a worker (it reads every member's database).
   *
   * @param migrations the migration service of a member's profile
   */
  public static MigrationMatrix ofGroup(
      GroupDefinition group,
      ProfileService profiles,
      Function<ConnectionProfile, MigrationService> migrations) {
    return of(group.members(), name -> migrations.apply(profiles.require(name)));
  }

  /** True when a member cannot be read, a migration failed on one, or a checksum drifted. */
  public boolean hasProblem() {
    return members.stream().anyMatch(member -> member.error().isPresent())
        || rows.stream()
            .anyMatch(
                row ->
                    row.checksumDrift()
                        || row.states().values().stream().anyMatch(s -> s.contains("failed")));
  }

  /** Reads each member's status through {@code services} (one at a time). */
  public static MigrationMatrix of(
      List<String> profiles, Function<String, MigrationService> services) {
    List<Member> members = new ArrayList<>();
    Map<String, MigrationStatus> statuses = new LinkedHashMap<>();
    for (String profile : profiles) {
      try {
        MigrationStatus status = services.apply(profile).status();
        statuses.put(profile, status);
        members.add(new Member(profile, status.currentVersion(), Optional.empty()));
      } catch (RuntimeException e) {
        members.add(new Member(profile, Optional.empty(), Optional.of(e.getMessage())));
      }
    }
    Map<String, String> descriptions = new LinkedHashMap<>();
    Map<String, Map<String, MigrationRow>> byKey = new LinkedHashMap<>();
    statuses.forEach(
        (profile, status) -> {
          for (MigrationRow row : status.rows()) {
            String key = row.repeatable() ? "R:" + row.description() : row.version();
            descriptions.putIfAbsent(key, row.description());
            // A repeatable may have older (superseded) runs: the newest line wins.
            byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(profile, row);
          }
        });
    List<String> keys = new ArrayList<>(byKey.keySet());
    keys.sort(
        Comparator.comparing((String key) -> key.startsWith("R:"))
            .thenComparing(
                (a, b) ->
                    a.startsWith("R:")
                        ? a.compareTo(b)
                        : MigrationVersion.fromVersion(a)
                            .compareTo(MigrationVersion.fromVersion(b))));
    List<Row> rows = new ArrayList<>();
    for (String key : keys) {
      Map<String, MigrationRow> cells = byKey.get(key);
      Map<String, String> states = new LinkedHashMap<>();
      for (String profile : profiles) {
        MigrationRow row = cells.get(profile);
        states.put(profile, row == null ? "" : row.state());
      }
      long checksums =
          cells.values().stream()
              .filter(row -> row.installedOn().isPresent())
              .map(MigrationRow::checksum)
              .filter(Optional::isPresent)
              .map(Optional::get)
              .filter(Objects::nonNull)
              .distinct()
              .count();
      rows.add(
          new Row(key.startsWith("R:") ? "" : key, descriptions.get(key), states, checksums > 1));
    }
    return new MigrationMatrix(members, rows);
  }
}
