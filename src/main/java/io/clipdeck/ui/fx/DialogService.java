package io.clipdeck.ui.fx;

/**
 * Questions and notices a view model needs from the user, without knowing about windows. The app
 * shows JavaFX dialogs; tests answer directly.
 */
public interface DialogService {

  /** Asks a yes/no question; true when the user confirms. Call on the FX thread. */
  boolean confirm(String title, String question, String confirmLabel);

  /**
   * Asks the user to type {@code expected} to confirm something dangerous (a Production profile).
   */
  boolean confirmByTyping(String title, String question, String expected);

  /** Tells the user something happened (an alert), without waiting for an answer. */
  void notify(String title, String message);

  /**
   * Tells the user something failed, with the details (what failed, where the log is) one click
   * away, never a stack trace on screen. Without waiting for an answer.
   */
  default void error(String title, String message, String details) {
    notify(title, message);
  }
}
