package io.clipdeck.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * Real databases for tests: a uniquely named database on the machine's PostgreSQL and MariaDB
 * servers, or a SQLite file. When a server does not answer, the test fails under CI ({@code
 * clipdeck.test.requireServers=true}, set from {@code CI=true}) and is skipped, with the reason, on
 * a workstation.
 */
public final class TestDatabases {

  public static final String PG_HOST = setting("clipdeck.test.pg.host", "127.0.0.1");
  public static final int PG_PORT = Integer.parseInt(setting("clipdeck.test.pg.port", "5432"));
  public static final String PG_USER = setting("clipdeck.test.pg.user", "postgres");
  public static final String MARIADB_HOST = setting("clipdeck.test.mariadb.host", "127.0.0.1");
  public static final int MARIADB_PORT =
      Integer.parseInt(setting("clipdeck.test.mariadb.port", "3306"));
  public static final String MARIADB_USER = setting("clipdeck.test.mariadb.user", "root");

  private TestDatabases() {}

  /** A scratch database of the given kind; SQLite files go under {@code dir}. */
  public static ScratchDatabase create(DatabaseKind kind, Path dir) {
    return switch (kind) {
      case POSTGRESQL -> postgres();
      case MYSQL -> mariadb();
      case SQLITE ->
          new ScratchDatabase(
              ConnectionProfile.sqlite("sqlite-" + suffix(), dir.resolve(suffix() + ".db")),
              () -> {});
    };
  }

  public static ScratchDatabase postgres() {
    String name = "clipdeck_t_" + suffix();
    String adminUrl = "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/postgres";
    admin("PostgreSQL", adminUrl, PG_USER, "CREATE DATABASE " + name);
    ConnectionProfile profile =
        ConnectionProfile.server(
            "pg-" + name, DatabaseKind.POSTGRESQL, PG_HOST, PG_PORT, name, PG_USER);
    return new ScratchDatabase(
        profile,
        () ->
            admin(
                "PostgreSQL",
                adminUrl,
                PG_USER,
                "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"));
  }

  public static ScratchDatabase mariadb() {
    String name = "clipdeck_t_" + suffix();
    String adminUrl = "jdbc:mysql://" + MARIADB_HOST + ":" + MARIADB_PORT + "/";
    admin("MariaDB", adminUrl, MARIADB_USER, "CREATE DATABASE " + name);
    ConnectionProfile profile =
        ConnectionProfile.server(
            "mariadb-" + name, DatabaseKind.MYSQL, MARIADB_HOST, MARIADB_PORT, name, MARIADB_USER);
    return new ScratchDatabase(
        profile, () -> admin("MariaDB", adminUrl, MARIADB_USER, "DROP DATABASE IF EXISTS " + name));
  }

  /** Whether a missing server fails the test (CI) rather than skipping it (a workstation). */
  public static boolean serversRequired() {
    return "true".equalsIgnoreCase(System.getProperty("clipdeck.test.requireServers", ""))
        || "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static void admin(String server, String url, String user, String sql) {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("connectTimeout", url.startsWith("jdbc:mysql") ? "3000" : "3");
    try (Connection connection = DriverManager.getConnection(url, properties);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      String reason = server + " at " + url + " did not run '" + sql + "': " + e.getMessage();
      if (serversRequired()) {
        fail(reason + " (CI needs every database server: see .ci/run)");
      }
      Assumptions.abort(reason + " (skipped; start the server, or set CI=true to fail instead)");
    }
  }

  private static String suffix() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
  }

  private static String setting(String property, String fallback) {
    return System.getProperty(property, fallback);
  }
}
