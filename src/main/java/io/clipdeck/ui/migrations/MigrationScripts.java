package io.clipdeck.ui.migrations;

import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A migration's up and down script as the preview pane shows them, found where the migration
 * service finds them: Clipdeck's built-in ones on the class path, else the profile's folder.
 */
final class MigrationScripts {

  private MigrationScripts() {}

  /** Both scripts of {@code entry}, each under a comment line naming its file. */
  static String preview(MigrationLocations locations, MigrationEntry entry) {
    String name = Path.of(entry.script()).getFileName().toString();
    StringBuilder text = new StringBuilder();
    Optional<Found> up = find(locations.builtInUp(), locations.userUp(), name);
    text.append("-- ")
        .append(entry.label())
        .append(": up script (")
        .append(up.map(Found::where).orElse(name))
        .append(")\n")
        .append(
            up.map(Found::text).orElse("-- the file is gone: Flyway lists it as " + entry.state()))
        .append("\n\n");
    Optional<Found> down = find(locations.builtInDown(), locations.userDown(), name);
    if (down.isPresent()) {
      text.append("-- down script (").append(down.get().where()).append(")\n");
      text.append(
          down.get().text().isBlank()
              ? "-- (empty: rolling back would only remove the migration from the history)"
              : down.get().text());
    } else {
      text.append("-- no down script: write one at ")
          .append(locations.userDown().resolve(name))
          .append(" to be able to roll it back");
    }
    return text.append('\n').toString();
  }

  private record Found(String where, String text) {}

  private static Optional<Found> find(String classpathFolder, Path userFolder, String name) {
    String resource = classpathFolder + "/" + name;
    try (InputStream in = MigrationService.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        return Optional.of(
            new Found(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8).strip()));
      }
      Path file = userFolder.resolve(name);
      return Files.isRegularFile(file)
          ? Optional.of(new Found(file.toString(), Files.readString(file).strip()))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + name + ": " + e.getMessage(), e);
    }
  }
}
