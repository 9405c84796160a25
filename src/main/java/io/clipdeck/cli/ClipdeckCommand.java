package io.clipdeck.cli;

import io.clipdeck.Version;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import java.util.function.Supplier;
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
    subcommands = {
      CommandLine.HelpCommand.class,
      ProfilesCommand.class,
      HealthCommand.class,
      GroupsCommand.class,
      SettingsCommand.class,
      ProvidersCommand.class,
      ProjectCommand.class,
      InfoCommand.class,
      MigrationCommands.Migrate.class,
      MigrationCommands.Validate.class,
      MigrationCommands.Repair.class,
      MigrationCommands.Baseline.class,
      RollbackCommands.Rollback.class,
      RollbackCommands.VerifyRollback.class,
      MigrationCommands.NewMigration.class,
      WorkerCommand.class,
      TablesCommand.class,
      SqlCommand.class,
      EnqueueCommand.class
    })
public final class ClipdeckCommand implements Runnable {

  /** Exit code of a command that ran but found a problem (unhealthy, failed test). */
  public static final int PROBLEM = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final Supplier<AppContext> contextFactory;
  private AppContext context;

  ClipdeckCommand(Supplier<AppContext> contextFactory) {
    this.contextFactory = contextFactory;
  }

  @Override
  public void run() {
    // Options but no command: show what there is to run.
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The composition root, made on first use: {@code --help} and {@code --version} need none. */
  AppContext context() {
    if (context == null) {
      context = contextFactory.get();
    }
    return context;
  }

  /** Builds the command line; the context is made from {@code contextFactory} when needed. */
  public static CommandLine commandLine(Supplier<AppContext> contextFactory) {
    CommandLine commandLine = new CommandLine(new ClipdeckCommand(contextFactory));
    commandLine.setExecutionExceptionHandler(
        (error, line, parsed) -> {
          // Errors from Clipdeck are sentences meant for the user; no stack trace.
          line.getErr().println("clipdeck: " + error.getMessage());
          return PROBLEM;
        });
    return commandLine;
  }

  /** Runs the command line, closes what it opened, and returns the process exit code. */
  public static int execute(CommandLine commandLine, String... args) {
    try {
      return commandLine.execute(args);
    } finally {
      ClipdeckCommand root = commandLine.getCommand();
      if (root.context != null) {
        root.context.close();
      }
    }
  }

  /** Runs a command for the current user's profiles. */
  public static int execute(String... args) {
    return execute(
        commandLine(() -> new AppContext(AppContext.Options.defaults(AppPaths.forCurrentUser()))),
        args);
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
