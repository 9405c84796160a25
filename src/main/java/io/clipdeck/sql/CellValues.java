package io.clipdeck.sql;

import io.clipdeck.db.DatabaseKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HexFormat;

/**
 * Reads one cell as a value fit to show or print: null, a {@link Number}, a {@link Boolean} or a
 * string. Binary values become {@code \x…} hex; long values are cut at a limit, with a note of the
 * full length, so a row of large text or bytea costs a bounded amount.
 */
final class CellValues {

  private static final HexFormat HEX = HexFormat.of();

  private CellValues() {}

  static boolean isNumeric(int type) {
    return switch (type) {
      case Types.TINYINT,
          Types.SMALLINT,
          Types.INTEGER,
          Types.BIGINT,
          Types.DECIMAL,
          Types.NUMERIC,
          Types.REAL,
          Types.FLOAT,
          Types.DOUBLE ->
          true;
      default -> false;
    };
  }

  static Object read(ResultSet rows, int column, int type, DatabaseKind kind, int maxChars)
      throws SQLException {
    if (kind == DatabaseKind.SQLITE) {
      Object value = rows.getObject(column);
      return switch (value) {
        case null -> null;
        case byte[] bytes -> hex(bytes, maxChars);
        case Number number -> number;
        default -> cut(value.toString(), maxChars);
      };
    }
    switch (type) {
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> {
        byte[] bytes = rows.getBytes(column);
        return bytes == null ? null : hex(bytes, maxChars);
      }
      case Types.BOOLEAN, Types.BIT -> {
        Object value = rows.getObject(column);
        return switch (value) {
          case null -> null;
          case Boolean flag -> flag;
          case byte[] bytes -> hex(bytes, maxChars);
          default -> value.toString();
        };
      }
      default -> {
        if (isNumeric(type)) {
          Object value = rows.getObject(column);
          return value == null || value instanceof Number ? value : value.toString();
        }
        String text = rows.getString(column);
        return text == null ? null : cut(text, maxChars);
      }
    }
  }

  private static String hex(byte[] bytes, int maxChars) {
    int shown = Math.min(bytes.length, Math.max(0, (maxChars - 2) / 2));
    String hex = "\\x" + HEX.formatHex(bytes, 0, shown);
    return shown < bytes.length ? hex + "… (" + bytes.length + " bytes)" : hex;
  }

  private static String cut(String text, int maxChars) {
    return text.length() <= maxChars
        ? text
        : text.substring(0, maxChars) + "… (" + text.length() + " characters)";
  }
}
