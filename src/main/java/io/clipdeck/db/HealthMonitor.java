package io.clipdeck.db;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Checks the watched profiles' health at a fixed interval and tells listeners each result. Checks
 * run on the worker executor, so a slow server never delays the scheduler or another profile.
 */
public final class HealthMonitor implements AutoCloseable {

  private final DatabaseRegistry databases;
  private final ExecutorService workers;
  private final Map<String, ConnectionProfile> watched = new ConcurrentHashMap<>();
  private final Map<String, HealthReport> latest = new ConcurrentHashMap<>();
  private final Map<String, Boolean> inFlight = new ConcurrentHashMap<>();
  private final List<Consumer<HealthReport>> listeners = new CopyOnWriteArrayList<>();
  private final ScheduledFuture<?> ticks;

  public HealthMonitor(
      DatabaseRegistry databases,
      ExecutorService workers,
      ScheduledExecutorService scheduler,
      Duration interval) {
    this.databases = databases;
    this.workers = workers;
    long millis = interval.toMillis();
    this.ticks =
        scheduler.scheduleWithFixedDelay(this::checkAll, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Starts watching a profile and checks it at once. */
  public CompletableFuture<HealthReport> watch(ConnectionProfile profile) {
    watched.put(profile.name(), profile);
    return checkNow(profile);
  }

  public void unwatch(String profileName) {
    watched.remove(profileName);
    latest.remove(profileName);
  }

  public Optional<HealthReport> latest(String profileName) {
    return Optional.ofNullable(latest.get(profileName));
  }

  public void addListener(Consumer<HealthReport> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<HealthReport> listener) {
    listeners.remove(listener);
  }

  /** Checks one profile now, off the caller's thread, and publishes the result. */
  public CompletableFuture<HealthReport> checkNow(ConnectionProfile profile) {
    return CompletableFuture.supplyAsync(() -> check(profile), workers);
  }

  private void checkAll() {
    for (ConnectionProfile profile : watched.values()) {
      // A check still waiting on a dead server is not stacked with another one.
      if (inFlight.putIfAbsent(profile.name(), Boolean.TRUE) == null) {
        workers.execute(
            () -> {
              try {
                check(profile);
              } finally {
                inFlight.remove(profile.name());
              }
            });
      }
    }
  }

  private HealthReport check(ConnectionProfile profile) {
    HealthReport report = checkOnce(profile);
    latest.put(profile.name(), report);
    listeners.forEach(listener -> listener.accept(report));
    return report;
  }

  private HealthReport checkOnce(ConnectionProfile profile) {
    try {
      return databases.open(profile).checkHealth();
    } catch (RuntimeException e) {
      // The pool could not even be made (a missing password, say): that is this profile's health.
      return HealthReport.down(
          profile.name(), Duration.ZERO, e.getMessage(), Instant.now(databases.clock()));
    }
  }

  @Override
  public void close() {
    ticks.cancel(false);
    watched.clear();
    listeners.clear();
  }
}
