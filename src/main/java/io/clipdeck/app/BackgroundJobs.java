package io.clipdeck.app;

import io.clipdeck.db.Operation;
import io.clipdeck.progress.Progress;
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
 * running, with how far each tracked job is, so the status bar can say what the console is busy
 * with and stop what can stop.
 */
public final class BackgroundJobs {

  private static final Logger log = LoggerFactory.getLogger(BackgroundJobs.class);

  private final ExecutorService workers;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Entry> running = new ConcurrentSkipListMap<>();
  private final List<Consumer<List<String>>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<List<RunningJob>>> jobListeners = new CopyOnWriteArrayList<>();

  public BackgroundJobs(ExecutorService workers) {
    this.workers = workers;
  }

  /** Work that says how far it is and honours a cancel through the {@link Progress} it is given. */
  @FunctionalInterface
  public interface TrackedWork<T> {
    T run(Progress progress) throws Exception;
  }

  /** A tracked job once started: its id (for {@link #cancel}) and its result. */
  public record Started<T>(long id, CompletableFuture<T> result) {}

  /** Starts the work and returns at once; the future completes with its result or its error. */
  public <T> CompletableFuture<T> submit(String description, Callable<T> work) {
    return start(description, false, progress -> work.call()).result();
  }

  /**
   * Starts work that reports its progress; when {@code cancellable}, {@link #cancel} asks it to
   * stop (it stops where its data stays consistent, failing with a {@code JobCancelledException}).
   */
  public <T> Started<T> track(String description, boolean cancellable, TrackedWork<T> work) {
    return start(description, cancellable, work);
  }

  /** Asks the job to stop; false when it is over or cannot stop. */
  public boolean cancel(long id) {
    Entry entry = running.get(id);
    if (entry == null || !entry.cancellable) {
      return false;
    }
    entry.cancelRequested = true;
    publish();
    return true;
  }

  private <T> Started<T> start(String description, boolean cancellable, TrackedWork<T> work) {
    long id = ids.incrementAndGet();
    Entry entry = new Entry(id, description, cancellable);
    running.put(id, entry);
    publish();
    CompletableFuture<T> result = new CompletableFuture<>();
    workers.execute(
        () -> {
          T value = null;
          Throwable failure = null;
          try {
            // Named, so a connection the job borrows says what holds it (leak detection).
            value = Operation.call(description, () -> work.run(entry));
          } catch (Exception | Error e) {
            if (!entry.cancelRequested) {
              log.warn("{} failed: {}", description, e.toString());
            }
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
    return new Started<>(id, result);
  }

  /** Descriptions of the jobs running now, oldest first. */
  public List<String> running() {
    return running.values().stream().map(entry -> entry.description).toList();
  }

  /** The jobs running now with how far each is, oldest first. */
  public List<RunningJob> runningJobs() {
    return running.values().stream().map(Entry::snapshot).toList();
  }

  /** Called with the running jobs each time one starts or ends, on the job's thread. */
  public void addListener(Consumer<List<String>> listener) {
    listeners.add(listener);
  }

  /**
   * Called with the running jobs each time one starts, ends, advances or is asked to stop, on the
   * job's (or the canceller's) thread.
   */
  public void addJobListener(Consumer<List<RunningJob>> listener) {
    jobListeners.add(listener);
  }

  private void publish() {
    List<String> now = running();
    listeners.forEach(listener -> listener.accept(now));
    if (!jobListeners.isEmpty()) {
      List<RunningJob> jobs = runningJobs();
      jobListeners.forEach(listener -> listener.accept(jobs));
    }
  }

  /** A running job and the {@link Progress} its work reports through. */
  private final class Entry implements Progress {
    private final long id;
    private final String description;
    private final boolean cancellable;
    private volatile long done;
    private volatile long total = -1;
    private volatile boolean cancelRequested;

    private Entry(long id, String description, boolean cancellable) {
      this.id = id;
      this.description = description;
      this.cancellable = cancellable;
    }

    @Override
    public void advanced(long done, long total) {
      this.done = done;
      this.total = total;
      publish();
    }

    @Override
    public boolean cancelRequested() {
      return cancelRequested;
    }

    private RunningJob snapshot() {
      return new RunningJob(id, description, done, total, cancellable, cancelRequested);
    }
  }
}
