package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.Provider;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls slower than the lease keep their tasks: the runner's scheduled heartbeat renews the lease
 * of every call in flight, so no task is claimed a second time and every result commits at its
 * first attempt.
 */
class LeaseHeartbeatTest {

  @TempDir Path dir;

  @Test
  void callsLongerThanTheLeaseKeepTheirTasks() throws Exception {
    try (EnrichFixture fixture = EnrichFixture.open(DatabaseKind.SQLITE, dir);
        DemoProviders providers =
            DemoProviders.start(SimulatorSettings.defaults(), EnrichFixture::quickClients);
        EnrichmentService service =
            new EnrichmentService(
                fixture.data,
                providers::clients,
                fixture
                    .settings()
                    .withQueue(EnrichFixture.FAST_QUEUE.withLease(Duration.ofSeconds(1))),
                Clock.systemUTC(),
                Duration.ofMillis(50))) {
      List<Long> videos = fixture.videos(2, "beat");
      // Each chat answers after 3 s: three leases long. (A beat every third of a lease leaves
      // two thirds of slack for a loaded machine.)
      providers.simulator().inject(Provider.OPENAI, Fault.slow(Duration.ofSeconds(3)), 4);

      RunSummary summary =
          service
              .start(videos, EnumSet.of(Step.METADATA, Step.CLIPS))
              .summary()
              .get(60, TimeUnit.SECONDS);

      assertThat(summary.successful()).isEqualTo(2);
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE attempt <> 1"))
          .as("no task was claimed again while its call ran")
          .isZero();
      assertThat(providers.simulator().journal().count(Provider.OPENAI)).isEqualTo(4);
    }
  }
}
