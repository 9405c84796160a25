package io.clipdeck.migrate;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a profile's migrations live: Clipdeck's built-in schema on the class path, and the user's
 * own in a folder per profile. Down scripts carry the same file name as their up script in a
 * sibling folder Flyway never scans ({@code db/rollback/<dialect>}, {@code <folder>/down}).
 *
 * @param dialect {@code postgresql}, {@code mysql} or {@code sqlite}
 * @param userFolder the profile's folder, holding {@code up/} and {@code down/}
 */
public record MigrationLocations(String dialect, Path userFolder) {

  public static MigrationLocations of(ConnectionProfile profile, Path migrationsRoot) {
    return new MigrationLocations(dialect(profile.kind()), migrationsRoot.resolve(slug(profile)));
  }

  static String dialect(DatabaseKind kind) {
    return kind.id();
  }

  public String builtInUp() {
    return "db/migration/" + dialect;
  }

  public String builtInDown() {
    return "db/rollback/" + dialect;
  }

  public Path userUp() {
    return userFolder.resolve("up");
  }

  public Path userDown() {
    return userFolder.resolve("down");
  }

  /** A script as found: where it was (a class-path resource or a file) and its text. */
  public record Script(String where, String text) {}

  /** The up script of that file name: Clipdeck's own on the class path, else the user's folder. */
  public Optional<Script> up(String script) {
    return find(builtInUp(), userUp(), script);
  }

  /** The down script of the migration with that file name, found as {@link #up} is. */
  public Optional<Script> down(String script) {
    return find(builtInDown(), userDown(), script);
  }

  private static Optional<Script> find(String classpathFolder, Path userFolder, String script) {
    String name = Path.of(script).getFileName().toString();
    String resource = classpathFolder + "/" + name;
    try (InputStream in = MigrationLocations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        return Optional.of(new Script(resource, new String(in.readAllBytes(), UTF_8)));
      }
      Path file = userFolder.resolve(name);
      return Files.isRegularFile(file)
          ? Optional.of(new Script(file.toString(), Files.readString(file)))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + script + ": " + e.getMessage(), e);
    }
  }

  /** A folder name from the profile's name: letters, digits, dash and underscore only. */
  static String slug(ConnectionProfile profile) {
    String slug =
        profile
            .name()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_-]+", "-")
            .replaceAll("^-|-$", "");
    return slug.isEmpty() ? "profile" : slug;
  }
}
