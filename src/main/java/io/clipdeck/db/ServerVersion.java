package io.clipdeck.db;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's version as its own tools show it: "PostgreSQL 15.19", "MariaDB 10.11.19", "MySQL
 * 8.4.3", "SQLite 3.54.1" — not the wire's "5.5.5-10.11.19-MariaDB-0+deb12u1" (MariaDB prefixes
 * 5.5.5- for old MySQL clients, and MySQL's driver calls every server "MySQL") or "15.19 (Debian
 * 15.19-0+deb12u1)".
 */
public final class ServerVersion {

  private static final Pattern MARIADB =
      Pattern.compile("(?:5\\.5\\.5-)?(\\d+(?:\\.\\d+)*)-MariaDB");
  private static final Pattern LEADING_NUMBER = Pattern.compile("^(\\d+(?:\\.\\d+)*)");

  private ServerVersion() {}

  /** The version of the server behind {@code meta}. */
  public static String of(DatabaseMetaData meta) throws SQLException {
    return describe(meta.getDatabaseProductName(), meta.getDatabaseProductVersion());
  }

  /**
   * @param product the driver's product name ("PostgreSQL", "MySQL", "MariaDB", "SQLite")
   * @param version the driver's product version, as the server sent it
   */
  public static String describe(String product, String version) {
    String raw = version == null ? "" : version.strip();
    Matcher mariadb = MARIADB.matcher(raw);
    if (mariadb.find()) {
      return "MariaDB " + mariadb.group(1);
    }
    Matcher number = LEADING_NUMBER.matcher(raw);
    String name = product == null || product.isBlank() ? "" : product.strip() + " ";
    if (name.toLowerCase(Locale.ROOT).startsWith("mariadb") && number.find()) {
      return "MariaDB " + number.group(1);
    }
    number.reset();
    return number.find() ? name + number.group(1) : (name + raw).strip();
  }
}
