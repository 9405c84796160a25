package io.clipdeck.cli;

import io.clipdeck.api.Provider;
import io.clipdeck.app.AppContext;
import io.clipdeck.app.ProviderSetup;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clipdeck providers list|set-key|test|status}: the external APIs as the settings wire them.
 */
@Command(
    name = "providers",
    description = "List the API providers, store their keys in the vault, test them.",
    mixinStandardHelpOptions = true,
    subcommands = {
      ProvidersCommand.ListProviders.class,
      ProvidersCommand.SetKey.class,
      ProvidersCommand.TestProvider.class,
      ProvidersCommand.Status.class
    })
final class ProvidersCommand implements Runnable {

  @ParentCommand ClipdeckCommand root;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Provider provider(String id) {
    String wanted = id.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(Provider.values())
        .filter(provider -> provider.id().equals(wanted))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "'"
                        + id
                        + "' is not a provider: use "
                        + Arrays.stream(Provider.values())
                            .map(Provider::id)
                            .collect(Collectors.joining(", "))));
  }

  @Command(
      name = "status",
      description =
          "Per provider: breaker, limit windows (permits and YouTube units left), parked until,"
              + " requests by outcome, cache hit rate, p50/p95 latency, cost and its estimated price."
              + " Counters are"
              + " this process's; windows and parkings are shared through the quota ledger.")
  static final class Status implements Callable<Integer> {
    @ParentCommand ProvidersCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Option(names = "--json", description = "One JSON object per provider.")
    boolean json;

    @Override
    public Integer call() {
      io.clipdeck.api.clients.ProviderConsole console = parent.root.context().providerConsole();
      PrintWriter out = spec.commandLine().getOut();
      java.util.List<java.util.Map<String, Object>> all = new java.util.ArrayList<>();
      for (io.clipdeck.api.clients.ProviderReport report : console.reports()) {
        if (json) {
          all.add(ProviderStatusJson.of(report));
        } else {
          ProviderStatusJson.print(report, out);
        }
      }
      if (!json) {
        console
            .notConfigured()
            .forEach(provider -> out.println(provider.id() + ": not configured"));
      }
      if (json) {
        out.println(new String(io.clipdeck.api.JsonSupport.write(all), StandardCharsets.UTF_8));
      }
      return 0;
    }
  }

  @Command(name = "list", description = "Each provider: state, address, limits, key stored or not.")
  static final class ListProviders implements Callable<Integer> {
    @ParentCommand ProvidersCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
      AppContext context = parent.root.context();
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-11s %-9s %-42s %-40s %s%n", "PROVIDER", "STATE", "BASE URL", "LIMITS", "KEY");
      for (ProviderSetup state : context.providerStates()) {
        out.printf(
            "%-11s %-9s %-42s %-40s %s%n",
            state.provider().id(),
            !state.enabled() ? "disabled" : state.simulated() ? "simulated" : "enabled",
            state.baseUri(),
            state.limits(),
            (state.keyStored() ? "stored in " : "none in ") + state.keyRef());
      }
      if (context.providers().simulated()) {
        out.println(
            "Demo providers: calls go to Clipdeck's loopback simulator, not the real APIs.");
      }
      return 0;
    }
  }

  @Command(
      name = "set-key",
      description = {
        "Store PROVIDER's API key in the vault (never in settings.json).",
        "Asked without echo in a terminal; piped on standard input otherwise."
      })
  static final class SetKey implements Callable<Integer> {
    @ParentCommand ProvidersCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "youtube, openai, stability or elevenlabs.")
    String provider;

    @Override
    public Integer call() throws IOException {
      AppContext context = parent.root.context();
      Provider chosen = provider(provider);
      String ref = context.settings().provider(chosen.id()).keyRef();
      char[] key = readKey(chosen);
      try {
        context.secrets().put(ref, key);
      } finally {
        Arrays.fill(key, '\0');
      }
      spec.commandLine()
          .getOut()
          .printf(
              "Stored the %s key as %s in %s%n",
              chosen.displayName(), ref, context.secrets().describe());
      return 0;
    }

    private static char[] readKey(Provider provider) throws IOException {
      if (System.console() != null) {
        char[] typed = System.console().readPassword("%s API key: ", provider.displayName());
        if (typed == null || typed.length == 0) {
          throw new IllegalArgumentException("no key was typed");
        }
        return typed;
      }
      BufferedReader in =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null || line.isBlank()) {
        throw new IllegalArgumentException(
            "no key on standard input: pipe it in, e.g. 'pass show openai | clipdeck providers"
                + " set-key openai'");
      }
      return line.strip().toCharArray();
    }
  }

  @Command(
      name = "test",
      description = "One cheap call to PROVIDER (a one-video lookup, a one-token answer, voices).")
  static final class TestProvider implements Callable<Integer> {
    @ParentCommand ProvidersCommand parent;
    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", description = "youtube, openai, stability or elevenlabs.")
    String provider;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(parent.root.context().testProvider(provider(provider)));
      return 0;
    }
  }
}
