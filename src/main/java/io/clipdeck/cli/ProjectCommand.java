package io.clipdeck.cli;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.migrate.MigrationProject;
import io.clipdeck.migrate.MigrationService;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "project",
    mixinStandardHelpOptions = true,
    description = {
      "Show the migration project a profile follows, or choose one: --location (repeatable),"
          + " --table, or --config to import the project's flyway.conf or flyway.toml;"
          + " --clipdeck-schema to follow Clipdeck's own schema again.",
      "Folders are saved as absolute paths, so the project works from any directory."
    })
final class ProjectCommand extends MigrationCommands.Base {
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
