package io.clipdeck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.migrate.FlywayConfigFile;
import io.clipdeck.migrate.MigrateOutcome;
import io.clipdeck.migrate.MigrationFailure;
import io.clipdeck.migrate.MigrationProject;
import io.clipdeck.migrate.MigrationRow;
import io.clipdeck.migrate.MigrationService;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * The schema migration commands: {@code info}, {@code migrate}, {@code validate}, {@code repair},
 * {@code baseline}, {@code rollback}, {@code verify-rollback} and {@code new}. Each works on the
 * active profile or on {@code --profile NAME}, and prints JSON with {@code --json}. Exit 1 means
 * the command ran and found a problem (a failed migration, an invalid history, a rollback that does
 * not undo its migration).
 */
final class MigrationCommands {

  private MigrationCommands() {}

  /** What every migration command shares: the profile, its project, JSON output, the service. */
  abstract static class Base implements Callable<Integer> {
    @ParentCommand ClipdeckCommand root;
    @Spec CommandSpec spec;

    @Mixin TargetOptions target = new TargetOptions();

    @Option(names = "--json", description = "Print the result, or the error, as JSON.")
    boolean json;

    @Option(
        names = "--location",
        paramLabel = "DIR",
        description =
            "A folder of the project's migrations (repeatable; filesystem: or classpath: as"
                + " Flyway writes them). Instead of the profile's saved project, for this command.")
    List<String> locations = new ArrayList<>();

    @Option(
        names = "--table",
        paramLabel = "NAME",
        description = "The project's history table (default flyway_schema_history).")
    String table;

    @Option(
        names = "--config",
        paramLabel = "FILE",
        description =
            "Take the project from its flyway.conf or flyway.toml (locations, table, schemas,"
                + " placeholders, baseline, outOfOrder, …); --location and --table override it.")
    Path config;

    /** The command's work; {@link #call} turns an error into JSON under {@code --json}. */
    abstract Integer run();

    @Override
    public final Integer call() {
      try {
        return run();
      } catch (RuntimeException e) {
        if (!json) {
          throw e;
        }
        // Scripts reading standard output get a document for an error too; same exit code.
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("profile", target.profileName());
        target.group().ifPresent(group -> error.put("group", group));
        error.put("command", spec.name());
        error.put("error", e.getMessage());
        printJson(error);
        err().println("clipdeck: " + e.getMessage());
        return ClipdeckCommand.PROBLEM;
      }
    }

    /** The profile named, or the group's member that serves now (checked once, on first use). */
    ConnectionProfile profile() {
      if (resolved == null) {
        try {
          resolved = target.resolve(root.context(), !readsOnly(), err());
        } catch (RuntimeException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      }
      return resolved;
    }

    private ConnectionProfile resolved;

    /** Whether the command only reads: on a group it may then run on a replica. */
    boolean readsOnly() {
      return false;
    }

    MigrationService service() {
      MigrationService saved = root.context().migrations(profile());
      return project(saved.project()).map(saved::following).orElse(saved);
    }

    /** The project the command line asks for instead of the saved one, if it asks. */
    Optional<MigrationProject> project(MigrationProject saved) {
      if (config == null && locations.isEmpty() && table == null) {
        return Optional.empty();
      }
      MigrationProject project =
          config != null
              ? FlywayConfigFile.read(config)
              : saved.builtIn() ? MigrationProject.of(locations) : saved;
      if (!locations.isEmpty()) {
        project = project.withLocations(locations);
      }
      if (table != null) {
        if (project.builtIn()) {
          throw new IllegalArgumentException(
              "--table needs --location or --config: Clipdeck's schema keeps its own table");
        }
        project = project.withTable(table);
      }
      return Optional.of(project);
    }

    /**
     * Refuses a write to a Production (or unlabelled) profile unless {@code --confirm} names it.
     */
    void requireConfirmed(ConnectionProfile profile, String confirm, String what) {
      if (MigrationService.needsTypedName(profile) && !profile.name().equals(confirm)) {
        throw new IllegalStateException(
            profile.name()
                + (profile.environment() == null || !profile.environment().isLabelled()
                    ? " has no environment label, so it counts as Production"
                    : " is a Production profile")
                + ": add --confirm '"
                + profile.name()
                + "' to "
                + what);
      }
    }

    PrintWriter out() {
      return spec.commandLine().getOut();
    }

    PrintWriter err() {
      return spec.commandLine().getErr();
    }

    void printJson(Object value) {
      try {
        out()
            .println(
                new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(value));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("Cannot write JSON: " + e.getMessage(), e);
      }
    }

    /** A result object starting with the profile's name. */
    Map<String, Object> result(MigrationService service) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("profile", service.profile().name());
      return result;
    }

    String installedOn(MigrationRow row) {
      ZoneId zone = root.context().clock().getZone();
      return row.installedOn().map(instant -> INSTALLED_ON.format(instant.atZone(zone))).orElse("");
    }
  }

  private static final DateTimeFormatter INSTALLED_ON =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  /** "V1" or "v1" as typed by people, "1" as Flyway writes it. */
  static String version(String typed) {
    String version = typed.strip();
    return version.length() > 1 && (version.charAt(0) == 'V' || version.charAt(0) == 'v')
        ? version.substring(1)
        : version;
  }

  static String versions(List<String> versions) {
    return String.join(
        ", ",
        versions.stream()
            .map(version -> version.startsWith("R ") ? version : "V" + version)
            .toList());
  }

  static Map<String, Object> json(MigrationRow row) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("version", row.version());
    json.put("description", row.description());
    json.put("type", row.type());
    json.put("script", row.script());
    json.put("state", row.state());
    json.put("installed_on", row.installedOn().map(Object::toString).orElse(null));
    json.put("installed_by", row.installedBy().isEmpty() ? null : row.installedBy());
    json.put("execution_ms", row.executionMillis().orElse(null));
    json.put("checksum", row.checksum().orElse(null));
    json.put("down_script", row.downScript());
    json.put("category", row.repeatable() ? "repeatable" : "versioned");
    json.put("label", row.label());
    return json;
  }

  static Map<String, Object> json(MigrationFailure failure) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", failure.kind().name().toLowerCase(Locale.ROOT));
    json.put("version", failure.version());
    json.put("script", failure.script());
    json.put("line", failure.line());
    json.put("statement", failure.statement());
    json.put("message", failure.message());
    json.put("left_behind", failure.leftBehind());
    json.put("next_step", failure.nextStep());
    json.put("description", failure.describe());
    return json;
  }

  @Command(
      name = "migrate",
      mixinStandardHelpOptions = true,
      description = {
        "Apply the pending migrations, all or up to --target.",
        "--dry-run prints the SQL that would run and changes nothing.",
        "A failure names the statement, its line, what was left behind and what to do; exit 1."
      })
  static final class Migrate extends Base {
    @Option(names = "--target", paramLabel = "V", description = "Stop after this version.")
    String target;

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
      Optional<String> upTo = Optional.ofNullable(target).map(MigrationCommands::version);
      if (dryRun) {
        String sql = service.dryRunMigrate(upTo);
        if (json) {
          Map<String, Object> result = result(service);
          result.put("target", upTo.orElse(null));
          result.put("dry_run", true);
          result.put("sql", sql);
          printJson(result);
        } else {
          out().print(sql);
          out().flush();
        }
        return 0;
      }
      requireConfirmed(
          service.profile(),
          confirm,
          "migrate it" + upTo.map(version -> " to V" + version).orElse(""));
      // Progress goes to standard error under --json, so standard output stays one document.
      PrintWriter progressTo = json ? err() : out();
      Consumer<String> progress = progressTo::println;
      MigrateOutcome outcome = service.migrate(upTo, progress);
      if (json) {
        Map<String, Object> result = result(service);
        result.put("succeeded", outcome.succeeded());
        result.put("applied", outcome.applied());
        result.put("version", outcome.versionNow().orElse(null));
        result.put("failure", outcome.failure().map(MigrationCommands::json).orElse(null));
        printJson(result);
      } else if (outcome.succeeded()) {
        String name = service.profile().name();
        out()
            .println(
                outcome.applied().isEmpty()
                    ? name
                        + " is up to date"
                        + outcome.versionNow().map(v -> " at version " + v).orElse("")
                        + ": nothing to migrate."
                    : "Migrated "
                        + name
                        + outcome.versionNow().map(v -> " to version " + v).orElse("")
                        + ": applied "
                        + versions(outcome.applied())
                        + ".");
      } else {
        err().println("clipdeck: " + outcome.failure().orElseThrow().describe());
      }
      return outcome.succeeded() ? 0 : ClipdeckCommand.PROBLEM;
    }
  }

  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      description = {
        "Check the applied migrations against their files (checksums, missing or failed ones).",
        "Exit 1 with one line per problem when they disagree."
      })
  static final class Validate extends Base {
    @Override
    boolean readsOnly() {
      return true;
    }

    @Override
    Integer run() {
      MigrationService service = service();
      List<String> problems = service.validate();
      if (json) {
        Map<String, Object> result = result(service);
        result.put("valid", problems.isEmpty());
        result.put("problems", problems);
        printJson(result);
      } else if (problems.isEmpty()) {
        out().println(service.profile().name() + ": the migrations agree with their files.");
      } else {
        problems.forEach(out()::println);
      }
      return problems.isEmpty() ? 0 : ClipdeckCommand.PROBLEM;
    }
  }

  @Command(
      name = "repair",
      mixinStandardHelpOptions = true,
      description = {
        "Repair Flyway's history: remove failed entries, realign checksums with the files.",
        "No table is changed: undo what a failed migration left behind yourself."
      })
  static final class Repair extends Base {
    @Option(
        names = "--confirm",
        paramLabel = "PROFILE_NAME",
        description = "The profile's name, required on Production (and unlabelled) profiles.")
    String confirm;

    @Override
    Integer run() {
      MigrationService service = service();
      requireConfirmed(service.profile(), confirm, "repair its migration history");
      String done = service.repair();
      if (json) {
        Map<String, Object> result = result(service);
        result.put("message", done);
        printJson(result);
      } else {
        out().println(done);
      }
      return 0;
    }
  }

  @Command(
      name = "baseline",
      mixinStandardHelpOptions = true,
      description = {
        "Mark an existing database as being at a version, so only later migrations run on it."
      })
  static final class Baseline extends Base {
    @Option(
        names = "--baseline-version",
        paramLabel = "V",
        defaultValue = "1",
        description = "The version the database is at (default ${DEFAULT-VALUE}).")
    String baselineVersion;

    @Option(
        names = "--confirm",
        paramLabel = "PROFILE_NAME",
        description = "The profile's name, required on Production (and unlabelled) profiles.")
    String confirm;

    @Override
    Integer run() {
      MigrationService service = service();
      requireConfirmed(service.profile(), confirm, "baseline it");
      String done = service.baseline(version(baselineVersion));
      boolean baselined = !done.startsWith("Not baselined");
      if (json) {
        Map<String, Object> result = result(service);
        result.put("baselined", baselined);
        result.put("message", done);
        printJson(result);
      } else if (baselined) {
        out().println(done);
      } else {
        err().println("clipdeck: " + done);
      }
      return baselined ? 0 : ClipdeckCommand.PROBLEM;
    }
  }

  @Command(
      name = "new",
      mixinStandardHelpOptions = true,
      description = {
        "Write a new migration into the profile's folder, versioned by the time:",
        "<data>/migrations/<profile>/up/V<time>__NAME.sql and the same name under down/.",
        "Prints the two paths."
      })
  static final class NewMigration extends Base {
    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "Letters, digits and underscores, e.g. add_user_preferences.")
    String name;

    @Option(
        names = "--description",
        paramLabel = "D",
        defaultValue = "",
        description = "A comment line at the top of both scripts.")
    String description;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Script up;

    @ArgGroup(exclusive = true)
    DownScript down;

    static final class Script {
      @Option(names = "--up-file", paramLabel = "F", description = "The up SQL, from a file.")
      Path file;

      @Option(names = "--up", paramLabel = "SQL", description = "The up SQL.")
      String sql;
    }

    static final class DownScript {
      @Option(
          names = "--down-file",
          paramLabel = "F",
          description = "The down SQL (undoes the up SQL), from a file.")
      Path file;

      @Option(names = "--down", paramLabel = "SQL", description = "The down SQL.")
      String sql;
    }

    @Override
    Integer run() {
      MigrationService service = service();
      String upSql = up.file != null ? read(up.file) : up.sql;
      String downSql = down == null ? "" : down.file != null ? read(down.file) : down.sql;
      List<Path> written = service.create(name, description, upSql, downSql);
      if (json) {
        Map<String, Object> result = result(service);
        result.put("up", written.get(0).toString());
        result.put("down", written.get(1).toString());
        result.put("down_empty", downSql.isBlank());
        printJson(result);
      } else {
        out().println(written.get(0));
        out().println(written.get(1));
      }
      if (downSql.isBlank()) {
        err()
            .println(
                "clipdeck: no down SQL given: write the statements that undo "
                    + name
                    + " into "
                    + written.get(1)
                    + " before rolling it back (an empty down script undoes nothing)");
      }
      return 0;
    }

    private static String read(Path file) {
      try {
        return Files.readString(file);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
      }
    }
  }
}
