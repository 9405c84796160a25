package io.clipdeck.migrate;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.Environment;
import io.clipdeck.db.PooledDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

/**
 * Throwaway databases beside a profile's, for verifying a rollback without touching its data: a new
 * database on the same server (PostgreSQL, MariaDB), or a temporary SQLite file.
 */
public final class ScratchDatabases {

  /** For a service that makes no scratch databases (one that already runs on one). */
  public static final ScratchDatabases NONE = new ScratchDatabases(null);

  private final Function<ConnectionProfile, PooledDatabase> opener;

  /**
   * @param opener opens a pool for a scratch profile (with the original's password source)
   */
  public ScratchDatabases(Function<ConnectionProfile, PooledDatabase> opener) {
    this.opener = opener;
  }

  /** A scratch database; closing it closes its pool and drops it. */
  public interface Scratch extends AutoCloseable {
    PooledDatabase database();

    @Override
    void close();
  }

  /** Creates an empty database like {@code original}'s, using its connection to make it. */
  public Scratch create(PooledDatabase original) {
    if (opener == null) {
      throw new IllegalStateException("No scratch databases from here");
    }
    ConnectionProfile profile = original.profile();
    String name = "clipdeck_verify_" + UUID.randomUUID().toString().substring(0, 8);
    if (profile.kind().isFileBased()) {
      try {
        Path file = Files.createTempFile(name, ".db");
        PooledDatabase scratch = opener.apply(like(profile, file.toString()));
        return new Dropping(scratch, () -> deleteFiles(file));
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot make a scratch SQLite file: " + e.getMessage(), e);
      }
    }
    run(original, "CREATE DATABASE " + name);
    PooledDatabase scratch = opener.apply(like(profile, name));
    String drop =
        "DROP DATABASE IF EXISTS "
            + name
            + (profile.kind().name().equals("POSTGRESQL") ? " WITH (FORCE)" : "");
    return new Dropping(scratch, () -> run(original, drop));
  }

  private static ConnectionProfile like(ConnectionProfile profile, String database) {
    return profile.toBuilder()
        .name(profile.name() + " (verify " + database.hashCode() + ")")
        .database(database)
        .environment(Environment.DEVELOPMENT)
        .pool(profile.pool().toBuilder().poolSize(0).maxOverflow(2).build())
        .build();
  }

  private static void run(PooledDatabase database, String sql) {
    try (Connection connection = database.connection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot "
              + sql.toLowerCase(Locale.ROOT).split(" ")[0]
              + " a scratch database on "
              + database.profile().name()
              + " ("
              + e.getMessage()
              + "): verifying a rollback needs the right to create databases",
          e);
    }
  }

  private static void deleteFiles(Path file) {
    try {
      for (String suffix : new String[] {"", "-wal", "-shm", ".clipdeck-migrate.lock"}) {
        Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Dropping(PooledDatabase database, Runnable drop) implements Scratch {
    @Override
    public void close() {
      database.close();
      drop.run();
    }
  }
}
