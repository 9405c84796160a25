package io.clipdeck.cli;

import io.clipdeck.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The headless entry: {@code clipdeck <command>}; with no command at all the GUI starts instead.
 */
@Command(
    name = "clipdeck",
    mixinStandardHelpOptions = true,
    versionProvider = ClipdeckCommand.VersionProvider.class,
    description = {
      "Clipdeck, the admin console for a video/clip platform's databases.",
      "Run with no arguments to open the console; the commands below run headless, for scripts."
    },
    subcommands = {CommandLine.HelpCommand.class})
public final class ClipdeckCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    // Options but no command (e.g. only --verbose): show what there is to run.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Builds the command line with its sub-commands. */
  public static CommandLine commandLine() {
    return new CommandLine(new ClipdeckCommand());
  }

  /** Runs the command line and returns the process exit code. */
  public static int execute(String... args) {
    return commandLine().execute(args);
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "Clipdeck " + Version.current(),
        "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
      };
    }
  }
}
