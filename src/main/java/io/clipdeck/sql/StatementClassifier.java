package io.clipdeck.sql;

import io.clipdeck.db.DatabaseKind;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tells statements that only read from statements that may change data or schema, so a Production
 * console can ask first. Deliberately cautious: whatever it does not know to be a read counts as a
 * write.
 */
public final class StatementClassifier {

  private static final Set<String> READS =
      Set.of("SELECT", "SHOW", "VALUES", "TABLE", "DESCRIBE", "DESC", "HELP");
  private static final Pattern WRITE_WORD =
      Pattern.compile(
          "(?i)\\b(INSERT|UPDATE|DELETE|MERGE|REPLACE|UPSERT|CREATE|ALTER|DROP|TRUNCATE|GRANT"
              + "|REVOKE|CALL|DO|LOCK|COPY)\\b");
  private static final Pattern SELECT_INTO =
      Pattern.compile("(?is)^\\s*SELECT\\b.*\\bINTO\\b(?!\\s+(@|OUTFILE|DUMPFILE))");
  private static final Pattern EXPLAIN_PREFIX =
      Pattern.compile(
          "(?is)^\\s*EXPLAIN\\s*(?:\\([^)]*\\))?\\s*"
              + "(?:(?:ANALYZE|ANALYSE|VERBOSE|EXTENDED|PARTITIONS|FORMAT\\s*=\\s*\\w+)\\s+)*");
  private static final Pattern ANALYZE_WORD = Pattern.compile("(?i)\\bANALY[SZ]E\\b");

  private StatementClassifier() {}

  /** Whether {@code sql} only reads (SELECT, SHOW, EXPLAIN of a read, WITH … SELECT, …). */
  public static boolean isRead(String sql, DatabaseKind kind) {
    String code = SqlSplitter.mask(sql, kind);
    String first = SqlSplitter.firstWord(code);
    if (first.equals("EXPLAIN")) {
      var prefix = EXPLAIN_PREFIX.matcher(code);
      if (kind == DatabaseKind.SQLITE || !prefix.lookingAt()) {
        return true;
      }
      boolean runs = ANALYZE_WORD.matcher(prefix.group()).find();
      return !runs || isRead(code.substring(prefix.end()), kind);
    }
    if (first.equals("ANALYZE") && kind == DatabaseKind.MYSQL) {
      // MariaDB's ANALYZE <statement> runs it: as safe as what it runs.
      String explained = code.replaceFirst("(?is)^\\s*ANALYZE\\s+(FORMAT\\s*=\\s*\\w+\\s+)?", "");
      return !SqlSplitter.firstWord(explained).equals("TABLE") && isRead(explained, kind);
    }
    if (first.equals("PRAGMA")) {
      return kind == DatabaseKind.SQLITE && !code.contains("=") && !code.contains("(");
    }
    if (first.equals("WITH")) {
      return !WRITE_WORD.matcher(code).find() && !SELECT_INTO.matcher(code).find();
    }
    if (first.equals("SELECT")) {
      return !SELECT_INTO.matcher(code).find()
          && !code.toUpperCase(Locale.ROOT).contains("NEXTVAL");
    }
    return READS.contains(first);
  }

  /** Whether {@code sql} may change data or schema: not {@link #isRead}. */
  public static boolean writes(String sql, DatabaseKind kind) {
    return !isRead(sql, kind);
  }

  /** Whether a COMMIT or ROLLBACK typed as SQL ends the transaction, as the buttons do. */
  static boolean endsTransaction(String sql, DatabaseKind kind) {
    String code = SqlSplitter.mask(sql, kind).strip().toUpperCase(java.util.Locale.ROOT);
    return switch (SqlSplitter.firstWord(code)) {
      case "COMMIT", "END", "ABORT" -> true;
      case "ROLLBACK" -> !code.matches("(?s)ROLLBACK\\s+(WORK\\s+)?TO\\b.*");
      default -> false;
    };
  }
}
