package io.clipdeck;

import io.clipdeck.cli.ClipdeckCommand;
import io.clipdeck.logging.StartupTrace;
import io.clipdeck.ui.ClipdeckGui;

/**
 * The launcher: the console's window with no arguments, a headless command with arguments. It does
 * not extend JavaFX's Application, so it starts from a plain class path, a jar or jpackage alike.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    StartupTrace.mark("main");
    if (args.length == 0) {
      ClipdeckGui.launch();
    } else {
      System.exit(ClipdeckCommand.execute(args));
    }
  }
}
