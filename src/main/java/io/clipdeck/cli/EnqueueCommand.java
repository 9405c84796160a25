package io.clipdeck.cli;

import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.enrich.Step;
import io.clipdeck.enrich.TaskQueue;
import io.clipdeck.enrich.VideoImport;
import io.clipdeck.enrich.VideoUrls;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code clipdeck enqueue}: YouTube links (arguments, a file, or standard input) become pending
 * videos with enrichment tasks, for {@code clipdeck worker} to work. Idempotent: a link already
 * known adds nothing, a step already done stays done.
 */
@Command(
    name = "enqueue",
    mixinStandardHelpOptions = true,
    description = {
      "Queue YouTube videos for enrichment from their links: as arguments, from a file (--file),",
      "or from standard input (no links, or '-'), one or more per line. Then run 'clipdeck worker'.",
      "A link already queued adds nothing; lines that are no video link are named on stderr."
    })
final class EnqueueCommand implements Callable<Integer> {

  @ParentCommand ClipdeckCommand root;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "LINK", description = "Video links or ids; '-' reads standard input.")
  List<String> links = new ArrayList<>();

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Read links from this file, one per line.")
  Path file;

  @Option(
      names = {"-p", "--profile"},
      paramLabel = "NAME",
      description = "The profile whose queue to fill (default: the active one).")
  String profileName;

  @Option(
      names = "--step",
      paramLabel = "STEP",
      description =
          "Queue only this step (metadata, clips, thumbnail, narration); repeatable."
              + " Default: every step.")
  List<String> steps = new ArrayList<>();

  @Override
  public Integer call() throws IOException {
    String text = text();
    ConnectionProfile profile =
        profileName == null
            ? root.context().profiles().active()
            : root.context().profiles().require(profileName);
    DataLayer data = root.context().data(profile);
    if (!data.schemaPresent()) {
      throw new IllegalStateException(
          "profile " + profile.name() + " has no Clipdeck schema: run 'clipdeck migrate' first");
    }
    Set<Step> chosen = steps.isEmpty() ? EnumSet.allOf(Step.class) : EnumSet.noneOf(Step.class);
    for (String step : steps) {
      chosen.add(Step.parse(step));
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    VideoImport.Result imported = new VideoImport(data, root.context().clock()).importUrls(text);
    for (VideoUrls.BadLine bad : imported.parsed().bad()) {
      err.println("clipdeck: skipped " + bad.describe());
    }
    if (imported.videoIds().isEmpty()) {
      err.println("clipdeck: no YouTube video link to queue");
      return ClipdeckCommand.PROBLEM;
    }
    TaskQueue.Enqueued enqueued =
        new TaskQueue(data, root.context().enrichmentSettings().queue(), root.context().clock())
            .enqueue(imported.videoIds(), chosen);
    out.printf(
        "Queued %d videos on %s (%d new, %d already known) for %s: %d tasks created, %d already"
            + " done, %d sent back to run again.%n",
        imported.videoIds().size(),
        profile.name(),
        imported.created(),
        imported.existing(),
        chosen.stream().map(Step::id).collect(Collectors.joining(", ")),
        enqueued.created(),
        enqueued.alreadyDone(),
        enqueued.reset());
    out.println("Run 'clipdeck worker' to work them.");
    return imported.parsed().bad().isEmpty() ? 0 : ClipdeckCommand.PROBLEM;
  }

  /** The links of the arguments, the file and standard input, one per line. */
  private String text() throws IOException {
    List<String> lines = new ArrayList<>();
    boolean stdin = links.isEmpty() && file == null;
    for (String link : links) {
      if (link.equals("-")) {
        stdin = true;
      } else {
        lines.add(link);
      }
    }
    if (file != null) {
      lines.add(Files.readString(file, StandardCharsets.UTF_8));
    }
    if (stdin) {
      InputStream in = System.in;
      lines.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    return String.join("\n", lines);
  }
}
