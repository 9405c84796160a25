package io.clipdeck.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * Where Clipdeck keeps its files, following the XDG base directory specification: profiles and
 * settings under {@code $XDG_CONFIG_HOME/clipdeck}, databases and logs under {@code
 * $XDG_DATA_HOME/clipdeck}, disposable caches under {@code $XDG_CACHE_HOME/clipdeck}.
 */
public record AppPaths(Path configDir, Path dataDir, Path cacheDir) {

  private static final String APP = "clipdeck";

  /** Resolves the directories from the environment, with the XDG defaults under the home folder. */
  public static AppPaths fromEnvironment(Map<String, String> env, Path home) {
    return new AppPaths(
        xdg(env, "XDG_CONFIG_HOME", home.resolve(".config")).resolve(APP),
        xdg(env, "XDG_DATA_HOME", home.resolve(".local/share")).resolve(APP),
        xdg(env, "XDG_CACHE_HOME", home.resolve(".cache")).resolve(APP));
  }

  /** The directories of the user running this process. */
  public static AppPaths forCurrentUser() {
    return fromEnvironment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** All three directories under one root: for tests and portable installs. */
  public static AppPaths under(Path root) {
    return new AppPaths(root.resolve("config"), root.resolve("data"), root.resolve("cache"));
  }

  /**
   * Creates the directories if they are missing, readable by the owner only: profiles and the vault
   * live here.
   */
  public AppPaths createDirectories() {
    for (Path dir : new Path[] {configDir, dataDir, cacheDir}) {
      try {
        Files.createDirectories(dir);
        if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(
            "Cannot create Clipdeck's directory " + dir + ": check that its parent is writable", e);
      }
    }
    return this;
  }

  private static Path xdg(Map<String, String> env, String name, Path fallback) {
    String value = env.get(name);
    // The specification says a relative path is invalid and must be ignored.
    if (value == null || value.isBlank() || !Path.of(value).isAbsolute()) {
      return fallback;
    }
    return Path.of(value);
  }
}
