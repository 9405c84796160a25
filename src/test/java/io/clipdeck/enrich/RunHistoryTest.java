package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.config.PrivateJsonFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run history kept per profile in the data directory. */
class RunHistoryTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-12-02T01:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dataDir;

  @Test
  void runsSurviveANewHistoryOverTheSameDataDirectoryNewestFirstAndBounded() throws Exception {
    RunHistory history = RunHistory.forProfile(dataDir, "local / sqlite*", CLOCK);
    for (int id = 1; id <= RunHistory.KEPT + 5; id++) {
      history.add(summary(id));
    }

    Path file = history.file().orElseThrow();
    assertThat(file.getParent()).isEqualTo(dataDir.resolve("enrichment"));
    assertThat(file.getFileName().toString()).isEqualTo("runs-local+%2F+sqlite%2A.json");
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PrivateJsonFile.FILE);
    assertThat(Files.readString(file)).contains("\"started\" : \"2026-12-02T00:");

    RunHistory reopened = RunHistory.forProfile(dataDir, "local / sqlite*", CLOCK);
    assertThat(reopened.problem()).isEmpty();
    assertThat(reopened.runs()).hasSize(RunHistory.KEPT).isEqualTo(history.runs());
    assertThat(reopened.runs().getFirst().runId()).isEqualTo(RunHistory.KEPT + 5);
    assertThat(reopened.runs().getLast().runId()).isEqualTo(6);
    assertThat(RunHistory.forProfile(dataDir, "another", CLOCK).runs())
        .as("each profile its own")
        .isEmpty();
  }

  @Test
  void aMalformedFileIsRenamedAsideWithAWarningAndANewHistoryBegins() throws Exception {
    RunHistory first = RunHistory.forProfile(dataDir, "pg", CLOCK);
    first.add(summary(1));
    Path file = first.file().orElseThrow();
    String broken = Files.readString(file).replace("\"runs\"", "\"runz\"");
    Files.writeString(file, broken);

    RunHistory fresh = RunHistory.forProfile(dataDir, "pg", CLOCK);

    Path aside = file.resolveSibling(file.getFileName() + ".unreadable-20261202-010000");
    assertThat(fresh.runs()).isEmpty();
    assertThat(fresh.problem())
        .hasValueSatisfying(
            problem ->
                assertThat(problem)
                    .contains(file.toString())
                    .contains("is not a valid run history")
                    .contains("renamed to " + aside)
                    .contains("a new run history begins"));
    assertThat(Files.readString(aside, StandardCharsets.UTF_8)).isEqualTo(broken);
    assertThat(file).doesNotExist();

    fresh.add(summary(2));
    assertThat(RunHistory.forProfile(dataDir, "pg", CLOCK).runs())
        .extracting(RunSummary::runId)
        .containsExactly(2L);
    assertThat(Files.readString(aside)).as("the kept file is never touched").isEqualTo(broken);
    try (Stream<Path> files = Files.list(file.getParent())) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .containsExactlyInAnyOrder(file.getFileName().toString(), aside.getFileName().toString());
    }
  }

  @Test
  void aRunWithoutItsOutcomeMakesTheFileMalformedToo() throws Exception {
    RunHistory first = RunHistory.forProfile(dataDir, "maria", CLOCK);
    first.add(summary(1));
    first.add(summary(2));
    Path file = first.file().orElseThrow();
    String edited = Files.readString(file).replaceFirst("\"outcome\" : \"[A-Z]+\",", "");
    Files.writeString(file, edited);

    RunHistory fresh = RunHistory.forProfile(dataDir, "maria", CLOCK);

    assertThat(fresh.runs()).isEmpty();
    assertThat(fresh.problem())
        .hasValueSatisfying(p -> assertThat(p).contains("without its outcome"));
    assertThat(file.resolveSibling(file.getFileName() + ".unreadable-20261202-010000"))
        .hasContent(edited);
  }

  @Test
  void anInMemoryHistoryWritesNothing() {
    RunHistory history = new RunHistory();
    history.add(summary(1));
    assertThat(history.file()).isEmpty();
    assertThat(history.runs()).extracting(RunSummary::runId).containsExactly(1L);
  }

  private static RunSummary summary(long id) {
    Instant started = Instant.parse("2026-12-02T00:00:00.123456Z").plusSeconds(id);
    return new RunSummary(
        id,
        id % 2 == 0 ? RunState.FINISHED : RunState.CANCELLED,
        started,
        started.plusMillis(1500),
        List.of(Step.METADATA, Step.CLIPS),
        10,
        9,
        1,
        19,
        1);
  }
}
