package io.clipdeck.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the console remembers between starts ({@code ui-state.json} in the config directory): the
 * window's place, the last view, the active profile, the theme and the user's own key bindings.
 * Nothing in it is precious: a file that cannot be read is kept aside and the defaults are used.
 *
 * @param window where the window was, or {@code null} for the default size, centred
 * @param lastView the name of the view shown last ({@code DASHBOARD}), or {@code null}
 * @param activeProfile the profile that was active, or {@code null}
 * @param theme {@code system}, {@code light} or {@code dark}
 * @param shortcuts the user's key bindings, action id to key combination ({@code Shortcut+1}); the
 *     actions not named keep their defaults
 * @param tables the columns the user sized or moved, per table ({@code BROWSER/table}); a file
 *     written before Clipdeck remembered them reads as none
 */
public record UiState(
    Window window,
    String lastView,
    String activeProfile,
    String theme,
    Map<String, String> shortcuts,
    Map<String, TableLayout> tables) {

  /** The window's bounds in screen coordinates, and whether it was maximised. */
  public record Window(double x, double y, double width, double height, boolean maximized) {}

  /**
   * One table's columns as the user left them.
   *
   * @param order the columns' keys, left to right
   * @param widths the widths the user set, by column key; columns not named are sized from their
   *     content
   */
  public record TableLayout(List<String> order, Map<String, Double> widths) {
    public TableLayout {
      order = order == null ? List.of() : List.copyOf(order);
      widths = widths == null ? Map.of() : Map.copyOf(widths);
    }
  }

  public static final String THEME_SYSTEM = "system";

  public UiState {
    theme = theme == null || theme.isBlank() ? THEME_SYSTEM : theme;
    shortcuts = shortcuts == null ? Map.of() : Map.copyOf(shortcuts);
    tables = tables == null ? Map.of() : Map.copyOf(tables);
  }

  public static UiState defaults() {
    return new UiState(null, null, null, THEME_SYSTEM, Map.of(), Map.of());
  }

  public Optional<Window> windowBounds() {
    return Optional.ofNullable(window);
  }

  public Optional<String> lastViewName() {
    return Optional.ofNullable(lastView);
  }

  public Optional<String> activeProfileName() {
    return Optional.ofNullable(activeProfile);
  }

  public UiState withWindow(Window value) {
    return new UiState(value, lastView, activeProfile, theme, shortcuts, tables);
  }

  public UiState withLastView(String value) {
    return new UiState(window, value, activeProfile, theme, shortcuts, tables);
  }

  public UiState withActiveProfile(String value) {
    return new UiState(window, lastView, value, theme, shortcuts, tables);
  }

  public UiState withTheme(String value) {
    return new UiState(window, lastView, activeProfile, value, shortcuts, tables);
  }

  public UiState withShortcuts(Map<String, String> value) {
    return new UiState(window, lastView, activeProfile, theme, value, tables);
  }

  public UiState withTables(Map<String, TableLayout> value) {
    return new UiState(window, lastView, activeProfile, theme, shortcuts, value);
  }

  /** These tables with one table's layout replaced. */
  public UiState withTable(String key, TableLayout layout) {
    Map<String, TableLayout> changed = new LinkedHashMap<>(tables);
    changed.put(key, layout);
    return withTables(changed);
  }
}
