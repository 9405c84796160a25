package io.clipdeck.migrate;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * Migrates one database in a process of its own, so a test can kill it with {@code kill -9}
 * mid-script. Arguments: profile name, kind id, host, port, database, user, migrations root.
 */
public final class MigrateInChildProcess {

  private MigrateInChildProcess() {}

  public static void main(String[] args) {
    ConnectionProfile profile =
        ConnectionProfile.server(
            args[0],
            DatabaseKind.parse(args[1]),
            args[2],
            Integer.parseInt(args[3]),
            args[4],
            args[5]);
    try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC())) {
      MigrationService service =
          new MigrationService(
              database,
              MigrationLocations.of(profile, Path.of(args[6])),
              new ScratchDatabases(p -> new PooledDatabase(p, Clock.systemUTC())),
              Clock.systemUTC());
      MigrateOutcome outcome = service.migrate(Optional.empty(), System.out::println);
      System.out.println(outcome.succeeded() ? "migrated" : outcome.failure().get().describe());
    }
  }

  /** Starts this class in a new JVM with the test class path. */
  static Process start(ConnectionProfile profile, Path migrationsRoot) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            MigrateInChildProcess.class.getName(),
            profile.name(),
            profile.kind().id(),
            profile.host(),
            Integer.toString(profile.port()),
            profile.database(),
            profile.user(),
            migrationsRoot.toString())
        .redirectErrorStream(true)
        .redirectOutput(migrationsRoot.resolve("child.log").toFile())
        .start();
  }
}
