package io.clipdeck.ui.comfort;

import javafx.scene.input.KeyCombination;

/**
 * Something the keyboard can do in the main window.
 *
 * @param id the name kept in {@code ui-state.json} when the user rebinds it ({@code
 *     view.dashboard})
 * @param description what the help overlay says it does
 * @param defaultKeys its binding until the user changes it
 */
public record ShortcutAction(
    String id, String description, KeyCombination defaultKeys, Runnable action) {}
