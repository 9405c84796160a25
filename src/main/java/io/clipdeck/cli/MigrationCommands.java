package io.clipdeck.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseInfo;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.migrate.FlywayConfigFile;
import io.clipdeck.migrate.MigrateOutcome;
import io.clipdeck.migrate.MigrationFailure;
import io.clipdeck.migrate.MigrationMatrix;
import io.clipdeck.migrate.MigrationProject;
import io.clipdeck.migrate.MigrationRow;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.MigrationStatus;
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
import java.util.stream.Stream;
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
      name = "project",
      mixinStandardHelpOptions = true,
      description = {
        "Show the migration project a profile follows, or choose one: --location (repeatable),"
            + " --table, or --config to import the project's flyway.conf or flyway.toml;"
            + " --clipdeck-schema to follow Clipdeck's own schema again.",
        "Folders are saved as absolute paths, so the project works from any directory."
      })
  static final class ProjectCommand extends Base {
    @Option(
        names = "--clipdeck-schema",
        description = "Follow Clipdeck's built-in schema (forget the saved project).")
    boolean clipdeckSchema;

    @Override
    Integer run() {
      ConnectionProfile profile = profile();
      MigrationService service = root.context().migrations(profile);
      MigrationProject project = service.project();
      String did = "follows";
      if (clipdeckSchema) {
        root.context().migrationProjects().remove(profile.name());
        project = MigrationProject.clipdeckSchema();
        did = "now follows";
      } else {
        Optional<MigrationProject> asked = project(project);
        if (asked.isPresent()) {
          project = absolute(asked.get());
          service.saveProject(project);
          did = "now follows";
        }
      }
      if (json) {
        Map<String, Object> result = result(service);
        result.put("clipdeck_schema", project.builtIn());
        result.put("locations", project.locations());
        result.put("table", project.table());
        result.put("schema", project.schema());
        result.put("placeholders", project.placeholders());
        result.put("placeholder_prefix", project.placeholderPrefix());
        result.put("placeholder_suffix", project.placeholderSuffix());
        result.put("baseline_version", project.baselineVersion());
        result.put("baseline_on_migrate", project.baselineOnMigrate());
        result.put("out_of_order", project.outOfOrder());
        result.put("validate_migration_naming", project.validateMigrationNaming());
        result.put("encoding", project.encoding());
        printJson(result);
      } else {
        out().println(profile.name() + " " + did + ": " + project.summary());
      }
      return 0;
    }

    /** Relative folders made absolute, so the saved project does not depend on where one stands. */
    private static MigrationProject absolute(MigrationProject project) {
      if (project.builtIn()) {
        return project;
      }
      return project.withLocations(
          project.locations().stream()
              .map(
                  location -> {
                    if (location.startsWith("classpath:")) {
                      return location;
                    }
                    String folder =
                        location.startsWith("filesystem:")
                            ? location.substring("filesystem:".length())
                            : location;
                    return Path.of(folder).toAbsolutePath().normalize().toString();
                  })
              .toList());
    }
  }

  @Command(
      name = "info",
      mixinStandardHelpOptions = true,
      description = {
        "List every migration of a profile with its state, when it was installed, how long it"
            + " took and whether it has a down script; the counts and the current version at the"
            + " top."
      })
  static final class Info extends Base {
    @Override
    boolean readsOnly() {
      return true;
    }

    /**
     * On a group ({@code -g G}) every member's migrations side by side: state per member, and
     * checksum drift (a script applied differently on two members).
     */
    @Override
    Integer run() {
      if (target.group().isPresent()) {
        return matrix(target.group().get());
      }
      MigrationService service = service();
      MigrationStatus status = service.status();
      if (json) {
        Map<String, Object> result = result(service);
        result.put("current_version", status.currentVersion().orElse(null));
        result.put("applied", status.applied());
        result.put("pending", status.pending());
        result.put("failed", status.failed());
        result.put("migrations", status.rows().stream().map(MigrationCommands::json).toList());
        result.put(
            "interrupted", status.interrupted().map(MigrationFailure::describe).orElse(null));
        Optional<DatabaseInfo> database = service.databaseInfo();
        result.put("table_count", database.map(DatabaseInfo::tableCount).orElse(null));
        result.put("size_bytes", database.map(DatabaseInfo::sizeBytes).orElse(null));
        printJson(result);
        return problem(status);
      }
      PrintWriter out = out();
      ConnectionProfile profile = service.profile();
      out.printf(
          "%s (%s, %s): %s; %d applied, %d pending, %d failed%n",
          profile.name(),
          profile.kind().id(),
          profile.environment().name().toLowerCase(Locale.ROOT),
          status.currentVersion().map(version -> "at version " + version).orElse("no version yet"),
          status.applied(),
          status.pending(),
          status.failed());
      service
          .databaseInfo()
          .ifPresent(
              database ->
                  out.printf(
                      "Database: %d table%s, %s%n",
                      database.tableCount(),
                      database.tableCount() == 1 ? "" : "s",
                      size(database.sizeBytes())));
      if (status.rows().isEmpty()) {
        out.println("No migrations.");
        return 0;
      }
      if (!service.project().builtIn()) {
        out.println("Project: " + service.project().summary());
      }
      int width = width("VERSION", status.rows().stream().map(MigrationRow::version));
      int described = width("DESCRIPTION", status.rows().stream().map(MigrationRow::description));
      int stated = width("STATE", status.rows().stream().map(MigrationRow::state));
      String format = "%-" + width + "s  %-" + described + "s  %-" + stated + "s  %-19s  %8s  %s%n";
      // A repeatable migration has no version: its line starts blank, as in Flyway's own info.
      out.printf(format, "VERSION", "DESCRIPTION", "STATE", "INSTALLED ON", "TIME", "DOWN");
      for (MigrationRow row : status.rows()) {
        out.printf(
            format,
            row.version(),
            row.description(),
            row.state(),
            installedOn(row),
            row.executionMillis().map(ms -> ms + " ms").orElse(""),
            row.downScript() ? "yes" : "no");
      }
      status.interrupted().ifPresent(mark -> out.println(mark.describe()));
      return problem(status);
    }

    private Integer matrix(String group) {
      GroupDefinition definition =
          root.context()
              .profiles()
              .findGroup(group)
              .orElseThrow(() -> new IllegalArgumentException("No failover group named " + group));
      MigrationMatrix matrix =
          MigrationMatrix.ofGroup(
              definition,
              root.context().profiles(),
              profile -> {
                MigrationService saved = root.context().migrations(profile);
                return project(saved.project()).map(saved::following).orElse(saved);
              });
      boolean problem = matrix.hasProblem();
      if (json) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("group", definition.name());
        result.put(
            "members",
            matrix.members().stream()
                .map(
                    member -> {
                      Map<String, Object> one = new LinkedHashMap<>();
                      one.put("profile", member.profile());
                      one.put("current_version", member.currentVersion().orElse(null));
                      one.put("error", member.error().orElse(null));
                      return one;
                    })
                .toList());
        result.put(
            "migrations",
            matrix.rows().stream()
                .map(
                    row -> {
                      Map<String, Object> one = new LinkedHashMap<>();
                      one.put("version", row.version());
                      one.put("description", row.description());
                      one.put("category", row.repeatable() ? "repeatable" : "versioned");
                      one.put("states", row.states());
                      one.put("checksum_drift", row.checksumDrift());
                      return one;
                    })
                .toList());
        printJson(result);
        return problem ? ClipdeckCommand.PROBLEM : 0;
      }
      PrintWriter out = out();
      out.println("Group " + definition.name() + ":");
      for (MigrationMatrix.Member member : matrix.members()) {
        out.println(
            "  "
                + member.profile()
                + ": "
                + member
                    .error()
                    .map(error -> "cannot be read: " + error)
                    .orElse(
                        member.currentVersion().map(v -> "at version " + v).orElse("no version")));
      }
      List<String> names = definition.members();
      int labelWidth = width("MIGRATION", matrix.rows().stream().map(MigrationMatrix.Row::label));
      StringBuilder format = new StringBuilder("%-" + labelWidth + "s");
      for (String name : names) {
        int width =
            Math.max(
                name.length(),
                matrix.rows().stream()
                    .mapToInt(row -> row.states().get(name).length())
                    .max()
                    .orElse(0));
        format.append("  %-").append(width).append("s");
      }
      format.append("  %s%n");
      List<Object> header = new ArrayList<>();
      header.add("MIGRATION");
      header.addAll(names);
      header.add("DRIFT");
      out.printf(format.toString(), header.toArray());
      for (MigrationMatrix.Row row : matrix.rows()) {
        List<Object> cells = new ArrayList<>();
        cells.add(row.label());
        names.forEach(name -> cells.add(row.states().get(name)));
        cells.add(row.checksumDrift() ? "checksum differs" : "");
        out.printf(format.toString(), cells.toArray());
      }
      return problem ? ClipdeckCommand.PROBLEM : 0;
    }

    /** "512 bytes", "48 KB", "1.2 MB", "3.4 GB". */
    static String size(long bytes) {
      if (bytes < 1024) {
        return bytes + " bytes";
      }
      if (bytes < 1024 * 1024) {
        return bytes / 1024 + " KB";
      }
      double megabytes = bytes / (1024.0 * 1024.0);
      return megabytes < 1024
          ? String.format(Locale.ROOT, "%.1f MB", megabytes)
          : String.format(Locale.ROOT, "%.1f GB", megabytes / 1024);
    }

    /** A column as wide as its widest value, so long descriptions keep the table aligned. */
    private static int width(String header, Stream<String> values) {
      return Math.max(header.length(), values.mapToInt(String::length).max().orElse(0));
    }

    private static int problem(MigrationStatus status) {
      return status.failed() > 0 || status.interrupted().isPresent() ? ClipdeckCommand.PROBLEM : 0;
    }
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
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = {
        "Undo an applied migration with its down script and remove it from the history, so it is"
            + " pending again.",
        "Later applied migrations must go first: --with-later undoes them too, newest first.",
        "A Production profile needs --confirm with its name."
      })
  static final class Rollback extends Base {
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
      String version = version(target);
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
                versions(undone),
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
  static final class VerifyRollback extends Base {
    @Parameters(index = "0", paramLabel = "V", description = "The version to verify.")
    String target;

    @Override
    Integer run() {
      MigrationService service = service();
      String version = version(target);
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
