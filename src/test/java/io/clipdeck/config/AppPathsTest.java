package io.clipdeck.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppPathsTest {

  @TempDir Path home;

  @Test
  void followsTheXdgVariables() {
    AppPaths paths =
        AppPaths.fromEnvironment(
            Map.of("XDG_CONFIG_HOME", "/c", "XDG_DATA_HOME", "/d", "XDG_CACHE_HOME", "/k"), home);

    assertThat(paths.configDir()).isEqualTo(Path.of("/c/clipdeck"));
    assertThat(paths.dataDir()).isEqualTo(Path.of("/d/clipdeck"));
    assertThat(paths.cacheDir()).isEqualTo(Path.of("/k/clipdeck"));
  }

  @Test
  void fallsBackToTheHomeFolderForUnsetOrRelativeVariables() {
    AppPaths paths = AppPaths.fromEnvironment(Map.of("XDG_DATA_HOME", "relative/path"), home);

    assertThat(paths.configDir()).isEqualTo(home.resolve(".config/clipdeck"));
    assertThat(paths.dataDir()).isEqualTo(home.resolve(".local/share/clipdeck"));
    assertThat(paths.cacheDir()).isEqualTo(home.resolve(".cache/clipdeck"));
  }

  @Test
  void createsTheDirectoriesForTheOwnerOnly() throws Exception {
    AppPaths paths = AppPaths.under(home).createDirectories();

    for (Path dir : new Path[] {paths.configDir(), paths.dataDir(), paths.cacheDir()}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
          .isEqualTo("rwx------");
    }
  }
}
