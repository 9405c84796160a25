package io.clipdeck.enrich;

import io.clipdeck.api.InMemoryQuotaLedger;
import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;

/**
 * A worker in its own JVM, for {@link WorkerCrashTest} to kill: {@code host port database user
 * simulatorPort leaseMillis mediaDir}. Works metadata and clips until the queue is idle, exit 0.
 */
public final class CrashWorkerMain {

  private CrashWorkerMain() {}

  public static void main(String[] args) throws Exception {
    ConnectionProfile profile =
        ConnectionProfile.server(
            "crash-worker",
            DatabaseKind.POSTGRESQL,
            args[0],
            Integer.parseInt(args[1]),
            args[2],
            args[3]);
    QueueSettings queue =
        new QueueSettings(
            Duration.ofMillis(Long.parseLong(args[5])),
            50,
            Duration.ofMillis(20),
            Duration.ofMillis(200));
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC());
        ProviderClients clients =
            DemoProviders.clients(
                Integer.parseInt(args[4]),
                EnrichFixture::quickClients,
                new InMemoryQuotaLedger())) {
      DataLayer data = new DataLayer(database, Clock.systemUTC());
      EnrichmentSettings settings =
          EnrichmentSettings.defaults(Path.of(args[6]))
              .withQueue(queue)
              .withIdlePoll(Duration.ofMillis(20));
      long done =
          new Worker(data, clients, settings, Clock.systemUTC())
              .run(
                  EnumSet.of(Step.METADATA, Step.CLIPS),
                  true,
                  Duration.ofSeconds(1),
                  System.out::println);
      System.out.println("committed " + done);
    }
    System.exit(0);
  }
}
