package io.clipdeck.ui.comfort;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * Applies the chosen {@link Theme} as the application's user-agent stylesheet, so every window the
 * console opens (the main window, dialogs, ControlsFX notifications) gets it, and follows the
 * system's light/dark preference ({@link Platform.Preferences#getColorScheme()}) while the theme is
 * {@link Theme#SYSTEM}. Call on the FX thread.
 */
public final class ThemeSwitcher {

  private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(Theme.SYSTEM);
  private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper();

  public ThemeSwitcher(Theme initial) {
    theme.set(initial);
    theme.addListener((observable, was, now) -> apply());
    Platform.getPreferences().colorSchemeProperty().addListener((observable, was, now) -> apply());
    apply();
  }

  /** The chosen theme; setting it applies it at once. */
  public ObjectProperty<Theme> themeProperty() {
    return theme;
  }

  /** Whether the dark stylesheet is the one applied now (the custom CSS keys off it). */
  public ReadOnlyBooleanProperty darkProperty() {
    return dark.getReadOnlyProperty();
  }

  /** Light to dark and back (the shortcut): from the system's choice it goes to the other one. */
  public void toggle() {
    theme.set(dark.get() ? Theme.LIGHT : Theme.DARK);
  }

  private void apply() {
    boolean useDark =
        switch (theme.get()) {
          case DARK -> true;
          case LIGHT -> false;
          case SYSTEM -> Platform.getPreferences().getColorScheme() == ColorScheme.DARK;
        };
    Application.setUserAgentStylesheet(
        useDark
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
    dark.set(useDark);
  }
}
