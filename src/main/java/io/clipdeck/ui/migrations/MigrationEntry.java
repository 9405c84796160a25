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
    return state.equals("success");
  }

  public boolean pending() {
    return state.equals("pending");
  }

  /** "V1 clipdeck schema", or the description alone for a row without a version. */
  public String label() {
    return version.isEmpty() ? description : "V" + version + " " + description;
  }

  /** The style class that colours the state: {@code state-success}, {@code state-out-of-order}. */
  public String stateStyle() {
    return styleOf(state);
  }

  static String styleOf(String state) {
    return "state-" + state.toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", "-");
  }
}
