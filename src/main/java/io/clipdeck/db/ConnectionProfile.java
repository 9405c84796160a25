package io.clipdeck.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach one database. For SQLite, {@code database} is the file's path and the network fields
 * are unused.
 */
public record ConnectionProfile(
    String name,
    DatabaseKind kind,
    String host,
    int port,
    String database,
    String user,
    Environment environment,
    PoolSettings pool) {

  public ConnectionProfile {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A profile needs a name");
    }
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException(
          "Profile '"
              + name
              + "' has no "
              + (kind.isFileBased() ? "SQLite file path" : "database name"));
    }
    if (!kind.isFileBased()) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("Profile '" + name + "' has no host");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "Profile '" + name + "' has port " + port + ": use 1 to 65535");
      }
    }
    environment = environment == null ? Environment.DEVELOPMENT : environment;
    pool = pool == null ? PoolSettings.DESKTOP : pool;
  }

  /** A local SQLite file with desktop pool settings. */
  public static ConnectionProfile sqlite(String name, Path file) {
    return new ConnectionProfile(
        name,
        DatabaseKind.SQLITE,
        null,
        0,
        file.toAbsolutePath().toString(),
        null,
        Environment.DEVELOPMENT,
        PoolSettings.DESKTOP);
  }

  /** A server database with desktop pool settings. */
  public static ConnectionProfile server(
      String name, DatabaseKind kind, String host, int port, String database, String user) {
    return new ConnectionProfile(
        name, kind, host, port, database, user, Environment.DEVELOPMENT, PoolSettings.DESKTOP);
  }

  /** Where the database is, for messages: {@code host:port/db} or the file path. */
  public String location() {
    return kind.isFileBased() ? database : host + ":" + port + "/" + database;
  }

  /** The JDBC URL, without any secret in it. */
  public String jdbcUrl() {
    return switch (kind) {
      case POSTGRESQL -> "jdbc:postgresql://" + host + ":" + port + "/" + database;
      case MYSQL -> "jdbc:mysql://" + host + ":" + port + "/" + database;
      case SQLITE -> "jdbc:sqlite:" + database;
    };
  }

  public ConnectionProfile withPool(PoolSettings newPool) {
    return new ConnectionProfile(name, kind, host, port, database, user, environment, newPool);
  }
}
