package io.clipdeck.migrate;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a down script into statements. The rule, documented for users: a statement ends with a
 * semicolon at the end of a line; lines starting with {@code --} are comments. Function bodies
 * between {@code $$} quotes are kept whole.
 */
final class SqlScript {

  private SqlScript() {}

  /** A statement and the script line it starts on. */
  record Statement(String sql, int line) {}

  static List<Statement> split(String script) {
    List<Statement> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int start = 0;
    boolean inDollarQuote = false;
    String[] lines = script.split("\\R", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (current.isEmpty() && (trimmed.isEmpty() || trimmed.startsWith("--"))) {
        continue;
      }
      if (current.isEmpty()) {
        start = i + 1;
      }
      current.append(line).append('\n');
      int dollars = line.split("\\$\\$", -1).length - 1;
      if (dollars % 2 == 1) {
        inDollarQuote = !inDollarQuote;
      }
      if (!inDollarQuote && trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(new Statement(sql.substring(0, sql.length() - 1).strip(), start));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(new Statement(current.toString().strip(), start));
    }
    return statements;
  }
}
