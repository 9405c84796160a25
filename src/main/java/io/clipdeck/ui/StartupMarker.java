package io.clipdeck.ui;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import javafx.application.Platform;
import javafx.event.EventHandler;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs how long the console took from process start to its first laid-out window, the figure the
 * installer's cold-start benchmark reads. With {@code -Dclipdeck.startupMarker=print} the line also
 * goes to standard error; with {@code =exit} the console closes right after it, so a script can
 * start the window again and again (a build-time training run for the class-data-sharing archive,
 * the start-up benchmark).
 */
final class StartupMarker {

  /** The line scripts look for; the milliseconds follow it. */
  static final String MARKER = "clipdeck-window-shown ms=";

  private static final Logger log = LoggerFactory.getLogger(StartupMarker.class);
  private static final String PROPERTY = "clipdeck.startupMarker";

  private StartupMarker() {}

  /** Call before {@code stage.show()}: the figure is taken after the first layout pulse. */
  static void watch(Stage stage) {
    String mode = System.getProperty(PROPERTY, "");
    stage.addEventHandler(
        WindowEvent.WINDOW_SHOWN,
        new EventHandler<>() {
          @Override
          public void handle(WindowEvent event) {
            stage.removeEventHandler(WindowEvent.WINDOW_SHOWN, this);
            Runnable[] once = new Runnable[1];
            once[0] =
                () -> {
                  stage.getScene().removePostLayoutPulseListener(once[0]);
                  report(mode);
                };
            stage.getScene().addPostLayoutPulseListener(once[0]);
          }
        });
  }

  private static void report(String mode) {
    Optional<Long> millis = sinceProcessStart();
    String figure = millis.map(String::valueOf).orElse("unknown");
    log.info("Window shown {} ms after the process started", figure);
    if (mode.equals("print") || mode.equals("exit")) {
      System.err.println(MARKER + figure);
    }
    if (mode.equals("exit")) {
      // After the frame is on screen, not inside the pulse that drew it.
      Platform.runLater(Platform::exit);
    }
  }

  /** Process start as the OS recorded it (so the native launcher and JVM boot count too). */
  private static Optional<Long> sinceProcessStart() {
    return ProcessHandle.current()
        .info()
        .startInstant()
        .map(start -> Duration.between(start, Instant.now()).toMillis());
  }
}
