package io.clipdeck.ui.comfort;

import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The keyboard shortcuts over the window (F1): every action with its keys, and Change / Reset to
 * rebind one. Change listens for the next key combination; Escape cancels it, or closes the
 * overlay.
 */
public final class HelpOverlay {

  private final Shortcuts shortcuts;
  private final StackPane layer;
  private final StackPane backdrop = new StackPane();
  private final GridPane grid = new GridPane();
  private final Label message = new Label();
  private String capturing;

  /**
   * @param layer the stack the window's content is in; the overlay goes on top of it while open
   */
  public HelpOverlay(Shortcuts shortcuts, StackPane layer) {
    this.shortcuts = shortcuts;
    this.layer = layer;
    Label title = new Label("Keyboard shortcuts");
    title.getStyleClass().add("view-title");
    Label hint =
        new Label("Change, then press the new keys (Escape cancels). Esc or F1 closes this.");
    hint.getStyleClass().add("view-subtitle");
    message.getStyleClass().add("status-error");
    Button close = new Button("Close");
    close.setId("helpCloseButton");
    close.setOnAction(event -> hide());
    HBox buttons = new HBox(close);
    buttons.setAlignment(Pos.CENTER_RIGHT);
    ColumnConstraints what = new ColumnConstraints();
    what.setHgrow(Priority.ALWAYS);
    ColumnConstraints keys = new ColumnConstraints(130);
    keys.setHalignment(HPos.LEFT);
    grid.getColumnConstraints().addAll(what, keys);
    grid.setHgap(12);
    grid.setVgap(6);
    VBox card = new VBox(10, title, hint, grid, message, buttons);
    card.getStyleClass().add("help-card");
    card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    backdrop.getStyleClass().add("help-overlay");
    backdrop.setId("helpOverlay");
    backdrop.getChildren().add(card);
    backdrop.setOnMouseClicked(
        event -> {
          if (event.getTarget() == backdrop) {
            hide();
          }
        });
    backdrop.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    shortcuts.changesProperty().addListener((observable, was, now) -> fill());
  }

  public boolean isShowing() {
    return layer.getChildren().contains(backdrop);
  }

  public void toggle() {
    if (isShowing()) {
      hide();
    } else {
      show();
    }
  }

  public void show() {
    fill();
    if (!isShowing()) {
      layer.getChildren().add(backdrop);
    }
    backdrop.requestFocus();
  }

  public void hide() {
    stopCapture();
    layer.getChildren().remove(backdrop);
  }

  private void fill() {
    grid.getChildren().clear();
    int row = 0;
    for (ShortcutAction action : shortcuts.actions()) {
      Label description = new Label(action.description());
      boolean listening = action.id().equals(capturing);
      Label keys =
          new Label(listening ? "press keys…" : shortcuts.keys(action.id()).getDisplayText());
      keys.getStyleClass().add(listening ? "shortcut-listening" : "shortcut-keys");
      Button change = new Button("Change");
      change.setId("change-" + action.id().replace('.', '-'));
      change.setOnAction(event -> startCapture(action.id()));
      Button reset = new Button("Reset");
      reset.setDisable(shortcuts.keys(action.id()).equals(action.defaultKeys()));
      reset.setOnAction(event -> shortcuts.reset(action.id()));
      grid.addRow(row++, description, keys, change, reset);
    }
  }

  private void startCapture(String actionId) {
    capturing = actionId;
    message.setText("");
    shortcuts.pause(true);
    fill();
    backdrop.requestFocus();
  }

  private void stopCapture() {
    capturing = null;
    shortcuts.pause(false);
  }

  private void onKey(KeyEvent event) {
    if (capturing == null) {
      if (event.getCode() == KeyCode.ESCAPE) {
        event.consume();
        hide();
      }
      return;
    }
    event.consume();
    if (event.getCode() == KeyCode.ESCAPE) {
      stopCapture();
      fill();
      return;
    }
    if (event.getCode().isModifierKey() || event.getCode() == KeyCode.UNDEFINED) {
      return; // wait for the key that goes with them
    }
    String actionId = capturing;
    stopCapture();
    message.setText(shortcuts.rebind(actionId, combination(event)).orElse(""));
    fill();
  }

  /** The pressed key with its modifiers; Ctrl on Linux and Windows, Cmd on a Mac is "Shortcut". */
  private static KeyCombination combination(KeyEvent event) {
    return new KeyCodeCombination(
        event.getCode(),
        event.isShiftDown() ? KeyCombination.ModifierValue.DOWN : KeyCombination.ModifierValue.UP,
        event.isControlDown() ? KeyCombination.ModifierValue.DOWN : KeyCombination.ModifierValue.UP,
        event.isAltDown() ? KeyCombination.ModifierValue.DOWN : KeyCombination.ModifierValue.UP,
        event.isMetaDown() ? KeyCombination.ModifierValue.DOWN : KeyCombination.ModifierValue.UP,
        KeyCombination.ModifierValue.UP);
  }
}
