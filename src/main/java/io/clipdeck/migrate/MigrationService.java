package io.clipdeck.migrate;

import static java.util.stream.Collectors.joining;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseInfo;
import io.clipdeck.db.Dialect;
import io.clipdeck.db.Environment;
import io.clipdeck.db.PooledDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.migration.JavaMigration;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.output.RepairResult;
import org.flywaydb.core.api.output.ValidateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.flywaydb.core.internal.scanner.Scanner;
import org.flywaydb.core.internal.sqlscript.FlywaySqlScriptException;

/**
 * One profile's migrations on Flyway: status, migrate (all or to a target), validate, repair,
 * baseline, guarded clean, create, dry run, and what Flyway's free edition lacks — rollback of a
 * chosen migration by its down script, and a verification of up → down → up on a scratch database.
 * Every method blocks on the database: call it from a worker thread.
 *
 * <p>Longer than most classes, on purpose: every operation goes through the same Flyway
 * configuration of the profile's project, the same file lock and run marks, and the same reread of
 * the history, which is what keeps the operations consistent with each other. The pieces with a job
 * of their own are apart: {@link RollbackPlan}, {@link DownScripts}, {@link ValidationProblems},
 * {@link MigrateCallbacks}, {@link SchemaSnapshot}.
 */
public final class MigrationService {

  /**
   * Flyway's default history table (Clipdeck's schema keeps it); a project may name its own.
   * Rollback edits it so {@code info} and {@code validate} agree.
   */
  static final String HISTORY = MigrationProject.DEFAULT_TABLE;

  private static final DateTimeFormatter VERSION_STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_]{1,80}");

  private final PooledDatabase database;
  private final MigrationLocations locations;
  private final ScratchDatabases scratch;
  private final Clock clock;

  /** Marks of running migrations where DDL is not transactional (MySQL/MariaDB), else null. */
  private final RunMarkers markers;

  /** Where the profile's chosen project is saved; null for a service that saves none. */
  private final MigrationProjects projects;

  /** Whether Flyway sees repeatable migrations (a rollback check on a scratch copy does not). */
  private final boolean repeatables;

  public MigrationService(
      PooledDatabase database,
      MigrationLocations locations,
      ScratchDatabases scratch,
      Clock clock) {
    this(database, locations, scratch, clock, null);
  }

  /**
   * @param projects where {@link #saveProject} keeps the profile's project; null for none
   */
  public MigrationService(
      PooledDatabase database,
      MigrationLocations locations,
      ScratchDatabases scratch,
      Clock clock,
      MigrationProjects projects) {
    this(database, locations, scratch, clock, projects, true);
  }

  private MigrationService(
      PooledDatabase database,
      MigrationLocations locations,
      ScratchDatabases scratch,
      Clock clock,
      MigrationProjects projects,
      boolean repeatables) {
    this.database = database;
    this.locations = locations;
    this.scratch = scratch;
    this.clock = clock;
    this.projects = projects;
    this.repeatables = repeatables;
    this.markers =
        Dialect.of(database.profile().kind()).transactionalDdl()
            ? null
            : new RunMarkers(database, clock);
  }

  public ConnectionProfile profile() {
    return database.profile();
  }

  public MigrationLocations locations() {
    return locations;
  }

  /**
   * What the database says of itself (tables, size), as the dashboard shows it; empty when it
   * cannot be read.
   */
  public Optional<DatabaseInfo> databaseInfo() {
    try {
      return Optional.of(database.info());
    } catch (SQLException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The project this service follows: Clipdeck's schema or the user's own. */
  public MigrationProject project() {
    return locations.project();
  }

  /**
   * Chooses {@code project} for this profile from now on (services made later follow it).
   *
   * @return a service on the new project
   */
  public MigrationService saveProject(MigrationProject project) {
    if (projects == null) {
      throw new IllegalStateException("No place to save the migration project from here");
    }
    projects.save(profile().name(), project);
    return new MigrationService(
        database, locations.with(project), scratch, clock, projects, repeatables);
  }

  /** A service on the same database following another project, for this one command. */
  public MigrationService following(MigrationProject project) {
    return new MigrationService(
        database, locations.with(project), scratch, clock, projects, repeatables);
  }

  /** Every migration, resolved or applied, oldest first. */
  public MigrationStatus status() {
    var info = flyway(Optional.empty(), List.of()).info();
    List<MigrationRow> rows = Arrays.stream(info.all()).map(this::row).toList();
    MigrationInfo current = info.current();
    return new MigrationStatus(
        rows,
        Optional.ofNullable(current).map(MigrationInfo::getVersion).map(Object::toString),
        interrupted());
  }

  /**
   * A migration whose run died mid-script on MySQL/MariaDB (see {@link RunMarkers}): what may be
   * left behind and what to do. Until {@link #repair()} clears it, migrate refuses to run.
   */
  private Optional<MigrationFailure> interrupted() {
    if (markers == null) {
      return Optional.empty();
    }
    return markers.unfinished().stream()
        .findFirst()
        .map(
            marker ->
                new MigrationFailure(
                    MigrationFailure.Kind.INTERRUPTED,
                    marker.version(),
                    "V" + marker.version() + "__" + marker.description().replace(' ', '_'),
                    "",
                    0,
                    "V"
                        + marker.version()
                        + " "
                        + marker.description()
                        + " was interrupted: "
                        + marker.owner()
                        + " started it at "
                        + marker.startedAt()
                        + " and never finished it",
                    List.of(),
                    "MySQL/MariaDB keep the DDL that ran before the interruption, so part of V"
                        + marker.version()
                        + " may be applied. Compare the schema with its script, undo or finish"
                        + " what ran by hand, then run repair (it clears this mark) and migrate"
                        + " again"));
  }

  /**
   * Applies the pending migrations, all or up to {@code target}, telling {@code progress} of each.
   * A failure is an outcome, not an exception: it names the statement, its line, what was left
   * behind and what to do.
   */
  @SuppressWarnings("try") // the lock is held for the try block's length, not used in it
  public MigrateOutcome migrate(Optional<String> target, Consumer<String> progress) {
    try (MigrationLock lock = lockIfFileBased()) {
      Optional<MigrationFailure> interrupted = interrupted();
      if (interrupted.isPresent()) {
        // Never re-run a half-applied migration behind the user's back.
        return new MigrateOutcome(List.of(), currentVersion(), interrupted);
      }
      // Where DDL is not transactional, the schema is read before each migration, so a failure
      // lists what that migration itself left behind, not what the earlier ones of the run made.
      MigrateCallbacks.Failing failing =
          new MigrateCallbacks.Failing(markers != null ? this::describeSchema : List::of);
      List<Callback> callbacks = new ArrayList<>();
      callbacks.add(new MigrateCallbacks.Progress(progress, failing));
      if (markers != null) {
        callbacks.add(new MigrateCallbacks.Marking(markers));
      }
      try {
        MigrateResult result = flyway(target, callbacks).migrate();
        return new MigrateOutcome(
            result.migrations.stream()
                .map(
                    migration ->
                        migration.version == null || migration.version.isEmpty()
                            ? "R " + migration.description
                            : migration.version)
                .toList(),
            currentVersion(),
            Optional.empty());
      } catch (FlywayValidateException e) {
        return new MigrateOutcome(List.of(), currentVersion(), Optional.of(invalid(e)));
      } catch (FlywayException e) {
        return new MigrateOutcome(List.of(), currentVersion(), Optional.of(failure(e, failing)));
      }
    }
  }

  /**
   * Checks applied scripts against their files; one line per problem, empty when all agree. A
   * pending migration is no problem: it is what migrate is for.
   */
  public List<String> validate() {
    ValidateResult result =
        flyway(
                Optional.empty(),
                List.of(),
                configuration -> configuration.ignoreMigrationPatterns("*:pending", "*:future"))
            .validateWithResult();
    if (result.validationSuccessful) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    List<String> folders =
        project().builtIn() ? locations.flywayLocations() : project().locations();
    result.invalidMigrations.forEach(
        invalid -> problems.add(ValidationProblems.describe(invalid, this::shownPath, folders)));
    if (problems.isEmpty() && result.errorDetails != null) {
      problems.add(oneLine(result.errorDetails.errorMessage));
    }
    return problems;
  }

  /** A validation failure that stopped migrate: reported as one, not as a failed migration. */
  private MigrationFailure invalid(FlywayValidateException error) {
    List<String> problems;
    try {
      problems = validate();
    } catch (FlywayException again) {
      problems = List.of();
    }
    if (problems.isEmpty()) {
      problems = List.of(oneLine(error.getMessage()));
    }
    return new MigrationFailure(
        MigrationFailure.Kind.VALIDATION,
        "",
        "",
        "",
        0,
        String.join("\n", problems),
        List.of(),
        "restore the changed or missing files, or run repair to accept them as they are; then"
            + " migrate again");
  }

  /**
   * Repairs Flyway's history only: removes failed entries and realigns checksums with the files. It
   * changes no table: what a failed migration left behind stays until you undo it.
   */
  public String repair() {
    RepairResult result = flyway(Optional.empty(), List.of()).repair();
    List<String> actions = new ArrayList<>(result.repairActions);
    int cleared = markers == null ? 0 : markers.clearAll();
    if (cleared > 0) {
      actions.add("cleared " + cleared + " interrupted-migration mark" + (cleared == 1 ? "" : "s"));
    }
    return "Repaired the migration history only (no table was changed): "
        + (actions.isEmpty() ? "nothing to repair" : String.join(", ", actions))
        + ".";
  }

  /** Marks an existing database as being at {@code version}, so only later migrations run. */
  public String baseline(String version) {
    var result =
        flyway(Optional.empty(), List.of(), configuration -> configuration.baselineVersion(version))
            .baseline();
    return result.successfullyBaselined
        ? "Baselined " + profile().name() + " at version " + result.baselineVersion + "."
        : "Not baselined: " + String.join("; ", result.warnings);
  }

  /**
   * Drops every object in the schema. Only on a Development profile, and only when {@code
   * typedName} is the profile's name.
   */
  public String clean(String typedName) {
    if (profile().environment() != Environment.DEVELOPMENT) {
      throw new IllegalStateException(
          "Clean is only for Development profiles; "
              + profile().name()
              + " is "
              + profile().environment().name().toLowerCase(Locale.ROOT));
    }
    if (!profile().name().equals(typedName)) {
      throw new IllegalStateException(
          "Clean drops everything in " + profile().name() + ": type its name to confirm");
    }
    if (profile().kind().isFileBased()) {
      cleanSqlite();
    } else {
      flyway(Optional.empty(), List.of(), configuration -> configuration.cleanDisabled(false))
          .clean();
    }
    return "Cleaned "
        + profile().name()
        + ": every table and view, and the migration history, were dropped.";
  }

  /**
   * Drops every table, view and trigger of a SQLite file. Flyway 13's SQLite clean reports success
   * but leaves the tables in place when foreign keys are on (as Clipdeck's pools set them), so
   * Clipdeck drops them itself, with foreign keys off for the connection meanwhile.
   */
  private void cleanSqlite() {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true);
      statement.execute("PRAGMA foreign_keys = OFF");
      try {
        List<String[]> objects = new ArrayList<>();
        try (var rows =
            statement.executeQuery(
                "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"
                    + " AND type IN ('trigger', 'view', 'table')"
                    + " ORDER BY CASE type WHEN 'trigger' THEN 0 WHEN 'view' THEN 1 ELSE 2 END")) {
          while (rows.next()) {
            objects.add(new String[] {rows.getString(1), rows.getString(2)});
          }
        }
        for (String[] object : objects) {
          statement.execute(
              "DROP "
                  + object[0].toUpperCase(Locale.ROOT)
                  + " IF EXISTS \""
                  + object[1].replace("\"", "\"\"")
                  + "\"");
        }
      } finally {
        statement.execute("PRAGMA foreign_keys = ON");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot clean " + profile().name() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes a new migration and its down script into the profile's folder, versioned by the time.
   *
   * @return the up and the down file
   */
  public List<Path> create(String name, String description, String upSql, String downSql) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "Migration name '" + name + "': use letters, digits and underscores (up to 80)");
    }
    if (upSql.isBlank()) {
      throw new IllegalArgumentException("The up SQL of " + name + " is empty");
    }
    String header = description.isBlank() ? "" : "-- " + description.strip() + "\n";
    MigrationLocations.NewFiles where = locations.newFiles();
    Path up = where.upFolder();
    try {
      Files.createDirectories(where.upFolder());
      Files.createDirectories(where.downFolder());
      String file = "V" + freeVersion(where.upFolder()) + "__" + name + ".sql";
      up = where.upFolder().resolve(file);
      Path down = where.downFolder().resolve(where.undoNaming() ? "U" + file.substring(1) : file);
      Files.writeString(up, header + upSql.strip() + "\n", StandardOpenOption.CREATE_NEW);
      Files.writeString(down, header + downSql.strip() + "\n");
      return List.of(up, down);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + up + ": " + e.getMessage(), e);
    }
  }

  /**
   * The time as {@code yyyyMMddHHmmss}, a second later for each migration that has that version
   * already: two migrations created within one second must not share a version.
   */
  private String freeVersion(Path folder) throws IOException {
    Set<String> taken;
    try (Stream<Path> files = Files.list(folder)) {
      taken =
          files
              .map(file -> file.getFileName().toString())
              .filter(file -> file.startsWith("V") && file.contains("__"))
              .map(file -> file.substring(1, file.indexOf("__")))
              .collect(Collectors.toSet());
    }
    LocalDateTime stamp = LocalDateTime.now(clock).withNano(0);
    while (taken.contains(stamp.format(VERSION_STAMP))) {
      stamp = stamp.plusSeconds(1);
    }
    return stamp.format(VERSION_STAMP);
  }

  /** The SQL migrate would run, all or up to {@code target}, without running it. */
  public String dryRunMigrate(Optional<String> target) {
    StringBuilder sql = new StringBuilder();
    for (MigrationInfo pending : flyway(target, List.of()).info().pending()) {
      sql.append("-- ")
          .append(
              pending.getVersion() == null
                  ? "R " + pending.getDescription()
                  : "V" + pending.getVersion() + " " + pending.getDescription())
          .append(" (")
          .append(pending.getScript())
          .append(")\n")
          .append(upScript(pending.getScript()).strip())
          .append("\n\n");
    }
    return sql.isEmpty() ? "-- nothing to migrate\n" : sql.toString();
  }

  /** The SQL a rollback of {@code version} would run (with its later migrations if asked). */
  public String dryRunRollback(String version, boolean withLater) {
    StringBuilder sql = new StringBuilder();
    for (MigrationRow row : rollbackPlan(version, withLater)) {
      sql.append("-- undo V")
          .append(row.version())
          .append(' ')
          .append(row.description())
          .append(" (")
          .append(row.script())
          .append(")\n")
          .append(downScript(row).strip())
          .append("\nDELETE FROM ")
          .append(project().qualifiedTable())
          .append(" WHERE version = '")
          .append(row.version())
          .append("';\n\n");
    }
    return sql.toString();
  }

  /**
   * Undoes an applied migration by its down script, and removes it from the history so it is
   * pending again. Where the database has transactional DDL (PostgreSQL, SQLite) the script and the
   * history change commit together or not at all.
   *
   * @param withLater also undo the migrations applied after it, newest first
   * @param typedName the profile's name, required on Production profiles
   * @return the versions undone, newest first
   */
  @SuppressWarnings("try") // the lock is held for the try block's length, not used in it
  public List<String> rollback(String version, boolean withLater, String typedName) {
    if (needsTypedName(profile()) && !profile().name().equals(typedName)) {
      throw new IllegalStateException(
          profile().name() + " is a Production profile: type its name to confirm the rollback");
    }
    try (MigrationLock lock = lockIfFileBased()) {
      List<String> undone = new ArrayList<>();
      for (MigrationRow row : rollbackPlan(version, withLater)) {
        undo(row);
        undone.add(row.version());
      }
      return undone;
    }
  }

  /**
   * Runs up → down → up of {@code version} on a scratch database made from the migrations alone,
   * comparing the schema at each step.
   *
   * @return the differences found; empty when the down script exactly undoes the up script
   */
  public List<String> verifyRollback(String version) {
    MigrationStatus status = status();
    MigrationRow target =
        status.rows().stream()
            .filter(row -> version.equals(row.version()))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No migration V" + version));
    if (locations.down(target.script()).isEmpty()) {
      throw new IllegalStateException(
          target.label()
              + " has no down script: write one at "
              + locations.downHint(target.script()));
    }
    Optional<String> previous =
        status.rows().stream()
            .map(MigrationRow::version)
            .filter(v -> v != null && !v.isEmpty())
            .takeWhile(v -> !v.equals(version))
            .reduce((first, second) -> second);
    try (ScratchDatabases.Scratch copy = scratch.create(database)) {
      // The versioned migrations alone: a repeatable one (a view over later tables) would fail
      // at an early target, and a rollback undoes versions, not repeatables.
      MigrationService onCopy =
          new MigrationService(
              copy.database(), locations, ScratchDatabases.NONE, clock, null, false);
      previous.ifPresent(onCopy::requireMigrated);
      SchemaSnapshot beforeUp = onCopy.snapshot();
      onCopy.requireMigrated(version);
      SchemaSnapshot afterUp = onCopy.snapshot();
      onCopy.undo(onCopy.appliedRow(target.version()));
      SchemaSnapshot afterDown = onCopy.snapshot();
      onCopy.requireMigrated(version);
      SchemaSnapshot afterUpAgain = onCopy.snapshot();
      List<String> differences = new ArrayList<>();
      beforeUp.differences(afterDown).forEach(line -> differences.add("after down: " + line));
      afterUp.differences(afterUpAgain).forEach(line -> differences.add("after up again: " + line));
      return differences;
    }
  }

  private void requireMigrated(String version) {
    MigrateOutcome outcome = migrate(Optional.of(version), step -> {});
    outcome
        .failure()
        .ifPresent(
            failure -> {
              throw new IllegalStateException(failure.describe());
            });
  }

  /**
   * The plan of a rollback of {@code version}, as {@link #rollback} would run it.
   *
   * @throws IllegalArgumentException when {@code version} is not an applied versioned migration
   */
  public RollbackPlan rollbackPlan(String version) {
    return RollbackPlan.of(status(), version);
  }

  private List<MigrationRow> rollbackPlan(String version, boolean withLater) {
    RollbackPlan planned = rollbackPlan(version);
    List<MigrationRow> later = planned.later();
    if (!later.isEmpty() && !withLater) {
      throw new IllegalStateException(
          "V"
              + version
              + " cannot be rolled back alone: "
              + later.stream().map(row -> "V" + row.version()).toList()
              + " were applied after it. Roll those back first (newest first), or choose to"
              + " roll them back together");
    }
    List<MigrationRow> missing = planned.withoutDownScript();
    if (!missing.isEmpty()) {
      MigrationRow row = missing.getFirst();
      throw new IllegalStateException(
          "V"
              + row.version()
              + " has no down script: write one at "
              + locations.downHint(row.script()));
    }
    return planned.steps();
  }

  private MigrationRow appliedRow(String version) {
    return RollbackPlan.appliedRow(status(), version);
  }

  /** Runs one down script and removes its history row, in one transaction where DDL allows. */
  private void undo(MigrationRow row) {
    DownScripts.run(database, project().qualifiedTable(), row, downScript(row));
  }

  private MigrationFailure failure(FlywayException error, MigrateCallbacks.Failing failing) {
    FlywaySqlScriptException script = find(error, FlywaySqlScriptException.class);
    Optional<MigrationInfo> migration = failing.migration;
    String version =
        migration.map(m -> m.getVersion() == null ? "" : m.getVersion().toString()).orElse("?");
    String file =
        migration
            .map(MigrationInfo::getScript)
            .map(name -> locations.up(name).map(MigrationLocations.Script::where).orElse(name))
            .orElse("?");
    String message =
        script != null && script.getCause() != null
            ? script.getCause().getMessage()
            : oneLine(error.getMessage());
    boolean transactional = Dialect.of(profile().kind()).transactionalDdl();
    List<String> leftBehind = List.of();
    if (!transactional && migration.isPresent()) {
      List<String> after = describeSchema();
      List<String> before = failing.before;
      leftBehind = after.stream().filter(line -> !before.contains(line)).toList();
    }
    String name = version.isEmpty() ? "the repeatable migration" : "V" + version;
    String nextStep =
        transactional || leftBehind.isEmpty()
            ? "nothing of "
                + name
                + " remains (it ran in one transaction); fix the script and migrate again"
            : "MySQL/MariaDB keep the DDL that ran before the failing statement: undo what is"
                + " left behind by hand (or finish it), fix the script, run repair to remove the"
                + " failed entry from the history, then migrate again";
    if (!transactional && leftBehind.isEmpty()) {
      nextStep =
          "nothing of "
              + name
              + " was left behind; fix the script, run repair to remove the failed entry from"
              + " the history, then migrate again";
    }
    return new MigrationFailure(
        MigrationFailure.Kind.MIGRATION,
        version,
        file,
        script == null ? "" : script.getStatement(),
        script == null ? 0 : script.getLineNumber(),
        message,
        leftBehind,
        nextStep);
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  private Optional<String> currentVersion() {
    return status().currentVersion();
  }

  private SchemaSnapshot snapshot() {
    try (Connection connection = database.connection()) {
      return SchemaSnapshot.read(connection);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the schema of " + profile().name(), e);
    }
  }

  /** The schema as lines, to tell what a failed migration left behind. */
  private List<String> describeSchema() {
    return snapshot().describe().lines().toList();
  }

  private MigrationLock lockIfFileBased() {
    return profile().kind().isFileBased()
        ? MigrationLock.acquire(Path.of(profile().database()))
        : MigrationLock.none();
  }

  private MigrationRow row(MigrationInfo info) {
    return new MigrationRow(
        info.getVersion() == null ? "" : info.getVersion().toString(),
        info.getDescription(),
        info.getType() == null ? "" : info.getType().name(),
        info.getScript(),
        info.getState().getDisplayName().toLowerCase(Locale.ROOT),
        Optional.ofNullable(info.getInstalledOn()).map(java.util.Date::toInstant),
        info.getInstalledBy() == null ? "" : info.getInstalledBy(),
        Optional.ofNullable(info.getExecutionTime()),
        Optional.ofNullable(info.getChecksum()),
        info.getScript() != null && locations.down(info.getScript()).isPresent());
  }

  private String upScript(String script) {
    return locations
        .up(script)
        .map(MigrationLocations.Script::text)
        .map(this::substitute)
        .orElseThrow(() -> new IllegalStateException("Cannot find the script " + script));
  }

  /** The down script with the project's placeholders replaced, as the database will run it. */
  private String downScript(MigrationRow row) {
    return locations
        .down(row.script())
        .map(MigrationLocations.Script::text)
        .map(this::substitute)
        .orElseThrow(() -> new IllegalStateException("V" + row.version() + " has no down script"));
  }

  private String substitute(String text) {
    return locations.substitute(text, project().schema());
  }

  /** A file of Flyway's as its location gives it, not glued to the working directory. */
  private String shownPath(String path) {
    String cwd = Path.of("").toAbsolutePath().toString();
    return path.startsWith(cwd + "/") ? path.substring(cwd.length() + 1) : path;
  }

  /**
   * Whether a write to the profile's database needs its name typed: on Production, and on a profile
   * with no environment label (taken for Production).
   */
  public static boolean needsTypedName(ConnectionProfile profile) {
    return profile.environment() == null || profile.environment().requiresConfirmation();
  }

  private Flyway flyway(Optional<String> target, List<Callback> callbacks) {
    return flyway(target, callbacks, configuration -> {});
  }

  private Flyway flyway(
      Optional<String> target, List<Callback> callbacks, Consumer<FluentConfiguration> adjust) {
    MigrationProject project = project();
    for (String folder : project.folders()) {
      // Flyway skips a missing folder with a log line and finds no migrations: say so instead.
      if (!Files.isDirectory(Path.of(folder))) {
        throw new IllegalStateException(
            "The migration folder "
                + folder
                + " does not exist"
                + (Path.of(folder).isAbsolute()
                    ? ""
                    : " (a relative folder is taken from the working directory)"));
      }
    }
    FluentConfiguration configuration =
        Flyway.configure(MigrationService.class.getClassLoader())
            .dataSource(database.dataSource())
            .locations(locations.flywayLocations().toArray(String[]::new))
            .validateMigrationNaming(project.validateMigrationNaming())
            .cleanDisabled(true)
            .table(project.table())
            .placeholders(project.placeholders())
            .placeholderPrefix(project.placeholderPrefix())
            .placeholderSuffix(project.placeholderSuffix())
            .baselineVersion(project.baselineVersion())
            .baselineOnMigrate(project.baselineOnMigrate())
            .outOfOrder(project.outOfOrder())
            .encoding(project.encoding())
            .callbacks(callbacks.toArray(Callback[]::new));
    if (!project.schema().isEmpty()) {
      configuration.schemas(project.schema()).defaultSchema(project.schema());
    }
    target.ifPresent(configuration::target);
    adjust.accept(configuration);
    // Flyway's free edition refuses undo files (U1__…sql) when it checks names and warns of them
    // otherwise: they are Clipdeck's down scripts, so its scan never sees them.
    configuration.resourceProvider(
        new WithoutUndoFiles(
            new Scanner<>(JavaMigration.class, configuration, configuration.getLocations()),
            repeatables));
    return configuration.load();
  }

  /** Flyway's own scan, less the undo files (and the repeatable migrations, when asked). */
  private record WithoutUndoFiles(ResourceProvider scan, boolean repeatables)
      implements ResourceProvider {
    @Override
    public LoadableResource getResource(String name) {
      LoadableResource resource = scan.getResource(name);
      return resource == null || kept(resource) ? resource : null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
      return scan.getResources(prefix, suffixes).stream().filter(this::kept).toList();
    }

    private boolean kept(LoadableResource resource) {
      String name = resource.getFilename();
      return !MigrationLocations.isUndoFile(name) && (repeatables || !name.startsWith("R__"));
    }
  }

  /** Flyway's multi-line message (a validation's details are on the lines after the first). */
  static String oneLine(String text) {
    return text == null
        ? ""
        : text.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(joining(" "));
  }
}
