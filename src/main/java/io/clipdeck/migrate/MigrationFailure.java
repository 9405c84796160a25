package io.clipdeck.migrate;

import java.util.List;

/**
 * Why a migrate run stopped, with what a user needs to fix it.
 *
 * @param kind a migration that failed, a history that did not validate (nothing ran), or a run that
 *     was interrupted earlier
 * @param version the failed migration's version; empty for a repeatable migration
 * @param script the failed migration's file, as found in its location
 * @param statement the statement the database refused, as written in the script
 * @param line the statement's first line in the script; 0 when unknown
 * @param message the database's message, or the validation problems one per line
 * @param leftBehind what the failed migration itself changed before it stopped (databases without
 *     transactional DDL keep it); empty when everything was rolled back
 * @param nextStep what to do now
 */
public record MigrationFailure(
    Kind kind,
    String version,
    String script,
    String statement,
    int line,
    String message,
    List<String> leftBehind,
    String nextStep) {

  /** What stopped the run. */
  public enum Kind {
    /** A migration's script failed. */
    MIGRATION,
    /** The applied migrations disagree with their files: migrate refused to start. */
    VALIDATION,
    /** A run died mid-script on a database without transactional DDL. */
    INTERRUPTED
  }

  public MigrationFailure {
    leftBehind = List.copyOf(leftBehind);
  }

  public MigrationFailure(
      String version,
      String script,
      String statement,
      int line,
      String message,
      List<String> leftBehind,
      String nextStep) {
    this(Kind.MIGRATION, version, script, statement, line, message, leftBehind, nextStep);
  }

  /** "V1.1" or "repeatable migration" for a migration without a version. */
  public String name() {
    return version.isEmpty() ? "Repeatable migration" : "Migration V" + version;
  }

  /** One paragraph for a log line or the command line. */
  public String describe() {
    StringBuilder text = new StringBuilder();
    if (kind == Kind.VALIDATION) {
      text.append("Migrate refused, nothing was run: the applied migrations do not match their")
          .append(" files (validation failed):");
      message.lines().forEach(problem -> text.append("\n  ").append(problem));
      return text.append("\n  next: ").append(nextStep).toString();
    }
    if (kind == Kind.INTERRUPTED) {
      text.append(message);
    } else {
      text.append(name()).append(" (").append(script).append(") failed");
      if (line > 0) {
        text.append(" at line ").append(line);
      }
      text.append(": ").append(message);
    }
    if (!statement.isBlank()) {
      text.append("\n  statement: ").append(statement.strip());
    }
    if (!leftBehind.isEmpty()) {
      text.append("\n  left behind: ").append(String.join("; ", leftBehind));
    }
    return text.append("\n  next: ").append(nextStep).toString();
  }
}
