package io.clipdeck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clipdeck.app.AppContext;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.failover.GroupCheck;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clipdeck health}: checks profiles and failover groups at once, for scripts and probes. The
 * exit code says the verdict: 0 healthy (or ready, or live), 1 not.
 */
@Command(
    name = "health",
    mixinStandardHelpOptions = true,
    description = {
      "Check every profile (or the ones named) and every failover group.",
      "Exit 0 only when all are healthy; --ready: every group has a member that takes writes",
      "(with no groups: the active profile is healthy); --live: at least one database answers."
    })
final class HealthCommand implements Callable<Integer> {

  @ParentCommand ClipdeckCommand root;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = {"-p", "--profile"},
      description = "Check only this profile; repeatable.")
  List<String> only = new ArrayList<>();

  @Option(
      names = {"-g", "--group"},
      description = "Check only this failover group (its members); repeatable.")
  List<String> onlyGroups = new ArrayList<>();

  @ArgGroup(exclusive = true)
  Probe probe = new Probe();

  static final class Probe {
    @Option(
        names = "--ready",
        description = "Readiness: every group has a healthy member that takes writes.")
    boolean ready;

    @Option(names = "--live", description = "Liveness: at least one database answers.")
    boolean live;
  }

  /**
   * One group's verdict from its members' checks.
   *
   * @param serving where the group's work goes now (null when no member answers)
   * @param writable the member that takes writes (null when none answers as a primary)
   */
  record GroupHealth(String name, List<String> healthyMembers, String serving, String writable) {}

  /** What {@code --json} prints. */
  record Result(
      boolean healthy,
      boolean ready,
      boolean live,
      List<Map<String, Object>> profiles,
      List<GroupHealth> groups) {}

  @Override
  public Integer call() throws Exception {
    AppContext context = root.context();
    boolean everything = only.isEmpty() && onlyGroups.isEmpty();
    List<ConnectionProfile> checked =
        everything
            ? context.profiles().profiles()
            : only.stream().map(context.profiles()::require).toList();
    List<GroupDefinition> groups =
        everything
            ? context.profiles().groups()
            : onlyGroups.stream().map(name -> GroupsCommand.require(context, name)).toList();
    List<ConnectionProfile> needed = new ArrayList<>(checked);
    for (GroupDefinition group : groups) {
      group.members().stream()
          .map(context.profiles()::require)
          .filter(member -> !needed.contains(member))
          .forEach(needed::add);
    }
    // All checks at once: a dead server costs its timeout once, not once per profile.
    Map<String, CompletableFuture<HealthReport>> pending = new LinkedHashMap<>();
    needed.forEach(profile -> pending.put(profile.name(), context.health().checkNow(profile)));
    Map<String, HealthReport> reports = new LinkedHashMap<>();
    for (var entry : pending.entrySet()) {
      reports.put(entry.getKey(), entry.getValue().get());
    }

    List<GroupHealth> groupHealth =
        groups.stream()
            .map(group -> GroupCheck.of(group, reports))
            .map(
                check ->
                    new GroupHealth(
                        check.group(),
                        check.healthy(),
                        check.serving().map(HealthReport::profile).orElse(null),
                        check.writable().map(HealthReport::profile).orElse(null)))
            .toList();
    boolean profilesUp = checked.stream().allMatch(p -> reports.get(p.name()).isUp());
    boolean groupsUp = groupHealth.stream().noneMatch(g -> g.healthyMembers().isEmpty());
    boolean groupsWritable = groupHealth.stream().allMatch(g -> g.writable() != null);
    boolean ready = groups.isEmpty() ? activeIsUp(context, reports) : groupsWritable;
    boolean live = reports.values().stream().anyMatch(HealthReport::isUp);
    Result result =
        new Result(
            profilesUp && groupsUp,
            ready,
            live,
            checked.stream().map(p -> row(p, reports.get(p.name()))).toList(),
            groupHealth);

    print(result);
    boolean verdict = probe.ready ? result.ready() : probe.live ? result.live() : result.healthy();
    return verdict ? 0 : ClipdeckCommand.PROBLEM;
  }

  private static boolean activeIsUp(AppContext context, Map<String, HealthReport> reports)
      throws Exception {
    ConnectionProfile active = context.profiles().active();
    HealthReport report = reports.get(active.name());
    return (report != null ? report : context.health().checkNow(active).get()).isUp();
  }

  private void print(Result result) throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(result));
      return;
    }
    for (Map<String, Object> profile : result.profiles()) {
      out.printf(
          "%-4s %-28s %s%n",
          profile.get("health"),
          profile.get("name"),
          profile.get("health").equals("up")
              ? profile.get("version") + ", " + profile.get("latency_ms") + " ms"
              : profile.get("problem"));
    }
    for (GroupHealth group : result.groups()) {
      out.printf(
          "%-4s group %-22s %s%n",
          group.serving() == null ? "down" : "up",
          group.name(),
          group.serving() == null
              ? "no member answers"
              : "serving from "
                  + group.serving()
                  + (group.writable() == null ? " (a replica: no member takes writes)" : "")
                  + "; healthy: "
                  + group.healthyMembers());
    }
    out.printf(
        "healthy: %s, ready: %s, live: %s%n", result.healthy(), result.ready(), result.live());
  }

  private static Map<String, Object> row(ConnectionProfile profile, HealthReport report) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("name", profile.name());
    row.put("kind", profile.kind().id());
    row.put("location", profile.location());
    row.put("health", report.health().name().toLowerCase(java.util.Locale.ROOT));
    row.put("latency_ms", report.latency().toMillis());
    row.put("version", report.serverVersion());
    row.put("problem", report.problem().orElse(null));
    return row;
  }
}
