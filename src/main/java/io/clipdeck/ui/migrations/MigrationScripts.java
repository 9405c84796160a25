package io.clipdeck.ui.migrations;

import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationLocations.Script;
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
    Optional<Script> up = locations.up(entry.script());
    text.append("-- ")
        .append(entry.label())
        .append(": up script (")
        .append(up.map(Script::where).orElse(name))
        .append(")\n")
        .append(
            up.map(script -> script.text().strip())
                .orElse("-- the file is gone: Flyway lists it as " + entry.state()))
        .append("\n\n");
    if (entry.version().isEmpty()) {
      // A repeatable migration runs again when it changes; nothing undoes it.
      return text.append("-- a repeatable migration: applied again whenever its file changes\n")
          .toString();
    }
    Optional<Script> down = locations.down(entry.script());
    if (down.isPresent()) {
      text.append("-- down script (").append(down.get().where()).append(")\n");
      text.append(
          down.get().text().isBlank()
              ? "-- (empty: rolling back would only remove the migration from the history)"
              : down.get().text().strip());
    } else {
      text.append("-- no down script: write one at ")
          .append(locations.downHint(entry.script()))
          .append(" to be able to roll it back");
    }
    return text.append('\n').toString();
  }
}
