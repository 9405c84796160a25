package io.clipdeck.app;

import io.clipdeck.config.AppPaths;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.HealthMonitor;
import io.clipdeck.db.ProfileService;
import io.clipdeck.db.ProfileStore;
import io.clipdeck.logging.LogBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every long-lived object once, hands them out, and closes them all.
 * The GUI and the headless commands each make one; nothing else holds global state.
 */
public final class AppContext implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(AppContext.class);
  private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

  /** Settings the composition root needs before any user setting is read. */
  public record Options(AppPaths paths, Clock clock, Duration healthInterval, int logCapacity) {
    public static Options defaults(AppPaths paths) {
      return new Options(paths, Clock.systemDefaultZone(), Duration.ofSeconds(10), 2_000);
    }
  }

  private final AppPaths paths;
  private final Clock clock;
  private final LogBuffer logBuffer;
  private final ExecutorService workers;
  private final ScheduledExecutorService scheduler;
  private final BackgroundJobs jobs;
  private final DatabaseRegistry databases;
  private final ProfileService profiles;
  private final HealthMonitor health;

  public AppContext(Options options) {
    this.paths = options.paths().createDirectories();
    this.clock = options.clock();
    this.logBuffer = new LogBuffer(options.logCapacity()).attach();
    this.workers =
        Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("clipdeck-work-", 0).factory());
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("clipdeck-scheduler").daemon().factory());
    this.jobs = new BackgroundJobs(workers);
    this.databases = new DatabaseRegistry(clock);
    this.profiles =
        new ProfileService(
            new ProfileStore(paths.configDir().resolve("profiles.json"), clock),
            paths.dataDir().resolve("clipdeck.db"));
    this.health = new HealthMonitor(databases, workers, scheduler, options.healthInterval());
    log.info("Clipdeck started; config in {}, data in {}", paths.configDir(), paths.dataDir());
  }

  public AppPaths paths() {
    return paths;
  }

  public Clock clock() {
    return clock;
  }

  public LogBuffer logBuffer() {
    return logBuffer;
  }

  /** The virtual-thread executor every background task runs on. */
  public ExecutorService workers() {
    return workers;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  public BackgroundJobs jobs() {
    return jobs;
  }

  public DatabaseRegistry databases() {
    return databases;
  }

  public ProfileService profiles() {
    return profiles;
  }

  public HealthMonitor health() {
    return health;
  }

  /** Stops the schedule, lets running work finish for a moment, then closes every pool. */
  @Override
  public void close() {
    health.close();
    scheduler.shutdownNow();
    workers.shutdown();
    try {
      if (!workers.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("Background work still running after {}; interrupting it", SHUTDOWN_GRACE);
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
    databases.close();
    log.info("Clipdeck stopped");
    logBuffer.close();
  }
}
