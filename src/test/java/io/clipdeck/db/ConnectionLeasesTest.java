package io.clipdeck.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.data.Sort;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.ScratchDatabases;
import io.clipdeck.monitor.PoolDiagnosis;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leak detection: which operation holds each lent-out connection, and since when. */
class ConnectionLeasesTest {

  @TempDir Path dir;

  @Test
  void aConnectionHeldByAJobIsNamedByTheJobAndTheRepositoryMethodUntilItIsClosed()
      throws Exception {
    try (PooledDatabase database =
            new PooledDatabase(
                ConnectionProfile.sqlite("leases", dir.resolve("leases.db")), Clock.systemUTC());
        var workers = Executors.newVirtualThreadPerTaskExecutor()) {
      new MigrationService(
              database,
              MigrationLocations.of(database.profile(), dir.resolve("migrations")),
              ScratchDatabases.NONE,
              Clock.systemUTC())
          .migrate(Optional.empty(), step -> {});
      DataLayer data = new DataLayer(database, Clock.systemUTC());
      long owner = data.users().create(User.of("lease", "lease@example.test")).id();
      data.videos().create(Video.of("lease_1", owner, "https://v/1", "One"));
      assertThat(database.holders(3)).isEmpty();

      // While an export streams, its connection is held: the card can say by what.
      List<ConnectionHolder> seen = new ArrayList<>();
      new BackgroundJobs(workers)
          .submit(
              "Exporting videos of leases",
              () ->
                  data.videos()
                      .export(
                          VideoFilter.ALL, Sort.BY_ID, video -> seen.addAll(database.holders(3))))
          .get(10, TimeUnit.SECONDS);

      assertThat(seen)
          .singleElement()
          .satisfies(
              holder -> {
                assertThat(holder.operation())
                    .isEqualTo("Exporting videos of leases · VideoRepository.export");
                assertThat(holder.held()).isPositive();
              });
      assertThat(database.holders(3)).as("closed connections end their lease").isEmpty();

      // A connection nobody gives back stays on the list, named by the code that took it.
      Connection forgotten = database.connection();
      assertThat(database.holders(3))
          .singleElement()
          .extracting(ConnectionHolder::operation)
          .isEqualTo(
              "ConnectionLeasesTest"
                  + ".aConnectionHeldByAJobIsNamedByTheJobAndTheRepositoryMethodUntilItIsClosed");
      forgotten.close();
      forgotten.close(); // twice is harmless
      assertThat(database.holders(3)).isEmpty();
    }
  }

  @Test
  void aConnectionHeldPastTheThresholdIsDiagnosedAsALeakWithItsHolder() {
    ConnectionProfile profile = ConnectionProfile.sqlite("orders", dir.resolve("orders.db"));
    PoolStats pool = new PoolStats(1, 4, 5, 0, 10, 0, 40, 0, Duration.ZERO, Duration.ZERO);
    List<ConnectionHolder> holders =
        List.of(
            new ConnectionHolder(
                "Exporting videos of orders · VideoRepository.export",
                "clipdeck-work-7",
                Duration.ofMillis(45_200)));

    assertThat(PoolDiagnosis.of(profile, pool, Optional.empty(), holders))
        .contains(
            "A connection has been held 45.2 s by Exporting videos of orders ·"
                + " VideoRepository.export (thread clipdeck-work-7): a connection never given back"
                + " (a leak) or a very long operation. 1 of 10 connections are lent out.");
    assertThat(
            PoolDiagnosis.of(
                profile,
                pool,
                Optional.empty(),
                List.of(new ConnectionHolder("short", "t", Duration.ofSeconds(2)))))
        .isEmpty();
  }
}
