package io.clipdeck.ui.sql;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.sql.SqlSplitter;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/** SQL keyword highlighting and bracket matching for a {@link CodeArea}. */
final class SqlHighlighter {

  private static final String KEYWORDS =
      String.join(
          "|",
          "SELECT",
          "FROM",
          "WHERE",
          "AND",
          "OR",
          "NOT",
          "NULL",
          "IS",
          "IN",
          "EXISTS",
          "BETWEEN",
          "LIKE",
          "ILIKE",
          "AS",
          "ON",
          "JOIN",
          "LEFT",
          "RIGHT",
          "INNER",
          "OUTER",
          "FULL",
          "CROSS",
          "LATERAL",
          "GROUP",
          "BY",
          "ORDER",
          "HAVING",
          "LIMIT",
          "OFFSET",
          "UNION",
          "ALL",
          "DISTINCT",
          "INTERSECT",
          "EXCEPT",
          "WITH",
          "RECURSIVE",
          "INSERT",
          "INTO",
          "VALUES",
          "UPDATE",
          "SET",
          "DELETE",
          "RETURNING",
          "CREATE",
          "ALTER",
          "DROP",
          "TABLE",
          "VIEW",
          "INDEX",
          "SEQUENCE",
          "FUNCTION",
          "PROCEDURE",
          "TRIGGER",
          "SCHEMA",
          "DATABASE",
          "IF",
          "PRIMARY",
          "KEY",
          "FOREIGN",
          "REFERENCES",
          "UNIQUE",
          "CHECK",
          "DEFAULT",
          "CONSTRAINT",
          "CASE",
          "WHEN",
          "THEN",
          "ELSE",
          "END",
          "BEGIN",
          "COMMIT",
          "ROLLBACK",
          "TRANSACTION",
          "EXPLAIN",
          "ANALYZE",
          "SHOW",
          "TRUE",
          "FALSE",
          "ASC",
          "DESC",
          "CAST",
          "TRUNCATE",
          "GRANT",
          "REVOKE",
          "PRAGMA",
          "REPLACE",
          "MERGE",
          "USING",
          "WINDOW",
          "OVER",
          "PARTITION");
  private static final Pattern TOKENS =
      Pattern.compile(
          "(?<COMMENT>--[^\\n]*|/\\*(?s:.*?)(?:\\*/|$))"
              + "|(?<STRING>'(?:[^']|'')*(?:'|$))"
              + "|(?<QUOTED>\"(?:[^\"]|\"\")*(?:\"|$)|`[^`]*(?:`|$))"
              + "|(?<KEYWORD>(?i)\\b(?:"
              + KEYWORDS
              + ")\\b)"
              + "|(?<NUMBER>\\b\\d+(?:\\.\\d+)?\\b)");

  private SqlHighlighter() {}

  /** Styles the whole text, then the bracket at the caret and its partner. */
  static void apply(CodeArea area) {
    String text = area.getText();
    area.setStyleSpans(0, spans(text));
    int[] pair = matchingBrackets(text, area.getCaretPosition());
    if (pair != null) {
      area.setStyle(pair[0], pair[0] + 1, List.of("sql-bracket"));
      area.setStyle(pair[1], pair[1] + 1, List.of("sql-bracket"));
    }
  }

  static StyleSpans<Collection<String>> spans(String text) {
    StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
    Matcher matcher = TOKENS.matcher(text);
    int last = 0;
    while (matcher.find()) {
      String style =
          matcher.group("COMMENT") != null
              ? "sql-comment"
              : matcher.group("STRING") != null
                  ? "sql-string"
                  : matcher.group("KEYWORD") != null
                      ? "sql-keyword"
                      : matcher.group("NUMBER") != null ? "sql-number" : null;
      spans.add(List.of(), matcher.start() - last);
      spans.add(style == null ? List.of() : List.of(style), matcher.end() - matcher.start());
      last = matcher.end();
    }
    spans.add(List.of(), text.length() - last);
    return spans.create();
  }

  /**
   * The bracket next to the caret (after it, else before it) and its partner, skipping brackets in
   * strings and comments; null when there is none or it has no partner.
   */
  static int[] matchingBrackets(String text, int caret) {
    String code = SqlSplitter.mask(text, DatabaseKind.POSTGRESQL);
    for (int at : new int[] {caret, caret - 1}) {
      if (at < 0 || at >= code.length()) {
        continue;
      }
      char c = code.charAt(at);
      int step = c == '(' || c == '[' ? 1 : c == ')' || c == ']' ? -1 : 0;
      if (step == 0) {
        continue;
      }
      char open = c == '(' || c == ')' ? '(' : '[';
      char close = open == '(' ? ')' : ']';
      int depth = 0;
      for (int i = at; i >= 0 && i < code.length(); i += step) {
        char here = code.charAt(i);
        if (here == open) {
          depth += step;
        } else if (here == close) {
          depth -= step;
        }
        if (depth == 0) {
          return new int[] {at, i};
        }
      }
    }
    return null;
  }
}
