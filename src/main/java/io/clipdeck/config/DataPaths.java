package io.clipdeck.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Where generated files go. Empty means the default under the data directory ({@code
 * <data>/thumbnails}, {@code <data>/narrations}); a value set must be an absolute path.
 */
public record DataPaths(String thumbnails, String narrations) {

  public static final DataPaths DEFAULTS = new DataPaths("", "");

  public DataPaths {
    thumbnails = checked("paths.thumbnails", thumbnails);
    narrations = checked("paths.narrations", narrations);
  }

  public Path thumbnailsDir(AppPaths paths) {
    return thumbnails.isEmpty() ? paths.dataDir().resolve("thumbnails") : Path.of(thumbnails);
  }

  public Path narrationsDir(AppPaths paths) {
    return narrations.isEmpty() ? paths.dataDir().resolve("narrations") : Path.of(narrations);
  }

  private static String checked(String name, String value) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      return "";
    }
    try {
      if (!Path.of(text).isAbsolute()) {
        throw new IllegalArgumentException(
            name + " is '" + text + "': type an absolute path, or leave it empty for the default");
      }
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(name + " is '" + text + "': not a path on this system");
    }
    return text;
  }
}
