package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.api.InMemoryQuotaLedger;
import io.clipdeck.api.Provider;
import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.testing.TempPostgresCluster;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The queue shared and shaken: two workers on one PostgreSQL batch, MariaDB killing the worker's
 * connections, a PostgreSQL restart. Nothing is run twice, lost or doubled.
 */
class SharedQueueTest {

  private static final Set<Step> STEPS = EnumSet.of(Step.METADATA, Step.CLIPS);

  @TempDir Path dir;

  @Test
  void twoWorkersOnOnePostgresBatchNeverRunATaskTwice() throws Exception {
    int videos = 200;
    List<AutoCloseable> closing = new ArrayList<>();
    try (EnrichFixture fixture = EnrichFixture.open(DatabaseKind.POSTGRESQL, dir);
        ProviderSimulator simulator = latentSimulator()) {
      List<Long> ids = fixture.videos(videos, "two");
      new TaskQueue(fixture.data, EnrichFixture.FAST_QUEUE, Clock.systemUTC()).enqueue(ids, STEPS);
      List<CompletableFuture<Long>> workers = new ArrayList<>();
      for (DataLayer data : List.of(fixture.data, fixture.secondDataLayer(closing))) {
        ProviderClients clients = clients(simulator);
        closing.add(clients);
        Worker worker = new Worker(data, clients, fixture.settings(), Clock.systemUTC());
        workers.add(CompletableFuture.supplyAsync(() -> drain(worker), Thread::startVirtualThread));
      }
      long first = workers.get(0).get(90, TimeUnit.SECONDS);
      long second = workers.get(1).get(90, TimeUnit.SECONDS);

      assertThat(first).as("both workers took part").isPositive();
      assertThat(second).isPositive();
      assertThat(first + second).isEqualTo(2L * videos);
      List<String> asked =
          simulator.journal().of(Provider.YOUTUBE).stream()
              .flatMap(entry -> EnrichmentBatchTest.idsOf(entry.target()).stream())
              .toList();
      assertThat(asked)
          .as("each video's metadata asked once")
          .hasSize(videos)
          .doesNotHaveDuplicates();
      assertThat(simulator.journal().count(Provider.OPENAI))
          .as("two chats per video, none twice")
          .isEqualTo(2L * videos);
      assertNothingLostOrDoubled(fixture, videos);
    } finally {
      for (AutoCloseable resource : closing) {
        resource.close();
      }
    }
  }

  @Test
  void mariaDbKillingTheWorkersConnectionsLosesAndDoublesNothing() throws Exception {
    int videos = 120;
    try (EnrichFixture fixture = EnrichFixture.open(DatabaseKind.MYSQL, dir);
        ProviderSimulator simulator = latentSimulator();
        ProviderClients clients = clients(simulator)) {
      List<Long> ids = fixture.videos(videos, "kill");
      new TaskQueue(fixture.data, EnrichFixture.FAST_QUEUE, Clock.systemUTC()).enqueue(ids, STEPS);
      Worker worker = new Worker(fixture.data, clients, fixture.settings(), Clock.systemUTC());
      CompletableFuture<Long> drained =
          CompletableFuture.supplyAsync(() -> drain(worker), Thread::startVirtualThread);

      int killed = 0;
      String url =
          "jdbc:mysql://" + TestDatabases.MARIADB_HOST + ":" + TestDatabases.MARIADB_PORT + "/";
      try (Connection admin = DriverManager.getConnection(url, TestDatabases.MARIADB_USER, "")) {
        for (int round = 0; round < 8 && !drained.isDone(); round++) {
          Thread.sleep(300); // the pace of the fault: a kill round every 300 ms mid-batch
          killed += killAll(admin, fixture.profile.database());
        }
      }
      drained.get(90, TimeUnit.SECONDS);

      assertThat(killed).as("connections were killed mid-batch").isPositive();
      assertNothingLostOrDoubled(fixture, videos);
    }
  }

  @Test
  void aPostgresRestartMidBatchLosesAndDoublesNothing() throws Exception {
    int videos = 120;
    try (TempPostgresCluster cluster = TempPostgresCluster.started();
        EnrichFixture fixture = EnrichFixture.on(cluster.profile("enrich-restart"), dir);
        ProviderSimulator simulator = latentSimulator();
        ProviderClients clients = clients(simulator)) {
      List<Long> ids = fixture.videos(videos, "restart");
      new TaskQueue(fixture.data, EnrichFixture.FAST_QUEUE, Clock.systemUTC()).enqueue(ids, STEPS);
      Worker worker = new Worker(fixture.data, clients, fixture.settings(), Clock.systemUTC());
      CompletableFuture<Long> drained =
          CompletableFuture.supplyAsync(() -> drain(worker), Thread::startVirtualThread);
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () ->
                  fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state = 'done'") >= 30);

      cluster.restart();
      drained.get(120, TimeUnit.SECONDS);

      assertNothingLostOrDoubled(fixture, videos);
    }
  }

  private static void assertNothingLostOrDoubled(EnrichFixture fixture, int videos)
      throws Exception {
    assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state = 'done'"))
        .isEqualTo(2L * videos);
    assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE lease_until IS NOT NULL"))
        .isZero();
    assertThat(fixture.count("SELECT COUNT(*) FROM videos WHERE status = 'completed'"))
        .isEqualTo(videos);
    assertThat(fixture.count("SELECT COUNT(*) FROM clips")).isEqualTo(2L * videos);
    assertThat(fixture.count("SELECT COUNT(*) FROM model_usage")).isEqualTo(2L * videos);
    assertThat(fixture.count("SELECT COUNT(DISTINCT request_id) FROM model_usage"))
        .isEqualTo(2L * videos);
  }

  private static long drain(Worker worker) {
    try {
      return worker.run(STEPS, true, Duration.ofMinutes(5), line -> {});
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static int killAll(Connection admin, String database) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement find =
        admin.prepareStatement(
            "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND ID <> CONNECTION_ID()")) {
      find.setString(1, database);
      try (ResultSet rows = find.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    int killed = 0;
    try (Statement statement = admin.createStatement()) {
      for (long id : ids) {
        try {
          statement.execute("KILL CONNECTION " + id);
          killed++;
        } catch (java.sql.SQLException gone) {
          // It closed by itself meanwhile.
        }
      }
    }
    return killed;
  }

  private static ProviderSimulator latentSimulator() {
    return ProviderSimulator.start(
        SimulatorSettings.defaults().latency(Duration.ofMillis(5), Duration.ofMillis(25)));
  }

  private static ProviderClients clients(ProviderSimulator simulator) {
    return DemoProviders.clients(simulator, EnrichFixture::quickClients, new InMemoryQuotaLedger());
  }
}
