package io.clipdeck.ui.sql;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.sql.Outcome;
import io.clipdeck.sql.ResultCursor;
import io.clipdeck.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The console's messages: what a statement did, in one line, and the Production question. */
final class OutcomeWords {

  private OutcomeWords() {}

  /** One line for the messages list, e.g. "SELECT …: 12 rows in 3 ms". */
  static String describe(Outcome outcome) {
    return switch (outcome) {
      case ResultCursor cursor -> {
        String time = millis(cursor.firstResponse());
        yield first(cursor.statement())
            + ": "
            + (cursor.exhausted()
                ? cursor.rowsRead() + " rows in " + time
                : cursor.isClosed()
                    ? "first "
                        + cursor.rowsRead()
                        + " rows in "
                        + time
                        + ", then closed: only the last result stays open"
                    : "rows streaming, first answer in " + time);
      }
      case Outcome.Update update ->
          first(update.statement())
              + ": "
              + update.count()
              + " rows affected in "
              + millis(update.elapsed());
      case Outcome.Failure failure ->
          "Error at line " + failure.line() + ": " + failure.message().strip();
    };
  }

  static String productionQuestion(ConnectionProfile profile, List<SqlStatement> writes) {
    return profile.name()
        + " is Production. Run "
        + writes.size()
        + (writes.size() == 1 ? " statement that changes" : " statements that change")
        + " data or schema?\n\n"
        + writes.getFirst().sql();
  }

  /** "name · kind · Environment", the console's header. */
  static String profileLine(ConnectionProfile profile) {
    String environment = profile.environment().name();
    return profile.name()
        + " · "
        + profile.kind().displayName()
        + " · "
        + environment.charAt(0)
        + environment.substring(1).toLowerCase(Locale.ROOT);
  }

  /** The idle-transaction flag: empty until the transaction has been idle for {@code limit}. */
  static String idleWarning(Optional<Duration> idle, Duration limit) {
    return idle.filter(d -> d.compareTo(limit) >= 0)
        .map(
            d ->
                "Transaction open and idle for "
                    + d.toMinutes()
                    + " min: it holds its locks; commit or roll back")
        .orElse("");
  }

  /** The statement's first line, cut at 60 characters. */
  static String first(SqlStatement statement) {
    String line = statement.sql().strip().lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 59) + "…" : line;
  }

  private static String millis(Duration elapsed) {
    return elapsed.toMillis() + " ms";
  }
}
