package io.clipdeck.sql;

import io.clipdeck.db.DatabaseKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a script into statements the way the dialect's own client does: a delimiter inside a
 * string, a quoted identifier, a comment or a PostgreSQL dollar quote ends nothing. Knows {@code
 * '…'} strings (doubled quotes; backslash escapes on MySQL/MariaDB and in PostgreSQL's {@code
 * E'…'}), {@code "…"} identifiers, {@code `…`} (MySQL/MariaDB, SQLite) and {@code […]} (SQLite),
 * {@code --} and {@code #} (MySQL/MariaDB) line comments, {@code /* *}{@code /} block comments
 * (nested on PostgreSQL), {@code $tag$…$tag$} on PostgreSQL, the {@code DELIMITER} command of the
 * MySQL client, and SQLite's {@code CREATE TRIGGER … BEGIN …; END}.
 *
 * <p>{@link #mask} blanks the strings and comments of a text while keeping every offset, for code
 * that looks for keywords ({@link StatementClassifier}).
 */
public final class SqlSplitter {

  private static final Pattern DELIMITER_COMMAND =
      Pattern.compile("(?i)DELIMITER[ \\t]+(\\S+)[ \\t]*(?:\\R|$)");
  private static final Pattern SQLITE_TRIGGER =
      Pattern.compile("(?is)\\s*CREATE\\s+(?:TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b.*");
  private static final Pattern ENDS_WITH_END = Pattern.compile("(?is).*\\bEND\\s*");

  private SqlSplitter() {}

  /** The statements of {@code script}; blank statements and comment-only ones are left out. */
  public static List<SqlStatement> split(String script, DatabaseKind kind) {
    List<SqlStatement> statements = new ArrayList<>();
    String delimiter = ";";
    int statementStart = 0;
    int i = 0;
    int length = script.length();
    while (i < length) {
      if (kind == DatabaseKind.MYSQL
          && (script.charAt(i) == 'D' || script.charAt(i) == 'd')
          && atStatementStart(script, statementStart, i)) {
        Matcher command = DELIMITER_COMMAND.matcher(script).region(i, length);
        if (command.lookingAt()) {
          delimiter = command.group(1);
          i = command.end();
          statementStart = i;
          continue;
        }
      }
      int skipped = skipQuotedOrComment(script, i, kind);
      if (skipped > i) {
        i = skipped;
        continue;
      }
      if (script.startsWith(delimiter, i)
          && !insideSqliteTrigger(script, statementStart, i, kind)) {
        add(statements, script, statementStart, i, kind);
        i += delimiter.length();
        statementStart = i;
        continue;
      }
      i++;
    }
    add(statements, script, statementStart, length, kind);
    return List.copyOf(statements);
  }

  /**
   * The statement the caret stands in or, between statements, the one just before it; the first
   * when the caret is before them all. Empty list, null.
   */
  public static SqlStatement statementAt(List<SqlStatement> statements, int caret) {
    SqlStatement found = null;
    for (SqlStatement statement : statements) {
      if (statement.start() <= caret || found == null) {
        found = statement;
      }
      if (statement.start() > caret) {
        break;
      }
    }
    return found;
  }

  /** {@code text} with its strings, quoted identifiers and comments replaced by spaces. */
  public static String mask(String text, DatabaseKind kind) {
    StringBuilder masked = new StringBuilder(text);
    int i = 0;
    while (i < text.length()) {
      int skipped = skipQuotedOrComment(text, i, kind);
      if (skipped > i) {
        for (int j = i; j < skipped; j++) {
          if (masked.charAt(j) != '\n') {
            masked.setCharAt(j, ' ');
          }
        }
        i = skipped;
      } else {
        i++;
      }
    }
    return masked.toString();
  }

  private static void add(
      List<SqlStatement> statements, String script, int from, int to, DatabaseKind kind) {
    int start = from;
    while (start < to && Character.isWhitespace(script.charAt(start))) {
      start++;
    }
    int end = to;
    while (end > start && Character.isWhitespace(script.charAt(end - 1))) {
      end--;
    }
    if (start >= end) {
      return;
    }
    String sql = script.substring(start, end);
    if (mask(sql, kind).isBlank()) {
      return;
    }
    statements.add(new SqlStatement(sql, start, end, lineOf(script, start)));
  }

  static int lineOf(String script, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < script.length(); i++) {
      if (script.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  /**
   * Whether {@code i} starts a line and only blanks or comments stand before it in the statement.
   */
  private static boolean atStatementStart(String script, int statementStart, int i) {
    int lineStart = i;
    while (lineStart > 0
        && (script.charAt(lineStart - 1) == ' ' || script.charAt(lineStart - 1) == '\t')) {
      lineStart--;
    }
    if (lineStart > 0 && script.charAt(lineStart - 1) != '\n') {
      return false;
    }
    return mask(script.substring(statementStart, i), DatabaseKind.MYSQL).isBlank();
  }

  private static boolean insideSqliteTrigger(
      String script, int statementStart, int i, DatabaseKind kind) {
    if (kind != DatabaseKind.SQLITE) {
      return false;
    }
    String sofar = mask(script.substring(statementStart, i), kind);
    return SQLITE_TRIGGER.matcher(sofar).matches() && !ENDS_WITH_END.matcher(sofar).matches();
  }

  /**
   * Where the string, quoted identifier or comment starting at {@code i} ends (just after it), or
   * {@code i} when none starts there. An unterminated one runs to the end of the text.
   */
  private static int skipQuotedOrComment(String s, int i, DatabaseKind kind) {
    char c = s.charAt(i);
    char next = i + 1 < s.length() ? s.charAt(i + 1) : '\0';
    boolean mysql = kind == DatabaseKind.MYSQL;
    switch (c) {
      case '\'' -> {
        boolean backslashes =
            mysql
                || (kind == DatabaseKind.POSTGRESQL
                    && i > 0
                    && (s.charAt(i - 1) == 'E' || s.charAt(i - 1) == 'e')
                    && (i < 2 || !Character.isLetterOrDigit(s.charAt(i - 2))));
        return endOfQuoted(s, i, '\'', backslashes);
      }
      case '"' -> {
        return endOfQuoted(s, i, '"', mysql);
      }
      case '`' -> {
        return kind == DatabaseKind.POSTGRESQL ? i : endOfQuoted(s, i, '`', false);
      }
      case '[' -> {
        if (kind != DatabaseKind.SQLITE) {
          return i;
        }
        int close = s.indexOf(']', i + 1);
        return close < 0 ? s.length() : close + 1;
      }
      case '-' -> {
        return next == '-' ? endOfLine(s, i) : i;
      }
      case '#' -> {
        return mysql ? endOfLine(s, i) : i;
      }
      case '/' -> {
        return next == '*' ? endOfBlockComment(s, i, kind == DatabaseKind.POSTGRESQL) : i;
      }
      case '$' -> {
        return kind == DatabaseKind.POSTGRESQL ? endOfDollarQuote(s, i) : i;
      }
      default -> {
        return i;
      }
    }
  }

  private static int endOfQuoted(String s, int i, char quote, boolean backslashes) {
    int j = i + 1;
    while (j < s.length()) {
      char c = s.charAt(j);
      if (backslashes && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < s.length() && s.charAt(j + 1) == quote) {
          j += 2;
        } else {
          return j + 1;
        }
      } else {
        j++;
      }
    }
    return s.length();
  }

  private static int endOfLine(String s, int i) {
    int newline = s.indexOf('\n', i);
    return newline < 0 ? s.length() : newline;
  }

  private static int endOfBlockComment(String s, int i, boolean nested) {
    int depth = 1;
    int j = i + 2;
    while (j < s.length()) {
      if (nested && s.startsWith("/*", j)) {
        depth++;
        j += 2;
      } else if (s.startsWith("*/", j)) {
        depth--;
        j += 2;
        if (depth == 0) {
          return j;
        }
      } else {
        j++;
      }
    }
    return s.length();
  }

  private static int endOfDollarQuote(String s, int i) {
    // $tag$ where tag is empty or an identifier not starting with a digit; "$1" is a parameter, and
    // a '$' inside an identifier (PostgreSQL allows it) starts nothing.
    if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
      return i;
    }
    int j = i + 1;
    if (j < s.length() && Character.isDigit(s.charAt(j))) {
      return i;
    }
    while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
      j++;
    }
    if (j >= s.length() || s.charAt(j) != '$') {
      return i;
    }
    String tag = s.substring(i, j + 1);
    int close = s.indexOf(tag, j + 1);
    return close < 0 ? s.length() : close + tag.length();
  }

  /** The first word of a statement's code, upper case, or "". */
  static String firstWord(String maskedSql) {
    Matcher word = Pattern.compile("[A-Za-z_]+").matcher(maskedSql);
    return word.find() ? word.group().toUpperCase(Locale.ROOT) : "";
  }
}
