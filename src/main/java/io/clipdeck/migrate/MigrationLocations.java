package io.clipdeck.migrate;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.util.Locale;

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
