package io.clipdeck.db;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The database servers Clipdeck speaks to, with the few facts that differ between them. */
public enum DatabaseKind {
  POSTGRESQL("PostgreSQL", 5432),
  MYSQL("MySQL / MariaDB", 3306),
  SQLITE("SQLite", 0);

  private final String displayName;
  private final int defaultPort;

  DatabaseKind(String displayName, int defaultPort) {
    this.displayName = displayName;
    this.defaultPort = defaultPort;
  }

  public String displayName() {
    return displayName;
  }

  /** The server's usual TCP port; 0 for SQLite, which is a file. */
  public int defaultPort() {
    return defaultPort;
  }

  public boolean isFileBased() {
    return this == SQLITE;
  }

  /**
   * The name used in profile files and commands: {@code postgresql}, {@code mysql}, {@code sqlite}.
   */
  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a name from a file, a command line or {@code DATABASE_TYPE}; accepts "mariadb" too. */
  @JsonCreator
  public static DatabaseKind parse(String text) {
    String id = text.trim().toLowerCase(Locale.ROOT);
    return switch (id) {
      case "postgresql", "postgres", "pg" -> POSTGRESQL;
      case "mysql", "mariadb" -> MYSQL;
      case "sqlite", "sqlite3" -> SQLITE;
      default ->
          throw new IllegalArgumentException(
              "Unknown database kind '" + text + "': use postgresql, mysql or sqlite");
    };
  }
}
