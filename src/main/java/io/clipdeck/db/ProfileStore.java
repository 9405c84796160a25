package io.clipdeck.db;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.config.PrivateJsonFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps connection profiles and failover groups in one JSON file. Writes are atomic (temp file,
 * fsync, rename) and owner-only. A file that cannot be read, or holds an entry that is not valid,
 * is never overwritten: the valid entries load, a copy is kept beside the file, and saving is
 * refused until the user has fixed or moved it.
 */
public final class ProfileStore {

  /** Larger than any hand-made profile file; a bigger one is refused before parsing. */
  static final long MAX_FILE_BYTES = 4 * 1024 * 1024;

  private final Path file;
  private final Clock clock;
  private final ObjectMapper mapper = mapper();
  private volatile Optional<String> damage = Optional.empty();

  public ProfileStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** The JSON mapper for profile files: snake_case names, ISO-8601 durations. */
  static ObjectMapper mapper() {
    return PrivateJsonFile.mapper();
  }

  public Path file() {
    return file;
  }

  /** What the file held when it was read: every valid entry, and what was wrong with the rest. */
  public record Loaded(
      List<ConnectionProfile> profiles, List<GroupDefinition> groups, Optional<String> problem) {}

  /** The stored file's shape; {@code version} lets a later Clipdeck migrate an older file. */
  record ProfileFile(int version, List<ConnectionProfile> profiles, List<GroupDefinition> groups) {}

  public boolean exists() {
    return Files.exists(file);
  }

  /**
   * Reads the profiles and groups. A malformed file gives no entries and a problem naming the file
   * and the line; an invalid entry is left out and named. Either way the file stays as it was and a
   * copy is kept.
   */
  public Loaded load() {
    if (!Files.exists(file)) {
      damage = Optional.empty();
      return new Loaded(List.of(), List.of(), Optional.empty());
    }
    List<String> problems = new ArrayList<>();
    List<ConnectionProfile> profiles = new ArrayList<>();
    List<GroupDefinition> groups = new ArrayList<>();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        problems.add(
            file + " is " + Files.size(file) + " bytes, more than a profile file can be (4 MiB)");
      } else {
        JsonNode root = mapper.readTree(file.toFile());
        if (root == null || !root.isObject()) {
          problems.add(file + " does not hold a JSON object with \"profiles\"");
        } else {
          read(root.path("profiles"), ConnectionProfile.class, "profile", profiles, problems);
          read(root.path("groups"), GroupDefinition.class, "group", groups, problems);
        }
      }
    } catch (JacksonException e) {
      problems.add(PrivateJsonFile.describe(file, e, "profile file"));
    } catch (IOException e) {
      problems.add("cannot read " + file + ": " + e.getMessage());
    }
    if (problems.isEmpty()) {
      damage = Optional.empty();
      return new Loaded(List.copyOf(profiles), List.copyOf(groups), Optional.empty());
    }
    String problem =
        String.join("; ", problems) + "; " + PrivateJsonFile.keepUnreadableCopy(file, clock);
    damage = Optional.of(problem);
    return new Loaded(List.copyOf(profiles), List.copyOf(groups), Optional.of(problem));
  }

  private <T> void read(
      JsonNode array, Class<T> type, String what, List<T> into, List<String> problems) {
    if (array.isMissingNode() || array.isNull()) {
      return;
    }
    if (!array.isArray()) {
      problems.add(file + ": \"" + what + "s\" must be a list");
      return;
    }
    for (int i = 0; i < array.size(); i++) {
      JsonNode entry = array.get(i);
      try {
        into.add(mapper.treeToValue(entry, type));
      } catch (JacksonException | IllegalArgumentException e) {
        String name = entry.path("name").asText("");
        problems.add(
            file
                + ": "
                + what
                + " #"
                + (i + 1)
                + (name.isEmpty() ? "" : " '" + name + "'")
                + " is not valid and was left out ("
                + PrivateJsonFile.rootMessage(e)
                + ")");
      }
    }
  }

  /** Replaces the stored profiles and groups, atomically. */
  public void save(List<ConnectionProfile> profiles, List<GroupDefinition> groups) {
    damage.ifPresent(
        problem -> {
          throw new IllegalStateException(
              "Not saving profiles: " + problem + ". Fix or move " + file + " first.");
        });
    try {
      PrivateJsonFile.writeAtomically(
          file,
          mapper.writeValueAsBytes(new ProfileFile(1, List.copyOf(profiles), List.copyOf(groups))));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save profiles to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes profiles and groups to a file the user chose (an export), in the profile file's format:
   * only that file is written, never through a symbolic link, and its folder is left as it is.
   */
  public static void export(
      Path file, List<ConnectionProfile> profiles, List<GroupDefinition> groups)
      throws IOException {
    PrivateJsonFile.writeOwnFile(
        file,
        mapper().writeValueAsBytes(new ProfileFile(1, List.copyOf(profiles), List.copyOf(groups))));
  }

  /** Replaces the stored profiles and keeps no groups. */
  public void save(List<ConnectionProfile> profiles) {
    save(profiles, List.of());
  }
}
