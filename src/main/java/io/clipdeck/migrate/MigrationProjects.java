package io.clipdeck.migrate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.config.PrivateJsonFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The migration project of each profile, keyed by the profile's name, in its own owner-only file
 * beside the profiles ({@code migration-projects.json}). A profile with none follows Clipdeck's
 * built-in schema. A file that cannot be read is kept (with a copy) and never overwritten.
 */
public final class MigrationProjects {

  private final Path file;
  private final Clock clock;
  private final ObjectMapper mapper = PrivateJsonFile.mapper();

  /** What was wrong with the file when it was last read, so its copy is kept once. */
  private String damage;

  /** The file's shape; {@code version} lets a later Clipdeck read an older file. */
  record ProjectFile(int version, Map<String, MigrationProject> projects) {}

  public MigrationProjects(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  public Path file() {
    return file;
  }

  /** The profile's project; Clipdeck's built-in schema when none was chosen. */
  public synchronized MigrationProject of(String profileName) {
    return saved(profileName).orElseGet(MigrationProject::clipdeckSchema);
  }

  /** The project chosen for the profile, if one was. */
  public synchronized Optional<MigrationProject> saved(String profileName) {
    return Optional.ofNullable(read().get(profileName));
  }

  /** Chooses {@code project} for the profile. */
  public synchronized void save(String profileName, MigrationProject project) {
    Map<String, MigrationProject> projects = read();
    projects.put(profileName, project);
    write(projects);
  }

  /** Forgets the profile's project: it follows Clipdeck's built-in schema again. */
  public synchronized void remove(String profileName) {
    Map<String, MigrationProject> projects = read();
    if (projects.remove(profileName) != null) {
      write(projects);
    }
  }

  private Map<String, MigrationProject> read() {
    if (!Files.exists(file)) {
      return new TreeMap<>();
    }
    try {
      ProjectFile stored = mapper.readValue(file.toFile(), ProjectFile.class);
      return new TreeMap<>(stored.projects() == null ? Map.of() : stored.projects());
    } catch (JacksonException e) {
      if (damage == null) {
        damage =
            PrivateJsonFile.describe(file, e, "migration project file")
                + "; "
                + PrivateJsonFile.keepUnreadableCopy(file, clock);
      }
      // Never overwritten: saving reads it first and stops here until the user fixes it.
      throw new IllegalStateException(damage, e);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(Map<String, MigrationProject> projects) {
    try {
      PrivateJsonFile.writeAtomically(
          file, mapper.writeValueAsBytes(new ProjectFile(1, new TreeMap<>(projects))));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
    }
  }
}
