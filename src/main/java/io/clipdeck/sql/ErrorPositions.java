package io.clipdeck.sql;

import java.sql.SQLException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Where in a statement the server found its error: PostgreSQL says so ({@code position}); MySQL,
 * MariaDB and SQLite quote the text near it, which is looked up in the statement. Falls back to the
 * statement's start.
 */
final class ErrorPositions {

  private static final Pattern MYSQL_NEAR =
      Pattern.compile("near '(.*?)' at line (\\d+)", Pattern.DOTALL);
  private static final Pattern SQLITE_NEAR = Pattern.compile("near \"(.*?)\": syntax error");

  private ErrorPositions() {}

  /** The offset in {@code statement.sql()} of the error, or 0. */
  static int inStatement(SqlStatement statement, SQLException error) {
    String sql = statement.sql();
    if (error instanceof PSQLException postgres) {
      ServerErrorMessage server = postgres.getServerErrorMessage();
      if (server != null && server.getPosition() > 0) {
        return Math.min(sql.length(), server.getPosition() - 1);
      }
      return 0;
    }
    String message = error.getMessage() == null ? "" : error.getMessage();
    Matcher mysql = MYSQL_NEAR.matcher(message);
    if (mysql.find()) {
      int lineStart = lineStart(sql, Integer.parseInt(mysql.group(2)));
      return find(sql, mysql.group(1), lineStart);
    }
    Matcher sqlite = SQLITE_NEAR.matcher(message);
    if (sqlite.find()) {
      return find(sql, sqlite.group(1), 0);
    }
    return 0;
  }

  private static int find(String sql, String near, int from) {
    if (near.isEmpty()) {
      // MySQL quotes '' when the statement ended too soon: the error is at its end.
      return sql.length();
    }
    String probe = near.length() > 40 ? near.substring(0, 40) : near;
    int at = sql.indexOf(probe, from);
    if (at < 0) {
      at = sql.toLowerCase(Locale.ROOT).indexOf(probe.toLowerCase(Locale.ROOT));
    }
    return Math.max(at, 0);
  }

  private static int lineStart(String sql, int line) {
    int offset = 0;
    for (int i = 1; i < line; i++) {
      int newline = sql.indexOf('\n', offset);
      if (newline < 0) {
        return 0;
      }
      offset = newline + 1;
    }
    return offset;
  }

  /** How many lines end in {@code text} before {@code upTo}: an error's line within a statement. */
  static int newlinesBefore(String text, int upTo) {
    int lines = 0;
    for (int i = 0; i < upTo && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines++;
      }
    }
    return lines;
  }
}
