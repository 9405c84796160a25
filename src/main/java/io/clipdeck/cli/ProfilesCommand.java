package io.clipdeck.cli;

import io.clipdeck.app.AppContext;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Environment;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.ProfileService;
import io.clipdeck.db.TlsMode;
import io.clipdeck.secrets.SecretRef;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code clipdeck profiles list|add|remove|test}. */
@Command(
    name = "profiles",
    description = "List, add, remove and test connection profiles.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ProfilesCommand.ListProfiles.class,
      ProfilesCommand.AddProfile.class,
      ProfilesCommand.RemoveProfile.class,
      ProfilesCommand.TestProfile.class,
      ProfilesCommand.ExportProfiles.class,
      ProfilesCommand.ImportProfiles.class
    })
final class ProfilesCommand implements Runnable {

  @ParentCommand ClipdeckCommand root;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  AppContext context() {
    return root.context();
  }

  @Command(name = "list", description = "List the profiles; the active one is marked with *.")
  static final class ListProfiles implements Callable<Integer> {
    @ParentCommand ProfilesCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      ProfileService profiles = parent.context().profiles();
      PrintWriter out = spec.commandLine().getOut();
      out.printf("  %-28s %-16s %-12s %s%n", "NAME", "KIND", "ENVIRONMENT", "LOCATION");
      for (ConnectionProfile profile : profiles.profiles()) {
        out.printf(
            "%s %-28s %-16s %-12s %s%s%s%n",
            profile.name().equals(profiles.active().name()) ? "*" : " ",
            profile.name(),
            profile.kind().id(),
            profile.environment().name().toLowerCase(Locale.ROOT),
            profile.location(),
            profile.kind().isFileBased() ? "" : "  " + profile.tlsSummary(),
            profiles.isReadOnly(profile.name()) ? "  (read-only, from DATABASE_*)" : "");
      }
      profiles.loadProblem().ifPresent(problem -> spec.commandLine().getErr().println(problem));
      return 0;
    }
  }

  @Command(
      name = "add",
      description = {
        "Add a profile. The password is never an argument (it would stay in shell history):",
        "use --password-stdin, or --ask-password to be prompted."
      })
  static final class AddProfile implements Callable<Integer> {
    @ParentCommand ProfilesCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The profile's name.")
    String name;

    @Option(
        names = "--kind",
        required = true,
        description = "postgresql, mysql (also MariaDB) or sqlite.")
    String kind;

    @Option(names = "--host", description = "Server host (not for sqlite).")
    String host;

    @Option(names = "--port", description = "Server port; the kind's usual one by default.")
    Integer port;

    @Option(
        names = {"--database", "--file"},
        required = true,
        description = "Database name, or the SQLite file's path.")
    String database;

    @Option(names = "--user", description = "Login user.")
    String user;

    @ArgGroup(exclusive = true)
    PasswordInput password;

    @Option(
        names = "--environment",
        description = {
          "development, test or production. Without it the profile is unlabelled and guarded",
          "like production."
        })
    String environment;

    @Option(
        names = "--tls",
        defaultValue = "prefer",
        description = "disable, prefer, require or verify-full (default ${DEFAULT-VALUE}).")
    String tls;

    @Option(names = "--ca-file", description = "The CA's PEM file, for --tls verify-full.")
    Path caFile;

    @Option(names = "--pool-size", description = "Connections kept while idle.")
    Integer poolSize;

    @Option(names = "--max-overflow", description = "Extra connections under load.")
    Integer maxOverflow;

    @Option(names = "--pool-timeout", description = "Seconds a borrower waits for a connection.")
    Integer poolTimeout;

    @Option(names = "--pool-recycle", description = "Seconds a connection lives at most.")
    Integer poolRecycle;

    @Option(
        names = "--statement-timeout",
        description = "Milliseconds one statement may run; 0 for no limit.")
    Long statementTimeout;

    @Option(names = "--application-name", description = "The name the server shows.")
    String applicationName;

    @Option(names = "--connect-arg", description = "A driver property, key=value; repeatable.")
    Map<String, String> connectArgs = new LinkedHashMap<>();

    @Option(names = "--echo", description = "Log every SQL statement with its duration.")
    boolean echo;

    @Option(names = "--echo-pool", description = "Log the pool's events.")
    boolean echoPool;

    static final class PasswordInput {
      @Option(names = "--password-stdin", description = "Read the password from standard input.")
      boolean stdin;

      @Option(names = "--ask-password", description = "Prompt for the password.")
      boolean ask;
    }

    @Override
    public Integer call() throws IOException {
      AppContext context = parent.context();
      DatabaseKind databaseKind = DatabaseKind.parse(kind);
      PoolSettings.Builder pool = PoolSettings.DESKTOP.toBuilder().connectArgs(connectArgs);
      Optional.ofNullable(poolSize).ifPresent(pool::poolSize);
      Optional.ofNullable(maxOverflow).ifPresent(pool::maxOverflow);
      Optional.ofNullable(poolTimeout).map(Duration::ofSeconds).ifPresent(pool::poolTimeout);
      Optional.ofNullable(poolRecycle).map(Duration::ofSeconds).ifPresent(pool::poolRecycle);
      Optional.ofNullable(statementTimeout)
          .map(Duration::ofMillis)
          .ifPresent(pool::statementTimeout);
      Optional.ofNullable(applicationName).ifPresent(pool::applicationName);
      pool.echo(echo).echoPool(echoPool);
      ConnectionProfile base =
          databaseKind.isFileBased()
              ? ConnectionProfile.sqlite(name, Path.of(database))
              : ConnectionProfile.server(
                  name,
                  databaseKind,
                  host,
                  port == null ? databaseKind.defaultPort() : port,
                  database,
                  user);
      char[] secret = readPassword();
      ConnectionProfile profile =
          base.toBuilder()
              .environment(
                  environment == null ? Environment.UNLABELLED : Environment.parse(environment))
              .tls(TlsMode.parse(tls), caFile == null ? null : caFile.toString())
              .passwordRef(secret == null ? null : SecretRef.profilePassword(name))
              .pool(pool.build())
              .build();
      if (secret != null) {
        context.secrets().put(profile.passwordRef(), secret);
      }
      context.profiles().save(profile, Optional.empty());
      spec.commandLine()
          .getOut()
          .printf(
              "Added %s (%s, %s, %s)%s%s%n",
              profile.name(),
              profile.kind().id(),
              profile.location(),
              profile.environment().name().toLowerCase(Locale.ROOT),
              secret == null ? "" : "; password kept in " + context.secrets().describe(),
              profile.environment().isLabelled()
                  ? ""
                  : "; no --environment: guarded like production until you label it");
      return 0;
    }

    private char[] readPassword() throws IOException {
      if (password == null) {
        return null;
      }
      if (password.ask) {
        if (System.console() == null) {
          throw new IllegalStateException(
              "--ask-password needs a terminal: use --password-stdin in scripts");
        }
        return System.console().readPassword("Password for %s: ", name);
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("--password-stdin read no password");
      }
      return line.toCharArray();
    }
  }

  @Command(name = "remove", description = "Remove a profile and its stored password.")
  static final class RemoveProfile implements Callable<Integer> {
    @ParentCommand ProfilesCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The profile's name.")
    String name;

    @Override
    public Integer call() {
      AppContext context = parent.context();
      ConnectionProfile profile = context.profiles().require(name);
      context.profiles().remove(name);
      if (profile.passwordRef() != null) {
        context.secrets().remove(profile.passwordRef());
      }
      spec.commandLine().getOut().printf("Removed %s%n", name);
      return 0;
    }
  }

  @Command(
      name = "test",
      description = "Connect to a profile's database and report its version and round trip.")
  static final class TestProfile implements Callable<Integer> {
    @ParentCommand ProfilesCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The profile's name.")
    String name;

    @Override
    public Integer call() {
      AppContext context = parent.context();
      HealthReport report = context.health().checkNow(context.profiles().require(name)).join();
      if (report.isUp()) {
        spec.commandLine()
            .getOut()
            .printf(
                "%s: up, %s, round trip %d ms%n",
                name, report.serverVersion(), report.latency().toMillis());
        return 0;
      }
      spec.commandLine().getErr().printf("%s: down: %s%n", name, report.problem().orElse("?"));
      return ClipdeckCommand.PROBLEM;
    }
  }

  /** The passphrase of an export's password vault: the environment, else a prompt. */
  static java.util.function.Supplier<char[]> exportPassphrase(AppContext context) {
    return () -> {
      String fromEnvironment = context.environment().get(EXPORT_PASSWORD);
      if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
        return fromEnvironment.toCharArray();
      }
      if (System.console() == null) {
        throw new IllegalStateException(
            "the passwords need a passphrase: set " + EXPORT_PASSWORD + " or run in a terminal");
      }
      return System.console().readPassword("Passphrase for the exported passwords: ");
    };
  }

  static final String EXPORT_PASSWORD = "CLIPDECK_EXPORT_PASSWORD";

  @Command(
      name = "export",
      description = {
        "Write the profiles and groups to FILE (no passwords).",
        "--with-secrets also writes their passwords to FILE.vault, encrypted under a passphrase",
        "(CLIPDECK_EXPORT_PASSWORD, or asked)."
      })
  static final class ExportProfiles implements Callable<Integer> {
    @ParentCommand ProfilesCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The file to write.")
    Path file;

    @Option(names = "--with-secrets", description = "Export the passwords too, encrypted.")
    boolean withSecrets;

    @Override
    public Integer call() {
      AppContext context = parent.context();
      String done =
          context
              .transfer()
              .export(
                  file, withSecrets ? Optional.of(exportPassphrase(context)) : Optional.empty());
      spec.commandLine().getOut().println(done);
      return 0;
    }
  }

  @Command(
      name = "import",
      description = {
        "Add the profiles and groups of FILE whose names are free.",
        "--with-secrets also imports their passwords from FILE.vault."
      })
  static final class ImportProfiles implements Callable<Integer> {
    @ParentCommand ProfilesCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The file to read.")
    Path file;

    @Option(names = "--with-secrets", description = "Import the passwords from FILE.vault.")
    boolean withSecrets;

    @Override
    public Integer call() {
      AppContext context = parent.context();
      String done =
          context
              .transfer()
              .importFrom(
                  file, withSecrets ? Optional.of(exportPassphrase(context)) : Optional.empty());
      spec.commandLine().getOut().println(done);
      return 0;
    }
  }
}
