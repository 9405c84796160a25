package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.Provider;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 429 asking for ten minutes parks OpenAI and snoozes its tasks until then: no worker thread
 * sleeps on it (the tasks are back in the queue at once, none left running), no other OpenAI
 * request goes out, and YouTube's work goes on. Tasks the lane had not claimed yet stay pending,
 * untried.
 */
class LongRetryAfterSnoozesTest {

  private static final int VIDEOS = 6;

  @TempDir Path dir;

  @Test
  void theTasksAreSnoozedAndTheOtherProviderWorks() throws Exception {
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
      List<Long> videos = fixture.videos(VIDEOS, "snooze");
      var simulator = providers.simulator();
      simulator.inject(Provider.OPENAI, Fault.tooManyRequests(Duration.ofMinutes(10)), 1);
      Instant started = Instant.now();

      EnrichmentRun run = service.start(videos, EnumSet.of(Step.METADATA, Step.CLIPS));

      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  fixture.count(
                              "SELECT COUNT(*) FROM enrichment_task WHERE step = 'metadata' AND"
                                  + " state = 'done'")
                          == VIDEOS
                      // Calls sent before the parking finish: their tasks are done.
                      && fixture.count(
                              "SELECT COUNT(*) FROM enrichment_task WHERE step = 'clips' AND"
                                  + " state IN ('pending', 'done')")
                          == VIDEOS
                      && fixture.count(
                              "SELECT COUNT(*) FROM enrichment_task WHERE step = 'clips' AND"
                                  + " last_error LIKE 'Rate limited%'")
                          >= 1);

      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state = 'running'"))
          .as("no task is held by a sleeping thread")
          .isZero();
      assertThat(
              fixture.count(
                  "SELECT COUNT(*) FROM enrichment_task WHERE step = 'clips' AND state ="
                      + " 'pending' AND attempt > 0"))
          .as("a snooze does not count as an attempt")
          .isZero();
      long done =
          fixture.count(
              "SELECT COUNT(*) FROM enrichment_task WHERE step = 'clips' AND state = 'done'");
      assertThat(simulator.journal().count(Provider.OPENAI))
          .as("two chats per finished task, and only the calls in flight when it parked")
          .isLessThanOrEqualTo(2 * done + fixture.settings().concurrency(Provider.OPENAI));
      var openAi = providers.clients().openAi().api();
      assertThat(openAi.parked())
          .get()
          .satisfies(
              parked -> {
                assertThat(parked.kind()).isEqualTo(ApiErrorKind.RATE_LIMITED);
                assertThat(parked.until()).isAfter(started.plus(Duration.ofMinutes(9)));
              });
      assertThat(run.progress().providers())
          .filteredOn(state -> state.provider() == Provider.OPENAI)
          .singleElement()
          .satisfies(
              state ->
                  assertThat(state.waitingUntil())
                      .get()
                      .isEqualTo(openAi.parked().orElseThrow().until()));
      assertThat(
              fixture.strings(
                  "SELECT last_error FROM enrichment_task WHERE step = 'clips' AND last_error IS"
                      + " NOT NULL"))
          .allSatisfy(
              error ->
                  assertThat(error)
                      .startsWith("Rate limited: OpenAI")
                      .containsIgnoringCase("parked until"));
      run.cancel(false);
    }
  }
}
