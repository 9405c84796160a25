package io.clipdeck.data;

import io.clipdeck.db.JsonText;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.util.PSQLException;

/**
 * A chunk of a batch insert on PostgreSQL through {@code COPY ... FROM STDIN} (text format): one
 * statement for the whole chunk instead of one (rewritten) INSERT per few rows, which is what makes
 * a bulk insert of videos run at COPY speed. The ids are taken from the table's identity sequence
 * first ({@code nextval} once per row, in one query) and written with the rows, so the batch still
 * returns the generated ids in row order; COPY accepts values for a {@code GENERATED ALWAYS}
 * column, as pg_dump's restores rely on.
 */
final class PostgresCopy {

  /** The server's context line for a row COPY refused: "COPY videos, line 17[, column x...]". */
  private static final Pattern COPY_LINE = Pattern.compile("COPY [^,]+, line (\\d+)");

  /** Characters formatted before they are sent: a few TCP segments. */
  private static final int SEND_AT = 64 * 1024;

  private final String copySql;
  private final String reserveSql;
  private final String table;
  private final List<String> columns;

  /**
   * @param quotedTable the table as the statement names it
   * @param columns the columns of each row (without {@code id}), unquoted, for error messages
   * @param quotedColumns the same, quoted
   */
  PostgresCopy(String quotedTable, List<String> columns, List<String> quotedColumns) {
    this.table = quotedTable;
    this.columns = List.copyOf(columns);
    this.copySql =
        "COPY "
            + quotedTable
            + " (\"id\", "
            + String.join(", ", quotedColumns)
            + ") FROM STDIN (FORMAT text)";
    // The sequence is looked up once (a scalar subquery runs as an init plan), not once per id:
    // 5 ms for 10,000 ids rather than 28.
    this.reserveSql =
        "SELECT nextval((SELECT pg_get_serial_sequence(?, 'id')::regclass))"
            + " FROM generate_series(1, ?)";
  }

  /** The COPY statement, for metrics and the slow-statement log. */
  String statement() {
    return copySql;
  }

  /** A value PostgreSQL text cannot hold; nothing of the chunk was sent when it is thrown. */
  static final class UnstorableValue extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int row;

    UnstorableValue(int row, String message) {
      super(message);
      this.row = row;
    }

    /** The row's index in its chunk. */
    int row() {
      return row;
    }
  }

  /** Writes the chunk in the connection's open transaction; returns the ids in row order. */
  List<Long> write(Connection connection, List<List<Object>> chunk) throws SQLException {
    // Checked before COPY starts, so nothing of a chunk holding an unstorable value is sent.
    refuseUnstorable(chunk);
    List<Long> ids = reserveIds(connection, chunk.size());
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      // Sent a piece at a time as the rows are formatted: the server parses and inserts the
      // first rows while the next are written, rather than after the whole chunk.
      StringBuilder text = new StringBuilder(SEND_AT + 4096);
      for (int i = 0; i < chunk.size(); i++) {
        text.append(ids.get(i));
        List<Object> row = chunk.get(i);
        for (Object value : row) {
          text.append('\t');
          append(text, value);
        }
        text.append('\n');
        if (text.length() >= SEND_AT) {
          send(copy, text);
        }
      }
      send(copy, text);
      long written = copy.endCopy();
      if (written != chunk.size()) {
        throw new IllegalStateException(
            "COPY wrote " + written + " rows of a chunk of " + chunk.size());
      }
      return ids;
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static void send(CopyIn copy, StringBuilder text) throws SQLException {
    byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    text.setLength(0);
  }

  private void refuseUnstorable(List<List<Object>> chunk) {
    for (int i = 0; i < chunk.size(); i++) {
      List<Object> row = chunk.get(i);
      for (int c = 0; c < row.size(); c++) {
        Object value = row.get(c);
        String string =
            value instanceof String text
                ? text
                : value instanceof JsonText json ? json.json() : null;
        if (string != null && string.indexOf('\0') >= 0) {
          throw new UnstorableValue(
              i,
              "column '"
                  + columns.get(c)
                  + "' holds a NUL character (U+0000), which PostgreSQL cannot store in"
                  + " text; remove it from the value and run the batch again");
        }
      }
    }
  }

  private List<Long> reserveIds(Connection connection, int count) throws SQLException {
    List<Long> ids = new ArrayList<>(count);
    try (PreparedStatement statement = connection.prepareStatement(reserveSql)) {
      statement.setString(1, table);
      statement.setInt(2, count);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  /** One value in COPY's text format: {@code \N} for NULL, backslash escapes for the rest. */
  private static void append(StringBuilder text, Object value) {
    switch (value) {
      case null -> text.append("\\N");
      case String string -> escape(text, string);
      case JsonText json -> escape(text, json.json());
      // ISO-8601 with 'Z': timestamptz reads it as UTC whatever the session's DateStyle.
      case Instant instant -> text.append(instant);
      case BigDecimal decimal -> text.append(decimal.toPlainString());
      case Boolean flag -> text.append(flag ? 't' : 'f');
      // Numbers print as PostgreSQL reads them (exponents, NaN and Infinity included).
      case Long number -> text.append(number.longValue());
      case Integer number -> text.append(number.intValue());
      case Double number -> text.append(number.doubleValue());
      default ->
          throw new IllegalArgumentException(
              "Cannot copy a " + value.getClass().getSimpleName() + ": normalize it first");
    }
  }

  /** Backslash escapes; a NUL was refused before ({@link #refuseUnstorable}). */
  private static void escape(StringBuilder text, String value) {
    int first = 0;
    while (first < value.length() && !special(value.charAt(first))) {
      first++;
    }
    // Most values need no escape: append them whole rather than a char at a time.
    text.append(value, 0, first);
    for (int i = first; i < value.length(); i++) {
      char ch = value.charAt(i);
      switch (ch) {
        case '\\' -> text.append("\\\\");
        case '\t' -> text.append("\\t");
        case '\n' -> text.append("\\n");
        case '\r' -> text.append("\\r");
        default -> text.append(ch);
      }
    }
  }

  private static boolean special(char ch) {
    return ch == '\\' || ch == '\t' || ch == '\n' || ch == '\r';
  }

  /**
   * The index in its chunk of the row a failed COPY names ("COPY videos, line N"), when the server
   * named one: unique, not-null and check violations and unreadable values do; a foreign key is
   * checked after the last row and names none.
   */
  static OptionalInt refusedRow(DataException error) {
    for (Throwable cause = error.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof PSQLException psql
          && psql.getServerErrorMessage() != null
          && psql.getServerErrorMessage().getWhere() != null) {
        Matcher line = COPY_LINE.matcher(psql.getServerErrorMessage().getWhere());
        if (line.find()) {
          return OptionalInt.of(Integer.parseInt(line.group(1)) - 1);
        }
      }
    }
    return OptionalInt.empty();
  }
}
