package io.clipdeck.ui;

import javafx.application.Application;

/** Starts the console's window; the only way {@code Main} reaches JavaFX. */
public final class ClipdeckGui {

  private ClipdeckGui() {}

  public static void launch() {
    Application.launch(ClipdeckApp.class);
  }
}
