package io.clipdeck.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The console's log file, {@code <data>/logs/clipdeck.log}: every line at INFO and above, with
 * stack traces, rolled over daily and at 10 MiB into {@code clipdeck-<date>.<n>.log.gz}, at most 14
 * days and 100 MiB kept. Made here rather than in {@code logback.xml} because the directory is the
 * user's (or a test's) data directory, known only at run time.
 */
public final class LogFile implements AutoCloseable {

  static final String MAX_FILE_SIZE = "10MB";
  static final int MAX_DAYS = 14;
  static final String TOTAL_SIZE_CAP = "100MB";

  private final Path file;
  private final Optional<RollingFileAppender<ILoggingEvent>> appender;

  private LogFile(Path file, Optional<RollingFileAppender<ILoggingEvent>> appender) {
    this.file = file;
    this.appender = appender;
  }

  /** Starts writing the running Logback context's events to {@code directory/clipdeck.log}. */
  public static LogFile open(Path directory) {
    Path file = directory.resolve("clipdeck.log");
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return new LogFile(file, Optional.empty());
    }
    RollingFileAppender<ILoggingEvent> appender = new RollingFileAppender<>();
    appender.setContext(context);
    appender.setName("clipdeck-log-file");
    appender.setFile(file.toString());

    SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
    policy.setContext(context);
    policy.setParent(appender);
    policy.setFileNamePattern(directory.resolve("clipdeck-%d{yyyy-MM-dd}.%i.log.gz").toString());
    policy.setMaxFileSize(FileSize.valueOf(MAX_FILE_SIZE));
    policy.setMaxHistory(MAX_DAYS);
    policy.setTotalSizeCap(FileSize.valueOf(TOTAL_SIZE_CAP));
    policy.start();

    PatternLayoutEncoder encoder = new PatternLayoutEncoder();
    encoder.setContext(context);
    encoder.setPattern("%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n");
    encoder.start();

    appender.setRollingPolicy(policy);
    appender.setEncoder(encoder);
    appender.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    return new LogFile(file, Optional.of(appender));
  }

  /** Where the current log is written (older ones are beside it, compressed). */
  public Path file() {
    return file;
  }

  @Override
  public void close() {
    appender.ifPresent(
        open -> {
          if (open.getContext() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(open);
          }
          open.stop();
        });
  }
}
