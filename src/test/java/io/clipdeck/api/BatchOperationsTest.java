package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.batch.BatchItem;
import io.clipdeck.api.batch.BatchOperations;
import io.clipdeck.api.batch.CaptionJob;
import io.clipdeck.api.openai.Caption;
import io.clipdeck.api.openai.ChatSettings;
import io.clipdeck.api.openai.OpenAiClient;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.youtube.VideoInfo;
import io.clipdeck.api.youtube.YouTubeClient;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Batches run in parallel up to a bound, and one failed item leaves the others alone. */
class BatchOperationsTest {

  private final SimulatorFixture fixture = new SimulatorFixture();

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void batchVideoInfoSplitsIntoRequestsOfFifty() {
    try (YouTubeClient youtube =
        YouTubeClient.create(
            fixture.config(Provider.YOUTUBE).build(),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      List<String> ids = IntStream.range(0, 230).mapToObj(i -> "id" + i).toList();

      List<BatchItem<List<String>, List<VideoInfo>>> items =
          new BatchOperations(3).batchVideoInfo(youtube, ids);

      assertThat(items).hasSize(5).allMatch(item -> item instanceof BatchItem.Succeeded);
      assertThat(items.getLast().key()).hasSize(30);
      assertThat(fixture.simulator.journal().count(Provider.YOUTUBE)).isEqualTo(5);
    }
  }

  @Test
  void batchCaptionsReportsEachJob() {
    try (OpenAiClient openAi =
        OpenAiClient.create(
            fixture.config(Provider.OPENAI).maxAttempts(1).build(),
            ChatSettings.openAi("sim-chat-1"),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      fixture.simulator.inject(Provider.OPENAI, Fault.serverError(), 1);
      List<CaptionJob> jobs =
          IntStream.range(0, 5)
              .mapToObj(i -> new CaptionJob("v" + i, i + ": text", "engaging", "en"))
              .toList();

      List<BatchItem<CaptionJob, List<Caption>>> items =
          new BatchOperations(2).batchCaptions(openAi, jobs);

      assertThat(items).extracting(BatchItem::key).containsExactlyElementsOf(jobs);
      assertThat(items.stream().filter(item -> item instanceof BatchItem.Failed)).hasSize(1);
      assertThat(items.stream().filter(item -> item instanceof BatchItem.Succeeded)).hasSize(4);
    }
  }

  @Test
  void noMoreThanTheBoundRunAtOnce() {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger highest = new AtomicInteger();
    java.util.concurrent.CountDownLatch allStarted = new java.util.concurrent.CountDownLatch(3);

    new BatchOperations(3)
        .run(
            IntStream.range(0, 12).boxed().toList(),
            key -> {
              highest.accumulateAndGet(running.incrementAndGet(), Math::max);
              allStarted.countDown();
              try {
                // Hold the slot until three are in, so the bound is really exercised.
                allStarted.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              running.decrementAndGet();
              return key;
            });

    assertThat(highest.get()).isEqualTo(3);
  }
}
