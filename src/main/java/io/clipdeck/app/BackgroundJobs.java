package io.clipdeck.app;

import io.clipdeck.db.Operation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs named pieces of work on the application's virtual threads and keeps the list of what is
 * running, so the status bar can say what the console is busy with.
 */
public final class BackgroundJobs {

  private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

  private final ExecutorService workers;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, String> running = new ConcurrentSkipListMap<>();
  private final List<Consumer<List<String>>> listeners = new CopyOnWriteArrayList<>();

  public BackgroundJobs(ExecutorService workers) {
    this.workers = workers;
  }

  /** Starts the work and returns at once; the future completes with its result or its error. */
  public <T> CompletableFuture<T> submit(String description, Callable<T> work) {
    long id = ids.incrementAndGet();
    running.put(id, description);
    publish();
    CompletableFuture<T> result = new CompletableFuture<>();
    workers.execute(
        () -> {
          T value = null;
          Throwable failure = null;
          try {
            // Named, so a connection the job borrows says what holds it (leak detection).
            value = Operation.call(description, work);
          } catch (Exception | Error e) {
            log.warn("{} failed: {}", description, e.toString());
            failure = e;
          } finally {
            // Off the list before the future completes: whoever waits for it sees the job gone.
            running.remove(id);
            publish();
          }
          if (failure == null) {
            result.complete(value);
          } else {
            result.completeExceptionally(failure);
          }
        });
    return result;
  }

  /** Descriptions of the jobs running now, oldest first. */
  public List<String> running() {
    return List.copyOf(running.values());
  }

  /** Called with the running jobs each time one starts or ends, on the job's thread. */
  public void addListener(Consumer<List<String>> listener) {
    listeners.add(listener);
  }

  private void publish() {
    List<String> now = running();
    listeners.forEach(listener -> listener.accept(now));
  }
}
