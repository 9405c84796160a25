package io.clipdeck.ui.comfort;

import java.util.Arrays;
import java.util.Locale;

/** The console's look: AtlantaFX's Primer light or dark, or whichever the system prefers. */
public enum Theme {
  SYSTEM("System"),
  LIGHT("Light"),
  DARK("Dark");

  private final String label;

  Theme(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** The id kept in {@code ui-state.json}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The theme with this id; an unknown one (a hand-edited file) follows the system. */
  public static Theme ofId(String id) {
    return Arrays.stream(values())
        .filter(theme -> theme.id().equals(id))
        .findFirst()
        .orElse(SYSTEM);
  }
}
