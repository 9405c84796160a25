package io.clipdeck.ui.comfort;

import io.clipdeck.logging.LogBuffer;
import io.clipdeck.ui.fx.DialogService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Every error the console logs also appears as a notification, with its details (logger, time, the
 * log file) behind "Details"; uncaught exceptions are logged first, so they do too, instead of a
 * stack trace on the terminal. A burst of errors makes one notification, not a stack of them.
 */
public final class ErrorNotices {

  private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ErrorNotices.class);
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

  private final DialogService dialogs;
  private final Executor fx;
  private final Path logFile;
  private final AtomicReference<Instant> lastShown = new AtomicReference<>(Instant.EPOCH);

  private ErrorNotices(DialogService dialogs, Executor fx, Path logFile) {
    this.dialogs = dialogs;
    this.fx = fx;
    this.logFile = logFile;
  }

  /**
   * Starts notifying; also takes over uncaught exceptions (logged with their stack, shown short).
   */
  public static ErrorNotices install(
      LogBuffer logBuffer, DialogService dialogs, Executor fx, Path logFile) {
    ErrorNotices notices = new ErrorNotices(dialogs, fx, logFile);
    logBuffer.addListener(notices::onLog);
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) ->
            log.error(
                "Unexpected error on {}: {}",
                thread.getName(),
                error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage(),
                error));
    return notices;
  }

  private void onLog(LogBuffer.Entry entry) {
    if (!entry.level().equals("ERROR")) {
      return;
    }
    Instant previous = lastShown.get();
    if (entry.time().isBefore(previous.plus(QUIET))
        || !lastShown.compareAndSet(previous, entry.time())) {
      return; // the notification on screen already says where to look
    }
    String details =
        TIME.format(entry.time())
            + "  "
            + entry.logger()
            + "\n"
            + entry.message()
            + "\n\nThe log pane shows what led to it; the full log, with stack traces, is "
            + logFile;
    fx.execute(() -> dialogs.error("Something went wrong", entry.message(), details));
  }
}
