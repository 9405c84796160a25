package io.clipdeck.db;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * Keeps connection profiles in one JSON file. Writes are atomic (temp file, fsync, rename) and
 * owner-only. A file that cannot be read is never overwritten: a copy is kept beside it and saving
 * is refused until the user has fixed or moved it.
 */
public final class ProfileStore {

  private static final DateTimeFormatter COPY_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path file;
  private final Clock clock;
  private final ObjectMapper mapper;
  private volatile Optional<String> damage = Optional.empty();

  public ProfileStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
    this.mapper =
        JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
  }

  public Path file() {
    return file;
  }

  /** What the file held when it was read. */
  public record Loaded(List<ConnectionProfile> profiles, Optional<String> problem) {}

  /** The stored file's shape; {@code version} lets a later Clipdeck migrate an older file. */
  record ProfileFile(int version, List<ConnectionProfile> profiles) {}

  public boolean exists() {
    return Files.exists(file);
  }

  /**
   * Reads the profiles. A malformed file gives an empty list and a problem naming the file and the
   * line; the file stays as it was and a copy is kept.
   */
  public Loaded load() {
    if (!Files.exists(file)) {
      return new Loaded(List.of(), Optional.empty());
    }
    try {
      ProfileFile stored = mapper.readValue(file.toFile(), ProfileFile.class);
      damage = Optional.empty();
      List<ConnectionProfile> profiles =
          stored == null || stored.profiles() == null ? List.of() : List.copyOf(stored.profiles());
      return new Loaded(profiles, Optional.empty());
    } catch (JacksonException e) {
      String problem = describe(e) + "; " + keepCopy();
      damage = Optional.of(problem);
      return new Loaded(List.of(), Optional.of(problem));
    } catch (IOException e) {
      String problem = "cannot read " + file + ": " + e.getMessage();
      damage = Optional.of(problem);
      return new Loaded(List.of(), Optional.of(problem));
    }
  }

  /** Replaces the stored profiles, atomically. */
  public void save(List<ConnectionProfile> profiles) {
    damage.ifPresent(
        problem -> {
          throw new IllegalStateException(
              "Not saving profiles: " + problem + ". Fix or move " + file + " first.");
        });
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), ".profiles-", ".tmp");
      try {
        restrictToOwner(temp);
        Files.write(temp, mapper.writeValueAsBytes(new ProfileFile(1, List.copyOf(profiles))));
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
        move(temp);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save profiles to " + file + ": " + e.getMessage(), e);
    }
  }

  private void move(Path temp) throws IOException {
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private String describe(JacksonException e) {
    JsonLocation where = e.getLocation();
    String line =
        where == null || where.getLineNr() < 1
            ? ""
            : " line " + where.getLineNr() + ", column " + where.getColumnNr();
    return file + line + " is not a valid profile file (" + e.getOriginalMessage() + ")";
  }

  private String keepCopy() {
    Path copy =
        file.resolveSibling(
            file.getFileName() + ".unreadable-" + LocalDateTime.now(clock).format(COPY_SUFFIX));
    try {
      Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
      restrictToOwner(copy);
      return "it is left as it is and a copy is kept at " + copy;
    } catch (IOException e) {
      return "it is left as it is (a copy could not be made: " + e.getMessage() + ")";
    }
  }

  private static void restrictToOwner(Path path) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
