package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClipdeckCommandTest {

  @TempDir Path root;

  @Test
  void versionNamesClipdeckAndTheJavaItRunsOn() {
    CliRun run = CliRun.run(root, "--version");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .containsPattern("Clipdeck \\d+\\.\\d+\\.\\d+")
        .contains("Java " + Runtime.version().feature());
    assertThat(Files.exists(root.resolve("config"))).as("--version opens nothing").isFalse();
  }

  @Test
  void helpDescribesTheConsoleAndItsCommands() {
    CliRun run = CliRun.run(root, "--help");

    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("Usage: clipdeck")
        .contains("Run with no arguments to open the console")
        .contains("--version", "profiles", "health");
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatSaysWhatWasWrong() {
    CliRun run = CliRun.run(root, "frobnicate");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("Unmatched argument", "frobnicate");
  }
}
