package io.clipdeck.cli;

import io.clipdeck.app.AppContext;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.failover.GroupCheck;
import io.clipdeck.db.failover.SwitchRequests;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * {@code -p/--profile NAME} or {@code -g/--group GROUP}, never both: where a command's work goes. A
 * one-shot command on a group checks every member once and works on the one that serves now (see
 * {@link GroupCheck#choose}); it says which on standard error.
 */
final class TargetOptions {

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Choice choice;

  static final class Choice {
    @Option(
        names = {"-p", "--profile"},
        paramLabel = "NAME",
        description = "The profile to work on (default: the active one).")
    String profile;

    @Option(
        names = {"-g", "--group"},
        paramLabel = "GROUP",
        description =
            "A failover group instead of a profile: work goes to the member that serves now.")
    String group;
  }

  /** The group named with {@code -g}, if any. */
  Optional<String> group() {
    return Optional.ofNullable(choice).map(c -> c.group);
  }

  /** The profile named with {@code -p}, or null. */
  String profileName() {
    return choice == null ? null : choice.profile;
  }

  /** What to call the target in messages and JSON: the group's or the profile's name. */
  String label(AppContext context) {
    return group().orElseGet(() -> profile(context).name());
  }

  /** The profile named, or the active one; an error when {@code -g} was given. */
  ConnectionProfile profile(AppContext context) {
    String name = profileName();
    return name == null ? context.profiles().active() : context.profiles().require(name);
  }

  /**
   * The profile work goes to: the one named (or active), or the member of the group that serves
   * now, checked once.
   *
   * @param forWrites whether the work writes: then only a member that takes writes will do
   * @throws IllegalArgumentException when the group is unknown
   * @throws IllegalStateException when no member can take the work, naming each member's problem
   */
  ConnectionProfile resolve(AppContext context, boolean forWrites, PrintWriter err)
      throws Exception {
    if (group().isEmpty()) {
      return profile(context);
    }
    return member(context, group().get(), forWrites, err);
  }

  /** The member of {@code name} that a one-shot command's work goes to now. */
  static ConnectionProfile member(
      AppContext context, String name, boolean forWrites, PrintWriter err) throws Exception {
    GroupDefinition definition = GroupsCommand.require(context, name);
    Map<String, HealthReport> reports = GroupsCommand.checkMembers(context, List.of(definition));
    GroupCheck check = GroupCheck.of(definition, reports);
    Optional<String> asked =
        Optional.ofNullable(context.switchRequests().read().get(name))
            .map(SwitchRequests.Request::member);
    HealthReport chosen =
        check
            .choose(asked, forWrites)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "Group '"
                            + name
                            + "' has no member that "
                            + (forWrites ? "takes writes" : "answers")
                            + " ("
                            + check.describeMembers()
                            + "). Start or promote one, then try again; `clipdeck groups status "
                            + name
                            + "` shows the members."));
    err.println(
        "Group "
            + name
            + ": working on "
            + chosen.profile()
            + (chosen.isReplica() ? " (a replica: reads only)" : ""));
    err.flush();
    return context.profiles().require(chosen.profile());
  }
}
