package io.clipdeck.cli;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/** Runs {@code clipdeck ARGS} in-process on a given home, capturing what it prints. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Path root, Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine =
        ClipdeckCommand.commandLine(
            () -> {
              AppContext.Options isolated = AppContext.Options.isolated(AppPaths.under(root));
              return new AppContext(
                  new AppContext.Options(
                      isolated.paths(),
                      isolated.clock(),
                      isolated.healthInterval(),
                      isolated.logCapacity(),
                      environment));
            });
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = ClipdeckCommand.execute(commandLine, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  static CliRun run(Path root, String... args) {
    return run(root, Map.of(), args);
  }
}
