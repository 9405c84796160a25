package io.clipdeck.ui.dashboard;

/**
 * One server session as the activity table shows it, already in display form.
 *
 * @param severity how long its statement has run against the thresholds
 */
public record SessionRow(
    long id,
    String user,
    String application,
    String state,
    String started,
    String duration,
    String query,
    boolean clipdeck,
    Severity severity) {

  /** A statement's age against the dashboard's warning and alert thresholds. */
  public enum Severity {
    NORMAL,
    WARNING,
    ALERT
  }
}
