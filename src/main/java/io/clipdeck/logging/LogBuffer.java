package io.clipdeck.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest log lines in memory for the console's log pane. Attach it to the root logger
 * while the application runs; it holds at most {@code capacity} entries.
 */
public final class LogBuffer implements AutoCloseable {

  /** One log line as the log pane shows it. */
  public record Entry(Instant time, String level, String logger, String message) {}

  private final int capacity;
  private final ArrayDeque<Entry> entries;
  private final List<Consumer<Entry>> listeners = new CopyOnWriteArrayList<>();
  private final Appender appender = new Appender();

  public LogBuffer(int capacity) {
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(capacity);
  }

  /** Starts receiving every log event of the running Logback context. */
  public LogBuffer attach() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      appender.setContext(context);
      appender.setName("clipdeck-log-pane");
      appender.start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }
    return this;
  }

  public synchronized List<Entry> snapshot() {
    return List.copyOf(entries);
  }

  /** Called with each new entry, on the thread that logged it. */
  public void addListener(Consumer<Entry> listener) {
    listeners.add(listener);
  }

  void add(Entry entry) {
    synchronized (this) {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(entry);
    }
    listeners.forEach(listener -> listener.accept(entry));
  }

  @Override
  public void close() {
    if (appender.getContext() instanceof LoggerContext context) {
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
    }
    appender.stop();
    listeners.clear();
  }

  private final class Appender extends AppenderBase<ILoggingEvent> {
    @Override
    protected void append(ILoggingEvent event) {
      String logger = event.getLoggerName();
      add(
          new Entry(
              event.getInstant(),
              event.getLevel().toString(),
              logger.substring(logger.lastIndexOf('.') + 1),
              event.getFormattedMessage()));
    }
  }
}
