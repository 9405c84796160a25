package io.clipdeck.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clipdeck.app.AppContext;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.failover.FailoverEvent;
import io.clipdeck.db.failover.FailoverGroup;
import io.clipdeck.db.failover.FailoverGroups;
import io.clipdeck.db.failover.GroupCheck;
import io.clipdeck.db.failover.NoHealthyMemberException;
import io.clipdeck.db.failover.SwitchRequests;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clipdeck groups}: the failover groups for scripts. A one-shot command checks every member
 * once and says where the group's work goes now; {@code drill} rehearses a failover and a failback
 * on the real servers, as the Groups view's buttons do.
 */
@Command(
    name = "groups",
    mixinStandardHelpOptions = true,
    description = "List, check, switch, fail back and drill the failover groups.",
    subcommands = {
      GroupsCommand.ListGroups.class,
      GroupsCommand.Status.class,
      GroupsCommand.Switch.class,
      GroupsCommand.Failback.class,
      GroupsCommand.Drill.class
    })
final class GroupsCommand implements Runnable {

  @ParentCommand ClipdeckCommand root;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The saved group of that name, or an error that says how to find the names. */
  static GroupDefinition require(AppContext context, String name) {
    return context
        .profiles()
        .findGroup(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No failover group '" + name + "': `clipdeck groups list` shows the groups"));
  }

  private static void printJson(PrintWriter out, Object value) throws Exception {
    out.println(
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value));
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the groups.")
  static final class ListGroups implements Callable<Integer> {
    @ParentCommand GroupsCommand parent;

    @Option(names = "--json", description = "Print the groups as JSON.")
    boolean json;

    /** One group as {@code list} shows it. */
    record Row(
        String name,
        String primary,
        List<String> failovers,
        int failuresBeforeSwitch,
        long checkIntervalMs,
        String failback,
        long hysteresisMs) {}

    @Override
    public Integer call() throws Exception {
      List<Row> rows =
          parent.root.context().profiles().groups().stream()
              .map(
                  group ->
                      new Row(
                          group.name(),
                          group.primary(),
                          group.members().subList(1, group.members().size()),
                          group.failuresBeforeSwitch(),
                          group.checkInterval().toMillis(),
                          group.automaticFailback() ? "automatic" : "manual",
                          group.hysteresis().toMillis()))
              .toList();
      PrintWriter out = parent.spec.commandLine().getOut();
      if (json) {
        printJson(out, rows);
        return 0;
      }
      if (rows.isEmpty()) {
        out.println("No failover groups. Make one in the Profiles view's Failover groups tab.");
      }
      for (Row row : rows) {
        out.printf(
            "%-24s primary %s, then %s; switch after %d failed checks every %d ms; %s failback%n",
            row.name(),
            row.primary(),
            String.join(", ", row.failovers()),
            row.failuresBeforeSwitch(),
            row.checkIntervalMs(),
            row.failback());
      }
      return 0;
    }
  }

  /** What {@code status} reports of one group. */
  record GroupStatus(String group, String serving, String writable, List<MemberRow> members) {}

  /** One member as {@code status} reports it. */
  record MemberRow(
      String profile,
      String place,
      String health,
      String role,
      long latencyMs,
      String version,
      String problem) {}

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = {
        "Check every member of the groups (or the one named) now: where the work goes, and",
        "which member takes writes. Exit 1 when a group has no member that takes writes."
      })
  static final class Status implements Callable<Integer> {
    @ParentCommand GroupsCommand parent;

    @Parameters(arity = "0..1", paramLabel = "GROUP", description = "Only this group.")
    String name;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      AppContext context = parent.root.context();
      List<GroupDefinition> groups =
          name == null ? context.profiles().groups() : List.of(require(context, name));
      Map<String, HealthReport> reports = checkMembers(context, groups);
      List<GroupStatus> statuses = new ArrayList<>();
      for (GroupDefinition group : groups) {
        GroupCheck check = GroupCheck.of(group, reports);
        List<MemberRow> members = new ArrayList<>();
        for (HealthReport report : check.members()) {
          members.add(
              new MemberRow(
                  report.profile(),
                  report.profile().equals(group.primary()) ? "primary" : "failover",
                  report.health().name().toLowerCase(Locale.ROOT),
                  report.isUp() ? report.role().orElse(HealthReport.PRIMARY) : null,
                  report.latency().toMillis(),
                  report.isUp() ? report.serverVersion() : null,
                  report.problem().orElse(null)));
        }
        statuses.add(
            new GroupStatus(
                group.name(),
                check.serving().map(HealthReport::profile).orElse(null),
                check.writable().map(HealthReport::profile).orElse(null),
                members));
      }
      print(parent.spec.commandLine().getOut(), statuses);
      return statuses.stream().allMatch(s -> s.writable() != null) ? 0 : ClipdeckCommand.PROBLEM;
    }

    private void print(PrintWriter out, List<GroupStatus> statuses) throws Exception {
      if (json) {
        printJson(out, statuses);
        return;
      }
      for (GroupStatus status : statuses) {
        out.printf(
            "group %s: %s%n",
            status.group(),
            status.serving() == null
                ? "no member answers"
                : "work goes to "
                    + status.serving()
                    + (status.writable() == null
                        ? " (a replica: writes are refused until a primary answers)"
                        : ""));
        for (MemberRow member : status.members()) {
          out.printf(
              "  %-24s %-8s %-4s %s%n",
              member.profile(),
              member.place(),
              member.health(),
              member.problem() != null
                  ? member.problem()
                  : member.role() + ", " + member.version() + ", " + member.latencyMs() + " ms");
        }
      }
    }
  }

  /** Checks each member of the groups once, all at once: a dead server costs its timeout once. */
  static Map<String, HealthReport> checkMembers(AppContext context, List<GroupDefinition> groups)
      throws Exception {
    Map<String, CompletableFuture<HealthReport>> pending = new LinkedHashMap<>();
    for (GroupDefinition group : groups) {
      for (String member : group.members()) {
        pending.computeIfAbsent(
            member, name -> context.health().checkNow(context.profiles().require(name)));
      }
    }
    Map<String, HealthReport> reports = new LinkedHashMap<>();
    for (var entry : pending.entrySet()) {
      reports.put(entry.getKey(), entry.getValue().get());
    }
    return reports;
  }

  /** What {@code switch} and {@code failback} report. */
  record SwitchResult(String group, String member, String role, String askedAt, String file) {}

  /**
   * Checks the member now and records the request that every running copy of the group (the
   * console, {@code worker -g}) applies within {@link FailoverGroups#REQUEST_POLL}.
   */
  static SwitchResult ask(
      AppContext context, GroupDefinition definition, String member, String reason, boolean back)
      throws Exception {
    if (!definition.members().contains(member)) {
      throw new IllegalArgumentException(
          "Group '"
              + definition.name()
              + "' has no member '"
              + member
              + "': its members are "
              + String.join(", ", definition.members()));
    }
    Map<String, HealthReport> reports = checkMembers(context, List.of(definition));
    GroupCheck check = GroupCheck.of(definition, reports);
    HealthReport report = reports.get(member);
    String verb = back ? "fail back group '" : "switch group '";
    if (!report.isUp()) {
      throw new IllegalStateException(
          "Cannot "
              + verb
              + definition.name()
              + "' to "
              + member
              + ": "
              + report.problem().orElse("it does not answer")
              + ". Nothing was changed.");
    }
    if (report.isReplica() && check.writable().isPresent()) {
      throw new IllegalStateException(
          "Cannot "
              + verb
              + definition.name()
              + "' to "
              + member
              + ": it is a replica (in recovery or read-only) and "
              + check.writable().get().profile()
              + " takes writes, so every write would stop. Promote "
              + member
              + " first. Nothing was changed.");
    }
    java.time.Instant at = context.clock().instant();
    context.switchRequests().ask(definition.name(), new SwitchRequests.Request(member, reason, at));
    return new SwitchResult(
        definition.name(),
        member,
        report.role().orElse(HealthReport.PRIMARY),
        at.toString(),
        context.switchRequests().file().toString());
  }

  static void print(PrintWriter out, SwitchResult result, boolean json) throws Exception {
    if (json) {
      printJson(out, result);
      return;
    }
    out.println(
        "group "
            + result.group()
            + ": work goes to "
            + result.member()
            + " ("
            + result.role()
            + "); running consoles and workers follow within "
            + FailoverGroups.REQUEST_POLL.toSeconds()
            + " s");
  }

  @Command(
      name = "switch",
      mixinStandardHelpOptions = true,
      description = {
        "Send a group's work to another member now (maintenance, a planned switchover).",
        "The member is checked first; a replica is refused while another member takes writes.",
        "The switch is saved: running consoles and workers follow it, later commands prefer it."
      })
  static final class Switch implements Callable<Integer> {
    @ParentCommand GroupsCommand parent;

    @Parameters(paramLabel = "GROUP", description = "The group to switch.")
    String name;

    @Option(
        names = "--to",
        paramLabel = "MEMBER",
        description = "The member to serve from (default: the next one after the primary).")
    String to;

    @Option(names = "--reason", description = "Why, for the event (default: %DEFAULT-VALUE%).")
    String reason = "switched from the command line";

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      AppContext context = parent.root.context();
      GroupDefinition definition = require(context, name);
      String member = to != null ? to : definition.members().get(1);
      print(
          parent.spec.commandLine().getOut(),
          ask(context, definition, member, reason, false),
          json);
      return 0;
    }
  }

  @Command(
      name = "failback",
      mixinStandardHelpOptions = true,
      description = {
        "Send a group's work back to its primary now, if it answers and takes writes.",
        "Saved like a switch: running consoles and workers follow it."
      })
  static final class Failback implements Callable<Integer> {
    @ParentCommand GroupsCommand parent;

    @Parameters(paramLabel = "GROUP", description = "The group to fail back.")
    String name;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      AppContext context = parent.root.context();
      GroupDefinition definition = require(context, name);
      print(
          parent.spec.commandLine().getOut(),
          ask(
              context,
              definition,
              definition.primary(),
              "failed back from the command line to " + definition.primary(),
              true),
          json);
      return 0;
    }
  }

  /** What {@code drill} reports: each step with how long it took. */
  record DrillResult(String group, boolean passed, List<Step> steps) {}

  /** One step of a drill. */
  record Step(String what, boolean ok, long millis, String detail) {}

  @Command(
      name = "drill",
      mixinStandardHelpOptions = true,
      description = {
        "Rehearse a failover on the real servers: check every member, switch the group to the",
        "next member that answers (as a real failover would), read from it, and fail back to",
        "the primary. Exit 1 when a step fails; the step says why."
      })
  static final class Drill implements Callable<Integer> {
    @ParentCommand GroupsCommand parent;

    @Parameters(paramLabel = "GROUP", description = "The group to drill.")
    String name;

    @Option(names = "--reason", description = "Why, for the event (default: %DEFAULT-VALUE%).")
    String reason = "failover drill from the command line";

    @Option(names = "--stay", description = "Stay on the member switched to: no failback.")
    boolean stay;

    @Option(names = "--json", description = "Print the steps as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      AppContext context = parent.root.context();
      GroupDefinition definition = require(context, name);
      List<Step> steps = new ArrayList<>();
      // A group of its own, fed one check per member: the drill never waits for a schedule.
      try (FailoverGroup group =
          new FailoverGroup(
              definition.name(),
              context.profiles().require(definition.primary()),
              definition.members().stream().skip(1).map(context.profiles()::require).toList(),
              FailoverGroups.policyOf(definition),
              context.databases(),
              context.clock())) {
        long start = System.nanoTime();
        Map<String, HealthReport> reports = checkMembers(context, List.of(definition));
        reports.values().forEach(group::onReport);
        steps.add(
            new Step(
                "check members",
                true,
                millisSince(start),
                GroupCheck.of(definition, reports).healthy() + " answer"));
        passed(steps, "fail over", () -> describe(group.simulateFailover(reason)));
        if (last(steps).ok()) {
          passed(steps, "read on " + group.serving().name(), () -> readOn(group));
          if (!stay) {
            passed(
                steps,
                "fail back",
                () -> group.failBack().map(Drill::describe).orElse("already on the primary"));
          }
        }
      }
      boolean passed = steps.stream().allMatch(Step::ok);
      print(parent.spec.commandLine().getOut(), new DrillResult(name, passed, steps));
      return passed ? 0 : ClipdeckCommand.PROBLEM;
    }

    private static String readOn(FailoverGroup group) throws NoHealthyMemberException {
      HealthReport report = group.healthyDatabase().checkHealth();
      if (!report.isUp()) {
        throw new IllegalStateException(report.problem().orElse("no answer"));
      }
      return report.profile()
          + " answered as "
          + report.role().orElse(HealthReport.PRIMARY)
          + " ("
          + report.serverVersion()
          + ")";
    }

    private static String describe(FailoverEvent event) {
      return "from " + event.from() + " to " + event.to() + ": " + event.reason();
    }

    private interface Action {
      String run() throws Exception;
    }

    private static void passed(List<Step> steps, String what, Action action) {
      long start = System.nanoTime();
      try {
        String detail = action.run();
        steps.add(new Step(what, true, millisSince(start), detail));
      } catch (Exception e) {
        steps.add(new Step(what, false, millisSince(start), e.getMessage()));
      }
    }

    private static Step last(List<Step> steps) {
      return steps.getLast();
    }

    private void print(PrintWriter out, DrillResult result) throws Exception {
      if (json) {
        printJson(out, result);
        return;
      }
      for (Step step : result.steps()) {
        out.printf(
            "%-4s %-28s %6d ms  %s%n",
            step.ok() ? "ok" : "FAIL", step.what(), step.millis(), step.detail());
      }
      out.println(
          "drill of " + result.group() + (result.passed() ? ": passed" : ": failed (see above)"));
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
