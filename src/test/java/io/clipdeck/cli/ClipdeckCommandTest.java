package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClipdeckCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine commandLine = ClipdeckCommand.commandLine();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  @Test
  void versionNamesClipdeckAndTheJavaItRunsOn() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString())
        .containsPattern("Clipdeck \\d+\\.\\d+\\.\\d+")
        .contains("Java " + Runtime.version().feature());
  }

  @Test
  void helpDescribesTheConsoleAndItsOptions() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString())
        .contains("Usage: clipdeck")
        .contains("Run with no arguments to open the console")
        .contains("--version");
  }

  @Test
  void anUnknownCommandIsAUsageErrorThatSaysWhatWasWrong() {
    assertThat(run("frobnicate")).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument", "frobnicate");
  }
}
