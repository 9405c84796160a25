package io.clipdeck.ui;

import io.clipdeck.logging.ProcessStart;
import io.clipdeck.logging.StartupTrace;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how long the console took from process start to its first laid-out window, and to the first
 * frame with the first view in it (the window is shown with a "Loading…" placeholder first, and the
 * view is built right after), the figures the installer's cold-start benchmark reads. With {@code
 * -Dclipdeck.startupMarker=print} the lines also go to standard error; with {@code =exit} the
 * console closes right after the first view's frame, so a script can start the window again and
 * again (a build-time training run for the AOT cache, the start-up benchmark).
 */
final class StartupMarker {

  /** The line scripts look for; the milliseconds follow it. */
  static final String MARKER = "clipdeck-window-shown ms=";

  /** The line for the first frame with the first view in it. */
  static final String VIEW_MARKER = "clipdeck-view-shown ms=";

  private static final Logger log = LoggerFactory.getLogger(StartupMarker.class);
  private static final String PROPERTY = "clipdeck.startupMarker";

  private StartupMarker() {}

  /**
   * Call before {@code stage.show()}: the figure is taken after the first layout pulse; then {@code
   * afterFirstFrame} runs (it builds the first view) and the second figure is taken after the
   * layout pulse that follows.
   */
  static void watch(Stage stage, Runnable afterFirstFrame) {
    String mode = System.getProperty(PROPERTY, "");
    if (stage.isShowing()) {
      // A stage shown before the app's start (a test's primary stage) sends no WINDOW_SHOWN.
      afterFirstLayout(stage.getScene(), mode, afterFirstFrame);
      return;
    }
    stage.addEventHandler(
        WindowEvent.WINDOW_SHOWN,
        new EventHandler<>() {
          @Override
          public void handle(WindowEvent event) {
            stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
            afterFirstLayout(stage.getScene(), mode, afterFirstFrame);
          }
        });
  }

  private static void afterFirstLayout(Scene scene, String mode, Runnable afterFirstFrame) {
    afterNextLayout(
        scene,
        () -> {
          StartupTrace.mark("first frame laid out");
          report(mode, MARKER, "Window shown {} ms after the process started");
          // After the frame is on screen, not inside the pulse that drew it.
          Platform.runLater(
              () -> {
                afterFirstFrame.run();
                afterNextLayout(scene, () -> firstViewShown(mode));
                Platform.requestNextPulse();
              });
        });
    Platform.requestNextPulse();
  }

  private static void firstViewShown(String mode) {
    StartupTrace.mark("first view laid out");
    report(mode, VIEW_MARKER, "First view shown {} ms after the process started");
    if (mode.equals("exit")) {
      Platform.runLater(Platform::exit);
    }
  }

  private static void afterNextLayout(Scene scene, Runnable action) {
    Runnable[] once = new Runnable[1];
    once[0] =
        () -> {
          scene.removePostLayoutPulseListener(once[0]);
          action.run();
        };
    scene.addPostLayoutPulseListener(once[0]);
  }

  private static void report(String mode, String marker, String message) {
    String figure = String.valueOf(ProcessStart.millisSince());
    log.info(message, figure);
    if (mode.equals("print") || mode.equals("exit")) {
      System.err.println(marker + figure);
    }
  }
}
