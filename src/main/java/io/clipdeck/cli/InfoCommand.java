package io.clipdeck.cli;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseInfo;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.migrate.MigrationFailure;
import io.clipdeck.migrate.MigrationMatrix;
import io.clipdeck.migrate.MigrationRow;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.MigrationStatus;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import picocli.CommandLine.Command;

@Command(
    name = "info",
    mixinStandardHelpOptions = true,
    description = {
      "List every migration of a profile with its state, when it was installed, how long it"
          + " took and whether it has a down script; the counts and the current version at the"
          + " top."
    })
final class InfoCommand extends MigrationCommands.Base {
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
      result.put("interrupted", status.interrupted().map(MigrationFailure::describe).orElse(null));
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
