package io.clipdeck.cli;

import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.enrich.EnrichmentSettings;
import io.clipdeck.enrich.Step;
import io.clipdeck.enrich.Worker;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clipdeck worker}: works the enrichment queue of a profile headless, until stopped (Ctrl+C
 * lets the calls in flight finish) or, with {@code --until-idle}, until nothing is pending.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Work a profile's (or a failover group's) enrichment queue headless: the tasks any",
      "console enqueued. On a group (-g) it follows the group's switches.",
      "Several workers may share one PostgreSQL or MySQL/MariaDB queue; on SQLite run one.",
      "Ctrl+C stops it after the calls in flight; a killed worker's tasks return to the queue",
      "when their lease runs out."
    })
final class WorkerCommand implements Callable<Integer> {

  @ParentCommand ClipdeckCommand root;
  @Spec CommandSpec spec;

  @Mixin TargetOptions target = new TargetOptions();

  @Option(
      names = "--demo",
      description = "Use the built-in simulated providers (no keys, nothing leaves the machine).")
  boolean demo;

  @Option(
      names = "--step",
      paramLabel = "STEP",
      description = "Work only this step (metadata, clips, thumbnail, narration); repeatable.")
  List<String> steps = new ArrayList<>();

  @Option(names = "--until-idle", description = "Stop once nothing is pending or running.")
  boolean untilIdle;

  @Option(
      names = "--report-seconds",
      paramLabel = "N",
      description = "Print a progress line every N seconds (default: ${DEFAULT-VALUE}).")
  int reportSeconds = 10;

  @Override
  public Integer call() throws Exception {
    // On a group the worker follows the group's running copy: every claim and commit goes to
    // the member serving then, and a fenced commit lost in a switch is settled on the new one.
    DataLayer data =
        target.group().isPresent()
            ? root.context().data(root.context().groupTarget(target.group().get()))
            : root.context().data(target.profile(root.context()));
    String where = target.label(root.context());
    if (!data.schemaPresent()) {
      throw new IllegalStateException(
          (target.group().isPresent() ? "group " : "profile ")
              + where
              + " has no Clipdeck schema: run 'clipdeck migrate' first");
    }
    Set<Step> chosen = EnumSet.noneOf(Step.class);
    steps.forEach(step -> chosen.add(Step.parse(step)));
    PrintWriter out = spec.commandLine().getOut();
    // --demo: the simulated providers for this run, whatever the settings say; otherwise the
    // providers as configured (the settings' demo switch, or keys in the vault).
    if (demo) {
      root.context().useDemoProviders();
    }
    ProviderClients clients = root.context().providers();
    EnrichmentSettings settings = root.context().enrichmentSettings();
    out.println(
        "Working "
            + where
            + "'s queue on "
            + (clients.simulated()
                ? "simulated providers (nothing leaves the machine)"
                : "the configured providers")
            + ".");
    Worker worker = new Worker(data, clients, settings, root.context().clock());
    java.util.concurrent.CountDownLatch finished = new java.util.concurrent.CountDownLatch(1);
    // Ctrl+C: stop claiming, let the calls in flight commit, then let the JVM go.
    Thread stopper =
        new Thread(
            () -> {
              worker.stop();
              try {
                finished.await(30, java.util.concurrent.TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "clipdeck-worker-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    long done;
    try {
      done =
          worker.run(
              chosen,
              untilIdle,
              Duration.ofSeconds(Math.max(1, reportSeconds)),
              line -> {
                out.println(line);
                out.flush();
              });
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // The hook itself is what stopped the worker.
      }
    }
    out.println("Worker on " + where + " finished " + done + " tasks.");
    return 0;
  }
}
