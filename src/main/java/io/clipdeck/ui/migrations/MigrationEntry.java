package io.clipdeck.ui.migrations;

import java.util.Locale;

/**
 * One line of the migrations table, already in display form.
 *
 * @param state Flyway's state in words: pending, success, failed, missing, …
 * @param script the script's file name, to show it and its down script
 */
public record MigrationEntry(
    String version,
    String description,
    String state,
    String installedOn,
    String time,
    boolean downScript,
    String script) {

  public boolean applied() {
    return state.equals("success") || state.equals("out of order");
  }

  public boolean pending() {
    return state.equals("pending");
  }

  /** "V1 clipdeck schema", or "R order summary" for a repeatable migration (no version). */
  public String label() {
    return version.isEmpty() ? "R " + description : "V" + version + " " + description;
  }

  /** What tells rows apart: the version, or a repeatable migration's script. */
  public String key() {
    return version.isEmpty() ? "R:" + script : version;
  }

  /** The style class that colours the state: {@code state-success}, {@code state-out-of-order}. */
  public String stateStyle() {
    return styleOf(state);
  }

  static String styleOf(String state) {
    return "state-" + state.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-");
  }
}
