package io.clipdeck.migrate;

import java.util.List;

/**
 * Why a migration failed, with what a user needs to fix it.
 *
 * @param statement the statement the database refused, as written in the script
 * @param line the statement's first line in the script; 0 when unknown
 * @param leftBehind what the failed migration changed before it stopped (databases without
 *     transactional DDL keep it); empty when everything was rolled back
 * @param nextStep what to do now
 */
public record MigrationFailure(
    String version,
    String script,
    String statement,
    int line,
    String message,
    List<String> leftBehind,
    String nextStep) {

  public MigrationFailure {
    leftBehind = List.copyOf(leftBehind);
  }

  /** One paragraph for a log line or the command line. */
  public String describe() {
    StringBuilder text =
        new StringBuilder("Migration ")
            .append(version)
            .append(" (")
            .append(script)
            .append(") failed");
    if (line > 0) {
      text.append(" at line ").append(line);
    }
    text.append(": ").append(message);
    if (!statement.isBlank()) {
      text.append("\n  statement: ").append(statement.strip());
    }
    if (!leftBehind.isEmpty()) {
      text.append("\n  left behind: ").append(String.join("; ", leftBehind));
    }
    return text.append("\n  next: ").append(nextStep).toString();
  }
}
