package io.clipdeck.explore;

import java.util.HexFormat;

/** Grid cell values as text: for the screen (shortened), for copying and for export (whole). */
public final class GridCells {

  /** How many characters of a long text the grid shows. */
  public static final int SHOWN_CHARACTERS = 200;

  private static final int SHOWN_BYTES = 16;

  private GridCells() {}

  /** The whole value as text; null for NULL; bytes as {@code \x} and hex digits. */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof byte[] bytes) {
      return "\\x" + HexFormat.of().formatHex(bytes);
    }
    return value.toString();
  }

  /** The value as the grid shows it: NULL spelled out, long text and bytes shortened. */
  public static String shown(Object value) {
    if (value == null) {
      return "NULL";
    }
    if (value instanceof byte[] bytes) {
      String hex = HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, SHOWN_BYTES));
      return "\\x" + hex + (bytes.length > SHOWN_BYTES ? "… (" + bytes.length + " bytes)" : "");
    }
    String text = value.toString().replace('\n', ' ').replace('\r', ' ');
    return text.length() > SHOWN_CHARACTERS
        ? text.substring(0, SHOWN_CHARACTERS) + "… (" + text.length() + " characters)"
        : text;
  }
}
