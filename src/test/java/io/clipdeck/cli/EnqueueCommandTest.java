package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clipdeck enqueue} from arguments, a file and standard input, idempotent, on SQLite. */
class EnqueueCommandTest {

  @TempDir Path root;

  @Test
  void linksFromArgumentsFileAndStdinAreQueuedOnce() throws Exception {
    CliRun migrate = CliRun.run(root, "migrate");
    assertThat(migrate.exitCode()).as(migrate.err()).isZero();

    CliRun args =
        CliRun.run(
            root,
            "enqueue",
            "--step",
            "metadata",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42s",
            "https://youtu.be/9bZkp7q19f0?si=Xk3mP0qLr9sT2uVw");
    assertThat(args.exitCode()).as(args.err()).isZero();
    assertThat(args.out())
        .contains("Queued 2 videos", "(2 new, 0 already known) for metadata: 2 tasks created")
        .contains("clipdeck worker");

    Path list = root.resolve("links.txt");
    Files.writeString(
        list,
        "https://www.youtube.com/shorts/kJQP7kiw5Fk\nhttps://www.youtube.com/watch?v=dQw4w9WgXcQ\n");
    CliRun fromFile = CliRun.run(root, "enqueue", "--step", "metadata", "--file", list.toString());
    assertThat(fromFile.exitCode()).as(fromFile.err()).isZero();
    assertThat(fromFile.out()).contains("Queued 2 videos", "(1 new, 1 already known)");
    assertThat(fromFile.out()).contains("1 tasks created");

    InputStream stdin = System.in;
    CliRun fromStdin;
    try {
      System.setIn(
          new ByteArrayInputStream(
              ("https://www.youtube.com/embed/videoseries?list=PL1\n"
                      + "https://www.youtube.com/watch_popup?v=-wtIMTCHWuI\n")
                  .getBytes(StandardCharsets.UTF_8)));
      fromStdin = CliRun.run(root, "enqueue", "--step", "metadata", "-");
    } finally {
      System.setIn(stdin);
    }
    assertThat(fromStdin.exitCode()).as("a bad line makes the exit code 1").isEqualTo(1);
    assertThat(fromStdin.err()).contains("videoseries");
    assertThat(fromStdin.out()).contains("Queued 1 videos", "(1 new, 0 already known)");

    CliRun nothing = CliRun.run(root, "enqueue", "https://vimeo.com/76979871");
    assertThat(nothing.exitCode()).isEqualTo(1);
    assertThat(nothing.err()).contains("no YouTube video link to queue");
  }
}
