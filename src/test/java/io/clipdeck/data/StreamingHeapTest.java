package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.ScratchDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed export reads more data than the heap can hold: 150,000 videos with 1,200 characters of
 * text each (about 180 MB as strings) go through a JVM limited to 48 MB. Held rows would end in an
 * OutOfMemoryError; streamed ones never hold more than a fetch.
 */
class StreamingHeapTest {

  static final int ROWS = 150_000;

  @TempDir Path dir;

  @Test
  void aStreamedExportOfMoreThanTheHeapRunsInA48MegabyteJvm() throws Exception {
    Path file = dir.resolve("heap.db");
    try (PooledDatabase database =
        new PooledDatabase(ConnectionProfile.sqlite("heap", file), Clock.systemUTC())) {
      new MigrationService(
              database,
              MigrationLocations.of(database.profile(), dir.resolve("migrations")),
              ScratchDatabases.NONE,
              Clock.systemUTC())
          .migrate(Optional.empty(), step -> {});
      DataLayer data = new DataLayer(database, Clock.systemUTC());
      long owner = data.users().create(User.of("heap", "heap@example.test")).id();
      String text = "x".repeat(600);
      for (int start = 0; start < ROWS; start += 50_000) {
        List<Video> chunk = new ArrayList<>();
        for (int i = start; i < start + 50_000; i++) {
          Video video = Video.of("heap_" + i, owner, "https://v/" + i, text + i);
          chunk.add(
              new Video(
                  null,
                  video.videoId(),
                  owner,
                  video.url(),
                  video.title(),
                  text,
                  null,
                  video.status(),
                  null,
                  null,
                  null,
                  null,
                  null,
                  null));
        }
        data.videos().batchInsert(chunk, 5_000, BatchProgress.NONE);
      }
    }

    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx48m",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                StreamingHeapProbe.class.getName(),
                file.toString())
            .redirectErrorStream(true)
            .start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the probe ended").isTrue();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output).contains("streamed " + ROWS + " videos");
  }

  /** Runs in the small JVM: streams every video of the file and counts them. */
  static final class StreamingHeapProbe {
    public static void main(String[] args) {
      try (PooledDatabase database =
          new PooledDatabase(
              ConnectionProfile.sqlite("heap", Path.of(args[0])), Clock.systemUTC())) {
        DataLayer data = new DataLayer(database, Clock.systemUTC());
        long[] characters = {0};
        long count =
            data.videos()
                .export(
                    VideoFilter.ALL,
                    Sort.BY_ID,
                    video ->
                        characters[0] += video.title().length() + video.description().length());
        System.out.println("streamed " + count + " videos, " + characters[0] + " characters");
      }
    }
  }
}
