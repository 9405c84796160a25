package io.clipdeck.app;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.ProfileService;
import io.clipdeck.migrate.MigrateOutcome;
import io.clipdeck.migrate.MigrationService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the local SQLite database Clipdeck creates its schema before the first view needs it, so a
 * new user's browser and enrichment work at once. Only a new file is migrated: a returning start
 * finds the file there and costs nothing more than a file check.
 */
final class LocalDatabase {

  private static final Logger log = LoggerFactory.getLogger(LocalDatabase.class);

  private LocalDatabase() {}

  /**
   * Migrates the default profile's file when it is not there yet (or is empty); returns whether it
   * did. A failure is logged, not thrown: the views then offer to create the schema themselves.
   */
  static boolean prepare(
      ProfileService profiles,
      Path defaultFile,
      Function<ConnectionProfile, MigrationService> migrations) {
    Optional<ConnectionProfile> local =
        profiles
            .find(ProfileService.DEFAULT_PROFILE)
            .filter(profile -> profile.kind().isFileBased())
            .filter(profile -> Path.of(profile.database()).equals(defaultFile));
    if (local.isEmpty() || !isNew(defaultFile)) {
      return false;
    }
    long started = System.nanoTime();
    MigrateOutcome outcome = migrations.apply(local.get()).migrate(Optional.empty(), step -> {});
    if (outcome.failure().isPresent()) {
      log.error(
          "Could not give {} Clipdeck's schema: {}",
          defaultFile,
          outcome.failure().get().describe());
      return false;
    }
    log.info(
        "Created Clipdeck's schema in {} ({} ms)",
        defaultFile,
        (System.nanoTime() - started) / 1_000_000);
    return true;
  }

  private static boolean isNew(Path file) {
    try {
      return !Files.exists(file) || Files.size(file) == 0;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }
}
