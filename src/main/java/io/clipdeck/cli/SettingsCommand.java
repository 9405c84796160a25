package io.clipdeck.cli;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.SettingKeys;
import io.clipdeck.config.Settings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code clipdeck settings show|set}: the console's settings, never a secret. */
@Command(
    name = "settings",
    description = "Show and change the console's settings (settings.json; keys are not in it).",
    mixinStandardHelpOptions = true,
    subcommands = {
      SettingsCommand.Show.class,
      SettingsCommand.Set.class,
      SettingsCommand.RedisPassword.class
    })
final class SettingsCommand implements Runnable {

  @ParentCommand ClipdeckCommand root;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "show", description = "Every setting and its value, one per line.")
  static final class Show implements Callable<Integer> {
    @ParentCommand SettingsCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      AppContext context = parent.root.context();
      PrintWriter out = spec.commandLine().getOut();
      SettingKeys.list(context.settings())
          .forEach((key, value) -> out.printf("%-38s %s%n", key, value));
      context.settingsProblem().ifPresent(problem -> spec.commandLine().getErr().println(problem));
      return 0;
    }
  }

  @Command(
      name = "set",
      description = {
        "Change one setting, e.g. 'settings set dashboard.refresh_interval 5s' or",
        "'settings set providers.openai.base_url http://127.0.0.1:11434/v1'.",
        "Durations: 500ms, 2s, 15m, 24h, 7d. Keys go to the vault: 'providers set-key'."
      })
  static final class Set implements Callable<Integer> {
    @ParentCommand SettingsCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "The setting, as 'settings show' names it.")
    String key;

    @Parameters(index = "1", description = "Its new value; empty (\"\") for the default.")
    String value;

    @Override
    public Integer call() {
      AppContext context = parent.root.context();
      Settings changed = SettingKeys.set(context.settings(), key, value);
      context.updateSettings(changed);
      spec.commandLine()
          .getOut()
          .printf("%s = %s%n", key.strip(), SettingKeys.list(changed).get(key.strip()));
      return 0;
    }
  }

  @Command(
      name = "redis-password",
      description = {
        "Keep the Redis password (one line on standard input) in the secret store, for a",
        "redis_url that names its user (redis://USER@host:port/db; 'default' for requirepass).",
        "An empty line removes it."
      })
  static final class RedisPassword implements Callable<Integer> {
    @ParentCommand SettingsCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
      AppContext context = parent.root.context();
      String line =
          new java.io.BufferedReader(
                  new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8))
              .readLine();
      if (line == null || line.isEmpty()) {
        context.secrets().remove(io.clipdeck.config.RedisEndpoint.PASSWORD_REF);
        spec.commandLine().getOut().println("Redis password removed");
        return 0;
      }
      char[] password = line.toCharArray();
      try {
        context.secrets().put(io.clipdeck.config.RedisEndpoint.PASSWORD_REF, password);
      } finally {
        java.util.Arrays.fill(password, '\0');
      }
      spec.commandLine().getOut().println("Redis password kept in " + context.secrets().describe());
      return 0;
    }
  }
}
