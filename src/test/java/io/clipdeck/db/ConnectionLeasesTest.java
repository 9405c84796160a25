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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
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

  @Test
  void aLeaseHeldLongByAnotherThreadIsNamedByItsOperationAndTheRepositoryMethod() throws Exception {
    AtomicLong nanos = new AtomicLong();
    try (PooledDatabase database = sqlite("held", nanos, false)) {
      DataLayer data = withOneVideo(database);
      CountDownLatch inside = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Thread exporter =
          Thread.ofVirtual()
              .name("nightly-export")
              .start(
                  () -> {
                    try {
                      Operation.call(
                          "Nightly export",
                          () ->
                              data.videos()
                                  .export(
                                      VideoFilter.ALL,
                                      Sort.BY_ID,
                                      video -> {
                                        inside.countDown();
                                        awaitQuietly(release);
                                      }));
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  });
      try {
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        nanos.addAndGet(Duration.ofSeconds(45).toNanos());

        // No stack was walked when the export borrowed: the holder's is read now, and still
        // shows the repository method that called the data layer.
        List<ConnectionHolder> holders = database.holders(3);
        assertThat(holders)
            .singleElement()
            .isEqualTo(
                new ConnectionHolder(
                    "Nightly export · VideoRepository.export",
                    "nightly-export",
                    Duration.ofSeconds(45)));
        PoolStats pool = new PoolStats(1, 0, 1, 0, 5, 0, 1, 0, Duration.ZERO, Duration.ZERO);
        assertThat(PoolDiagnosis.of(database.profile(), pool, Optional.empty(), holders))
            .get()
            .asString()
            .startsWith(
                "A connection has been held 45.0 s by Nightly export · VideoRepository.export"
                    + " (thread nightly-export)");
      } finally {
        release.countDown();
        exporter.join(Duration.ofSeconds(10));
      }
      assertThat(exporter.isAlive()).isFalse();
      assertThat(database.holders(3)).isEmpty();
    }
  }

  @Test
  void aLeakWhoseThreadMovedOnIsNamedOnlyWithStacksOnBorrow() throws Exception {
    AtomicLong nanos = new AtomicLong();
    try (PooledDatabase cheap = sqlite("cheap", nanos, false);
        PooledDatabase walking = sqlite("walking", nanos, true)) {
      List<Stream<Long>> leaked = new ArrayList<>();
      leaked.add(openAndForgetAStream(withOneVideo(cheap)));
      leaked.add(openAndForgetAStream(withOneVideo(walking)));
      try {
        assertThat(cheap.holders(3))
            .singleElement()
            .extracting(ConnectionHolder::operation)
            .isEqualTo(ConnectionLeases.UNKNOWN_BORROWER);
        assertThat(walking.holders(3))
            .singleElement()
            .extracting(ConnectionHolder::operation)
            .isEqualTo("ConnectionLeasesTest.openAndForgetAStream");
      } finally {
        leaked.forEach(Stream::close);
      }
      assertThat(cheap.holders(3)).isEmpty();
      assertThat(walking.holders(3)).isEmpty();
    }
  }

  private static Stream<Long> openAndForgetAStream(DataLayer data) {
    Stream<Long> ids =
        data.executor().stream("SELECT id FROM videos", List.of(), 10, row -> row.getLong(1));
    assertThat(ids.iterator().hasNext()).isTrue();
    return ids;
  }

  private PooledDatabase sqlite(String name, AtomicLong nanos, boolean stacksOnBorrow) {
    return new PooledDatabase(
        ConnectionProfile.sqlite(name, dir.resolve(name + ".db")),
        PasswordSource.NONE,
        Clock.systemUTC(),
        nanos::get,
        stacksOnBorrow);
  }

  private DataLayer withOneVideo(PooledDatabase database) throws Exception {
    new MigrationService(
            database,
            MigrationLocations.of(
                database.profile(), dir.resolve("migrations-" + database.profile().name())),
            ScratchDatabases.NONE,
            Clock.systemUTC())
        .migrate(Optional.empty(), step -> {});
    DataLayer data = new DataLayer(database, Clock.systemUTC());
    long owner = data.users().create(User.of("held", "held@example.test")).id();
    data.videos().create(Video.of("held_1", owner, "https://v/1", "One"));
    return data;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the export");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
