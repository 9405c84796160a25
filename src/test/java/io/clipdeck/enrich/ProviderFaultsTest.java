package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.api.Provider;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provider faults in one run: 429s, malformed answers, 5xx, a slow answer, an unknown video and a
 * quota stop. Only the affected tasks wait or fail, each with its reason; the rest finish.
 */
class ProviderFaultsTest {

  private static final int VIDEOS = 20;

  @TempDir Path dir;

  @Test
  void onlyTheAffectedTasksWaitOrFailWithTheirReasons() throws Exception {
    try (EnrichFixture fixture = EnrichFixture.open(DatabaseKind.SQLITE, dir);
        DemoProviders providers =
            DemoProviders.start(SimulatorSettings.defaults(), EnrichFixture::quickClients);
        EnrichmentService service =
            new EnrichmentService(
                fixture.data,
                providers::clients,
                fixture.settings(),
                Clock.systemUTC(),
                Duration.ofMillis(50))) {
      List<Long> videos = new ArrayList<>(fixture.videos(VIDEOS - 1, "fault"));
      videos.add(fixture.videos(1, "missing-").getFirst());
      var simulator = providers.simulator();
      simulator.inject(Provider.OPENAI, Fault.tooManyRequests(Duration.ofMillis(100)), 3);
      simulator.inject(Provider.OPENAI, Fault.malformedJson(), 2);
      // Paid generations go out twice at most: four 500s fail two thumbnail attempts.
      simulator.inject(Provider.STABILITY, Fault.serverError(), 4);
      simulator.inject(Provider.STABILITY, Fault.slow(Duration.ofMillis(800)), 1);
      simulator.inject(Provider.ELEVENLABS, Fault.quotaExceeded(), 1);

      EnrichmentRun run = service.start(videos, EnumSet.allOf(Step.class));

      // The quota stop parks ElevenLabs: narrations wait, every other step finishes.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  fixture.count(
                          "SELECT COUNT(*) FROM enrichment_task WHERE step <> 'narration' AND"
                              + " state = 'done'")
                      == 3L * (VIDEOS - 1));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(
              () ->
                  run.progress().providers().stream()
                      .anyMatch(
                          state ->
                              state.provider() == Provider.ELEVENLABS
                                  && state.waitingUntil().isPresent()));
      RunProgress waiting = run.progress();
      assertThat(waiting.state()).isEqualTo(RunState.RUNNING);
      assertThat(waiting.providers())
          .filteredOn(state -> state.provider() != Provider.ELEVENLABS)
          .allSatisfy(state -> assertThat(state.waitingUntil()).isEmpty());
      assertThat(
              waiting.providers().stream()
                  .filter(state -> state.provider() == Provider.ELEVENLABS)
                  .findFirst()
                  .orElseThrow()
                  .waitingReason())
          .contains("parked");
      assertThat(
              fixture.strings(
                  "SELECT last_error FROM enrichment_task WHERE step = 'narration' AND state ="
                      + " 'pending' AND last_error IS NOT NULL"))
          .isNotEmpty()
          .allSatisfy(error -> assertThat(error).startsWith("Waiting for quota: ElevenLabs"));
      assertThat(
              fixture.count(
                  "SELECT COUNT(*) FROM enrichment_task WHERE state = 'done' AND step = 'narration'"))
          .as("only a call already in flight beside the refused one (2 slots) went through")
          .isLessThanOrEqualTo(1);

      // Billing fixed: lift the parking, the narrations go out and the run ends.
      providers.clients().elevenLabs().orElseThrow().api().unpark();
      RunSummary summary = run.summary().get(60, TimeUnit.SECONDS);

      assertThat(summary.successful()).isEqualTo(VIDEOS - 1);
      assertThat(summary.failed()).isEqualTo(1);
      assertThat(
              fixture.strings(
                  "SELECT step || ': ' || last_error FROM enrichment_task WHERE state = 'dead'"))
          .singleElement()
          .satisfies(
              error ->
                  assertThat(error)
                      .startsWith("metadata: YouTube: HTTP 200 videoNotFound")
                      .contains("'missing-0'"));
      assertThat(fixture.strings("SELECT error FROM videos WHERE status = 'failed'"))
          .singleElement()
          .satisfies(error -> assertThat(error).startsWith("Metadata: YouTube"));
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state = 'waiting'"))
          .as("the unknown video's later steps never ran")
          .isEqualTo(3);
      assertThat(simulator.journal().count(Provider.STABILITY))
          .as("each 500 was answered by another request (the client's or the queue's retry)")
          .isEqualTo((VIDEOS - 1) + 4L);
      // A 429 is waited out in place: one more request. A cut-off answer of a paid chat is not
      // re-sent by the client; the queue runs the task again later, both chats: one more request
      // when it was the analysis (the first chat), two when it was the captions.
      assertThat(simulator.journal().count(Provider.OPENAI))
          .as("two chats per video, plus the 429s' and the cut-off answers' repeats")
          .isBetween(2L * (VIDEOS - 1) + 3 + 2, 2L * (VIDEOS - 1) + 3 + 4);
      assertThat(fixture.count("SELECT COUNT(*) FROM clips")).isEqualTo(2L * (VIDEOS - 1));
      assertThat(fixture.count("SELECT COUNT(*) FROM model_usage")).isEqualTo(4L * (VIDEOS - 1));

      // Retry failed: the dead task goes back to the queue, its video to pending.
      assertThat(run.retryFailed()).isEqualTo(1);
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state = 'dead'"))
          .isZero();
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state = 'pending'"))
          .isEqualTo(1);
      assertThat(fixture.count("SELECT COUNT(*) FROM videos WHERE status = 'failed'")).isZero();
    }
  }
}
