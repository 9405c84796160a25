package io.clipdeck.ui.comfort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.scene.Scene;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The main window's key bindings: each {@link ShortcutAction} with its default keys or the user's
 * own, matched on every key press of the scene before the focused control sees it.
 */
public final class Shortcuts {

  private static final Logger log = LoggerFactory.getLogger(Shortcuts.class);

  private final List<ShortcutAction> actions;
  private final Map<String, KeyCombination> bindings = new LinkedHashMap<>();
  private final ReadOnlyIntegerWrapper changes = new ReadOnlyIntegerWrapper();
  private boolean paused;

  /**
   * @param saved the user's bindings from {@code ui-state.json}, action id to key name; an unknown
   *     action or an unreadable key is left out (and logged), the default stays
   */
  public Shortcuts(List<ShortcutAction> actions, Map<String, String> saved) {
    this.actions = List.copyOf(actions);
    actions.forEach(action -> bindings.put(action.id(), action.defaultKeys()));
    saved.forEach(
        (id, keys) -> {
          if (!bindings.containsKey(id)) {
            log.warn("Key binding for unknown action '{}' ignored", id);
            return;
          }
          try {
            bindings.put(id, KeyCombination.valueOf(keys));
          } catch (IllegalArgumentException e) {
            log.warn("Key binding '{}' for '{}' is not a key combination; default kept", keys, id);
          }
        });
  }

  public List<ShortcutAction> actions() {
    return actions;
  }

  public KeyCombination keys(String actionId) {
    return bindings.get(actionId);
  }

  /** Counts changes of the bindings, for whoever shows or saves them. */
  public ReadOnlyIntegerProperty changesProperty() {
    return changes.getReadOnlyProperty();
  }

  /** Matches key presses on {@code scene} from now on. */
  public void install(Scene scene) {
    scene.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
  }

  /** While the help overlay listens for a new binding, no shortcut fires. */
  public void pause(boolean pause) {
    this.paused = pause;
  }

  /**
   * Binds {@code keys} to the action. Refused (with the reason) when another action already has
   * them: one key, one action.
   */
  public Optional<String> rebind(String actionId, KeyCombination keys) {
    for (ShortcutAction other : actions) {
      // Compared as shown: Ctrl+2 pressed and the default Shortcut+2 are the same keys on Linux.
      if (!other.id().equals(actionId)
          && keys.getDisplayText().equals(bindings.get(other.id()).getDisplayText())) {
        return Optional.of(
            keys.getDisplayText()
                + " is already the key for \u201c"
                + other.description()
                + "\u201d");
      }
    }
    bindings.put(actionId, keys);
    changes.set(changes.get() + 1);
    return Optional.empty();
  }

  public void reset(String actionId) {
    actions.stream()
        .filter(action -> action.id().equals(actionId))
        .findFirst()
        .ifPresent(action -> rebind(actionId, action.defaultKeys()));
  }

  /** The bindings that differ from the defaults, as {@code ui-state.json} keeps them. */
  public Map<String, String> overrides() {
    Map<String, String> changed = new LinkedHashMap<>();
    for (ShortcutAction action : actions) {
      KeyCombination keys = bindings.get(action.id());
      if (!keys.equals(action.defaultKeys())) {
        changed.put(action.id(), keys.getName());
      }
    }
    return changed;
  }

  private void onKey(KeyEvent event) {
    if (paused) {
      return;
    }
    for (ShortcutAction action : actions) {
      if (bindings.get(action.id()).match(event)) {
        event.consume();
        action.action().run();
        return;
      }
    }
  }
}
