package io.clipdeck.sql;

/**
 * One statement of a script, without its delimiter, and where it stands in the script, so that "the
 * statement at the cursor" and a server's error position map back to the editor.
 *
 * @param sql the statement's text, from its first non-blank character (comments before it kept)
 * @param start the offset of {@code sql}'s first character in the script
 * @param end the offset just after {@code sql}'s last character (before the delimiter)
 * @param line the script line {@code sql} starts on, from 1
 */
public record SqlStatement(String sql, int start, int end, int line) {

  /** A statement typed on its own, standing at the start of its own one-statement script. */
  public static SqlStatement of(String sql) {
    return new SqlStatement(sql, 0, sql.length(), 1);
  }
}
