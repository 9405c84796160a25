package io.clipdeck.cli;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.MigrationStatus;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code rollback} and {@code verify-rollback}: undoing a migration by its down script. */
final class RollbackCommands {

  private RollbackCommands() {}

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = {
        "Undo an applied migration with its down script and remove it from the history, so it is"
            + " pending again.",
        "Later applied migrations must go first: --with-later undoes them too, newest first.",
        "A Production profile needs --confirm with its name."
      })
  static final class Rollback extends MigrationCommands.Base {
    @Parameters(index = "0", paramLabel = "V", description = "The version to roll back.")
    String target;

    @Option(names = "--with-later", description = "Also roll back the migrations applied after V.")
    boolean withLater;

    @Option(names = "--dry-run", description = "Print the SQL without running it.")
    boolean dryRun;

    @Option(
        names = "--confirm",
        paramLabel = "PROFILE_NAME",
        description = "The profile's name, required on Production (and unlabelled) profiles.")
    String confirm;

    @Override
    Integer run() {
      MigrationService service = service();
      ConnectionProfile profile = service.profile();
      String version = MigrationCommands.version(target);
      if (dryRun) {
        String sql = service.dryRunRollback(version, withLater);
        if (json) {
          Map<String, Object> result = result(service);
          result.put("version", version);
          result.put("with_later", withLater);
          result.put("dry_run", true);
          result.put("sql", sql);
          printJson(result);
        } else {
          out().print(sql);
          out().flush();
        }
        return 0;
      }
      requireConfirmed(profile, confirm, "roll back V" + version);
      List<String> undone = service.rollback(version, withLater, confirm == null ? "" : confirm);
      MigrationStatus after = service.status();
      if (json) {
        Map<String, Object> result = result(service);
        result.put("rolled_back", undone);
        result.put("version", after.currentVersion().orElse(null));
        printJson(result);
      } else {
        out()
            .printf(
                "Rolled back %s on %s; %s pending again. %s is now %s.%n",
                MigrationCommands.versions(undone),
                profile.name(),
                undone.size() == 1 ? "it is" : "they are",
                profile.name(),
                after.currentVersion().map(v -> "at version " + v).orElse("at no version"));
      }
      return 0;
    }
  }

  @Command(
      name = "verify-rollback",
      mixinStandardHelpOptions = true,
      description = {
        "Run up, down and up again of a migration on a scratch database made from the migrations"
            + " alone, and compare the schema at each step.",
        "Exit 1, listing the differences, when the down script does not exactly undo the up"
            + " script. The profile's own database is untouched."
      })
  static final class VerifyRollback extends MigrationCommands.Base {
    @Parameters(index = "0", paramLabel = "V", description = "The version to verify.")
    String target;

    @Override
    Integer run() {
      MigrationService service = service();
      String version = MigrationCommands.version(target);
      List<String> differences = service.verifyRollback(version);
      if (json) {
        Map<String, Object> result = result(service);
        result.put("version", version);
        result.put("verified", differences.isEmpty());
        result.put("differences", differences);
        printJson(result);
      } else if (differences.isEmpty()) {
        out()
            .printf(
                "V%s: the down script exactly undoes the up script (up, down, up on a scratch"
                    + " database).%n",
                version);
      } else {
        out().printf("V%s: the down script does not undo the up script:%n", version);
        differences.forEach(line -> out().println("  " + line));
      }
      return differences.isEmpty() ? 0 : ClipdeckCommand.PROBLEM;
    }
  }
}
