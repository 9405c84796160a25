package io.clipdeck.ui.comfort;

import io.clipdeck.config.UiState;
import io.clipdeck.ui.fx.TableColumns;
import io.clipdeck.ui.shell.Section;
import io.clipdeck.ui.shell.ShellView;
import io.clipdeck.ui.shell.ShellViewModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.StackPane;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * What makes the main window comfortable: the theme, the keyboard shortcuts and their help overlay,
 * the window's menu, and the window's place, last view and theme remembered between starts.
 */
public final class WindowComforts {

  /** A view's button with this id is what the refresh shortcut presses. */
  public static final String REFRESH_BUTTON_ID = "refreshButton";

  /** A view's text field with this id is where the search shortcut puts the cursor. */
  public static final String SEARCH_FIELD_ID = "searchField";

  private final Stage stage;
  private final ShellView shellView;
  private final ShellViewModel shell;
  private final ThemeSwitcher themes;
  private final Shortcuts shortcuts;
  private final HelpOverlay help;
  private final TableColumns.Memory columns;
  private UiState.Window normalBounds;

  /**
   * @param layer the scene's root stack, holding the shell; the help overlay opens on top of it
   * @param changed called with the state to keep whenever the theme or a key binding changes
   */
  public WindowComforts(
      Stage stage,
      StackPane layer,
      ShellView shellView,
      ShellViewModel shell,
      UiState state,
      Runnable about,
      Consumer<UiState> changed) {
    this.stage = stage;
    this.shellView = shellView;
    this.shell = shell;
    this.themes = new ThemeSwitcher(Theme.ofId(state.theme()));
    this.shortcuts = new Shortcuts(actions(), state.shortcuts());
    this.help = new HelpOverlay(shortcuts, layer);
    this.columns = new TableColumns.Memory(state.tables());
    themes.darkProperty().addListener((observable, was, dark) -> markDark(layer, dark));
    markDark(layer, themes.darkProperty().get());
    themes.themeProperty().addListener((observable, was, now) -> changed.accept(remember()));
    shortcuts.changesProperty().addListener((observable, was, now) -> changed.accept(remember()));
    buildMenu(about);
    restoreWindow(state);
  }

  /** Starts listening to the keyboard of the window's scene. */
  public void install(Scene scene) {
    shortcuts.install(scene);
    columns.installOn(scene);
  }

  public ThemeSwitcher themes() {
    return themes;
  }

  public Shortcuts shortcuts() {
    return shortcuts;
  }

  public HelpOverlay help() {
    return help;
  }

  /**
   * The state to keep now: the window's place, the view, the theme, the key bindings, the tables'
   * columns.
   */
  public UiState remember() {
    UiState.Window bounds =
        normalBounds == null
            ? new UiState.Window(
                stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false)
            : normalBounds;
    return new UiState(
        new UiState.Window(
            bounds.x(), bounds.y(), bounds.width(), bounds.height(), stage.isMaximized()),
        shell.sectionProperty().get().name(),
        null,
        themes.themeProperty().get().id(),
        shortcuts.overrides(),
        columns.layouts());
  }

  private List<ShortcutAction> actions() {
    List<ShortcutAction> actions = new ArrayList<>();
    Section[] sections = Section.values();
    KeyCode[] digits = {
      KeyCode.DIGIT1,
      KeyCode.DIGIT2,
      KeyCode.DIGIT3,
      KeyCode.DIGIT4,
      KeyCode.DIGIT5,
      KeyCode.DIGIT6,
      KeyCode.DIGIT7,
      KeyCode.DIGIT8,
      KeyCode.DIGIT9
    };
    for (int i = 0; i < sections.length && i < digits.length; i++) {
      Section section = sections[i];
      actions.add(
          new ShortcutAction(
              "view." + section.name().toLowerCase(Locale.ROOT),
              "Show " + section.title(),
              new KeyCodeCombination(digits[i], KeyCombination.SHORTCUT_DOWN),
              () -> shell.sectionProperty().set(section)));
    }
    actions.add(
        new ShortcutAction(
            "refresh", "Refresh the view", new KeyCodeCombination(KeyCode.F5), this::refresh));
    actions.add(
        new ShortcutAction(
            "search",
            "Go to the view's search field",
            new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN),
            this::focusSearch));
    actions.add(
        new ShortcutAction(
            "log",
            "Show or hide the log pane",
            new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
            () -> shell.logVisibleProperty().set(!shell.logVisibleProperty().get())));
    actions.add(
        new ShortcutAction(
            "theme",
            "Switch between light and dark",
            new KeyCodeCombination(
                KeyCode.T, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN),
            () -> themes.toggle()));
    actions.add(
        new ShortcutAction(
            "help",
            "Show the keyboard shortcuts",
            new KeyCodeCombination(KeyCode.F1),
            () -> help.toggle()));
    return actions;
  }

  private void refresh() {
    lookup("#" + REFRESH_BUTTON_ID)
        .filter(Button.class::isInstance)
        .map(Button.class::cast)
        .filter(button -> !button.isDisabled() && button.isVisible())
        .ifPresent(Button::fire);
  }

  private void focusSearch() {
    lookup("#" + SEARCH_FIELD_ID)
        .filter(TextInputControl.class::isInstance)
        .ifPresent(
            field -> {
              field.requestFocus();
              ((TextInputControl) field).selectAll();
            });
  }

  private java.util.Optional<Node> lookup(String selector) {
    return shellView.currentView().map((Parent view) -> view.lookup(selector));
  }

  private void buildMenu(Runnable about) {
    Menu theme = new Menu("Theme");
    ToggleGroup group = new ToggleGroup();
    for (Theme choice : Theme.values()) {
      RadioMenuItem item = new RadioMenuItem(choice.label());
      item.setId("theme-" + choice.id());
      item.setToggleGroup(group);
      item.setSelected(choice == themes.themeProperty().get());
      item.setOnAction(event -> themes.themeProperty().set(choice));
      themes.themeProperty().addListener((observable, was, now) -> item.setSelected(now == choice));
      theme.getItems().add(item);
    }
    MenuItem keys = new MenuItem("Keyboard shortcuts");
    keys.setId("menu-shortcuts");
    keys.setOnAction(event -> help.show());
    // The key in the label, not as an accelerator: the scene would fire both the accelerator and
    // the shortcut, and the overlay would open and close on one press.
    keys.textProperty()
        .bind(
            javafx.beans.binding.Bindings.createStringBinding(
                () -> "Keyboard shortcuts (" + shortcuts.keys("help").getDisplayText() + ")",
                shortcuts.changesProperty()));
    MenuItem aboutItem = new MenuItem("About Clipdeck");
    aboutItem.setId("menu-about");
    aboutItem.setOnAction(event -> about.run());
    shellView.menu().getItems().setAll(theme, keys, new SeparatorMenuItem(), aboutItem);
  }

  /** Back where it was, if that place is still on a screen; else the default size, centred. */
  private void restoreWindow(UiState state) {
    state
        .windowBounds()
        .filter(
            bounds ->
                bounds.width() >= stage.getMinWidth()
                    && !Screen.getScreensForRectangle(
                            bounds.x(), bounds.y(), bounds.width(), bounds.height())
                        .isEmpty())
        .ifPresentOrElse(
            bounds -> {
              stage.setX(bounds.x());
              stage.setY(bounds.y());
              stage.setWidth(bounds.width());
              stage.setHeight(bounds.height());
              stage.setMaximized(bounds.maximized());
              normalBounds = bounds;
            },
            () -> {
              // The scene's own size: a window shown before (a stage used again) keeps none of it.
              stage.sizeToScene();
              stage.centerOnScreen();
            });
    // The size to keep is the one before maximising.
    Runnable track =
        () -> {
          if (!stage.isMaximized() && !stage.isIconified() && stage.isShowing()) {
            normalBounds =
                new UiState.Window(
                    stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(), false);
          }
        };
    stage.xProperty().addListener((observable, was, now) -> track.run());
    stage.yProperty().addListener((observable, was, now) -> track.run());
    stage.widthProperty().addListener((observable, was, now) -> track.run());
    stage.heightProperty().addListener((observable, was, now) -> track.run());
  }

  private static void markDark(Parent root, boolean dark) {
    root.getStyleClass().remove("theme-dark");
    if (dark) {
      root.getStyleClass().add("theme-dark");
    }
  }
}
