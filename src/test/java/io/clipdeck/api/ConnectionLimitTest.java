package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.JournalEntry;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.api.youtube.YouTubeClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A client never has more requests open than its connection limit: six slow answers fetched by six
 * threads through a limit of two arrive at the simulator in waves, the third no earlier than one
 * answer's delay after the first. The simulator's journal runs on the real clock here.
 */
class ConnectionLimitTest {

  private static final Duration DELAY = Duration.ofMillis(300);

  @Test
  void noMoreRequestsAreOpenAtOnceThanTheLimit() throws Exception {
    try (SimulatorFixture fixture =
            new SimulatorFixture(SimulatorSettings.defaults(), Clock.systemUTC());
        YouTubeClient youtube =
            YouTubeClient.create(
                fixture.config(Provider.YOUTUBE).maxConnections(2).maxAttempts(1).build(),
                new InMemoryQuotaLedger(),
                SharedCache.none());
        ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      fixture.simulator.inject(Provider.YOUTUBE, Fault.slow(DELAY), 6);
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        String id = "Qm7vT2xK9a" + (char) ('A' + i);
        calls.add(threads.submit(() -> youtube.videoInfo(List.of(id), CallOptions.uncached())));
      }
      for (Future<?> call : calls) {
        call.get();
      }

      List<Instant> arrivals =
          fixture.simulator.journal().of(Provider.YOUTUBE).stream()
              .map(JournalEntry::at)
              .sorted()
              .toList();
      assertThat(arrivals).hasSize(6);
      for (int k = 0; k + 2 < arrivals.size(); k++) {
        assertThat(Duration.between(arrivals.get(k), arrivals.get(k + 2)))
            .as("request %d went out only after one of the two before it was answered", k + 3)
            .isGreaterThanOrEqualTo(DELAY.minusMillis(5));
      }
    }
  }

  @Test
  void aLimitOutsideItsRangeIsRefusedWithWhatToType() {
    assertThatThrownBy(
            () ->
                ApiClientConfig.custom(Provider.OPENAI)
                    .baseUri("https://api.openai.com/v1")
                    .maxConnections(0)
                    .build())
        .hasMessage("OpenAI client: max connections is 0: use 1 to 1000, e.g. 16");
  }
}
