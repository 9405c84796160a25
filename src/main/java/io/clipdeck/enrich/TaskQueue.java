package io.clipdeck.enrich;

import io.clipdeck.data.Batch;
import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.DataException;
import io.clipdeck.data.Isolation;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.Dialect;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * The durable queue in {@code enrichment_task}: one row per (video, step), unique, so enqueueing
 * twice changes nothing. Workers claim rows with a lease; every claim raises {@code attempt}, which
 * is the fencing token of every later write: a worker whose lease ran out and whose task was
 * claimed again cannot commit it, so a task's effects are written once even when its call ran
 * twice.
 *
 * <p>PostgreSQL and MySQL/MariaDB claim with {@code SELECT … FOR UPDATE SKIP LOCKED}, so workers on
 * several machines never wait for each other's rows. SQLite has no row locks: a claim there is a
 * conditional update per candidate under one in-process lock (one worker per database file).
 *
 * <p>A video's tasks run in {@link Step} order: only the first unfinished one is {@code pending},
 * the later ones {@code waiting}; finishing a step releases the next in the same transaction.
 *
 * <p>Longer than most classes because every statement on {@code enrichment_task} lives here, so the
 * fence (attempt, lease) is checked the same way by enqueue, claim, finish, fail and retry.
 */
public final class TaskQueue {

  static final Set<String> TASK_TABLE = Set.of("enrichment_task");
  private static final Set<String> TASK_AND_VIDEOS = Set.of("enrichment_task", "videos");
  private static final int CHUNK = 500;

  /** How a fenced write ended. */
  public enum Commit {
    /** Written now. */
    COMMITTED,
    /** An earlier try of the same write committed, though its acknowledgement was lost. */
    ALREADY_DONE,
    /** The lease ran out and another worker holds the task now: nothing was written. */
    LEASE_LOST
  }

  /** Writes that commit together with a task's {@code done}. */
  @FunctionalInterface
  public interface DomainWrite {
    void apply(VideoWrites writes) throws SQLException;
  }

  /** What {@link #enqueue} did. */
  public record Enqueued(int created, int alreadyDone, int reset) {}

  private final DataLayer data;
  private final QueryExecutor executor;
  private final Dialect dialect;
  private final QueueSettings settings;
  private final Clock clock;
  private final VideoWrites writes;
  private final ReentrantLock sqliteClaims = new ReentrantLock();

  public TaskQueue(DataLayer data, QueueSettings settings, Clock clock) {
    this.data = data;
    this.executor = data.executor();
    this.dialect = executor.dialect();
    this.settings = settings;
    this.clock = clock;
    this.writes = new VideoWrites(executor, this::now);
  }

  public QueueSettings settings() {
    return settings;
  }

  public DataLayer data() {
    return data;
  }

  /** Now, to the millisecond every dialect stores, so compared values are the stored ones. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * Makes sure every video has a task for every step: new tasks are created, dead ones are reset to
   * run again, done ones stay done. Returns at once; the runner does the work.
   */
  public Enqueued enqueue(Collection<Long> videoIds, Set<Step> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("choose at least one step to run");
    }
    List<Long> ids = distinct(videoIds);
    int created = 0;
    int done = 0;
    int reset = 0;
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      int[] counts = enqueueChunk(chunk, steps);
      created += counts[0];
      done += counts[1];
      reset += counts[2];
    }
    return new Enqueued(created, done, reset);
  }

  /** What {@link #enqueueMatching} did: the videos it found, and what enqueueing them did. */
  public record Matched(VideoIds videoIds, Enqueued enqueued) {}

  /**
   * {@link #enqueue} for every video matching {@code filter} when each is reached: the matches are
   * walked by id a chunk at a time, and each chunk is enqueued in its own transaction, so any
   * number of matches takes the memory of one chunk (and the returned ids, 8 bytes each). A video
   * matching the filter only after the walk passed its id is not taken.
   *
   * @param progress told the number of videos enqueued so far after each chunk
   */
  public Matched enqueueMatching(VideoFilter filter, Set<Step> steps, LongConsumer progress) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("choose at least one step to run");
    }
    VideoIds.Builder found = new VideoIds.Builder();
    int created = 0;
    int done = 0;
    int reset = 0;
    long after = 0;
    while (true) {
      List<Long> chunk = data.videos().matchingIds(filter, after, CHUNK);
      if (chunk.isEmpty()) {
        break;
      }
      int[] counts = enqueueChunk(chunk, steps);
      created += counts[0];
      done += counts[1];
      reset += counts[2];
      chunk.forEach(found::add);
      after = chunk.getLast();
      progress.accept(found.size());
      if (chunk.size() < CHUNK) {
        break;
      }
    }
    return new Matched(found.build(), new Enqueued(created, done, reset));
  }

  private int[] enqueueChunk(List<Long> videoIds, Set<Step> steps) {
    Instant now = now();
    // Counted, not taken from the batch: MySQL reports a skipped duplicate as a changed row.
    long before = tasks(videoIds, steps, Integer.MAX_VALUE).size();
    List<List<Object>> rows = new ArrayList<>();
    for (Long videoId : videoIds) {
      for (Step step : Step.ordered(steps)) {
        rows.add(List.of(videoId, step.id(), TaskState.WAITING.id(), 0, now, now, now));
      }
    }
    String insert =
        dialect.insertIgnoringDuplicates(
            "INSERT INTO enrichment_task (video_id, step, state, attempt, next_attempt_at,"
                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
    new Batch(executor, CHUNK)
        .update(
            insert,
            rows,
            TASK_TABLE,
            index -> "video " + rows.get(index).get(0) + ", step " + rows.get(index).get(1),
            BatchProgress.NONE);
    return data.jdbc()
        .inTransaction(
            transaction -> {
              Map<Long, List<TaskRow>> byVideo = tasksOf(videoIds);
              int done = 0;
              long after = 0;
              List<Long> dead = new ArrayList<>();
              List<Long> released = new ArrayList<>();
              for (Map.Entry<Long, List<TaskRow>> video : byVideo.entrySet()) {
                for (TaskRow task : video.getValue()) {
                  if (!steps.contains(task.step())) {
                    continue;
                  }
                  after++;
                  if (task.state() == TaskState.DONE) {
                    done++;
                  } else if (task.state() == TaskState.DEAD) {
                    dead.add(task.id());
                  }
                }
                firstToRelease(video.getValue(), steps).ifPresent(released::add);
              }
              // Set-wise rather than per task: a filter may enqueue a million videos this way.
              updateByIds(
                  "UPDATE enrichment_task SET state = 'waiting', attempt = 0, next_attempt_at = ?,"
                      + " lease_until = NULL, updated_at = ? WHERE state = 'dead' AND id IN (",
                  List.of(now, now),
                  dead);
              updateByIds(
                  "UPDATE enrichment_task SET state = 'pending', next_attempt_at = ?,"
                      + " updated_at = ? WHERE state = 'waiting' AND id IN (",
                  List.of(now, now),
                  released);
              int reset = dead.size();
              if (byVideo.size() > 0) {
                executor.update(
                    "UPDATE videos SET status = 'pending', error = NULL, updated_at = ? WHERE id IN ("
                        + marks(byVideo.size())
                        + ") AND status IN ('failed', 'completed') AND EXISTS (SELECT 1 FROM"
                        + " enrichment_task t WHERE t.video_id = videos.id AND t.state <> 'done')",
                    prepend(now, List.copyOf(byVideo.keySet())),
                    Set.of("videos"));
              }
              return new int[] {(int) (after - before), done, reset};
            });
  }

  /**
   * The task {@link #releaseNext} would release once this chunk's dead tasks of {@code steps} are
   * reset: the video's first unfinished task, when it is (or is about to be) waiting.
   */
  private static Optional<Long> firstToRelease(List<TaskRow> tasks, Set<Step> steps) {
    return tasks.stream()
        .filter(task -> task.state() != TaskState.DONE)
        .min(Comparator.comparing(TaskRow::step))
        .filter(
            task ->
                task.state() == TaskState.WAITING
                    || (task.state() == TaskState.DEAD && steps.contains(task.step())))
        .map(TaskRow::id);
  }

  /** {@code sql} ending in "id IN (" for every id, a chunk of {@value #CHUNK} at a time. */
  private void updateByIds(String sql, List<Object> leading, List<Long> ids) {
    for (int from = 0; from < ids.size(); from += CHUNK) {
      List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
      List<Object> params = new ArrayList<>(leading);
      params.addAll(chunk);
      executor.update(sql + marks(chunk.size()) + ")", params, TASK_TABLE);
    }
  }

  private void resetDead(long taskId, Instant now) {
    executor.update(
        "UPDATE enrichment_task SET state = 'waiting', attempt = 0, next_attempt_at = ?,"
            + " lease_until = NULL, updated_at = ? WHERE id = ? AND state = 'dead'",
        List.of(now, now, taskId),
        TASK_TABLE);
  }

  /**
   * Claims up to {@code limit} runnable tasks of {@code step}: pending ones whose time has come and
   * running ones whose lease ran out (their worker died). A task claimed more than the maximum
   * number of times is dead-lettered instead.
   */
  public List<ClaimedTask> claim(Step step, int limit) {
    if (limit < 1) {
      return List.of();
    }
    if (!dialect.skipsLockedRows()) {
      sqliteClaims.lock();
      try {
        return data.jdbc().inTransaction(transaction -> claimOptimistically(step, limit));
      } finally {
        sqliteClaims.unlock();
      }
    }
    // READ COMMITTED: MySQL's default REPEATABLE READ would keep gap locks on the rows scanned.
    return data.jdbc()
        .inTransaction(Isolation.READ_COMMITTED, transaction -> claimSkippingLocked(step, limit));
  }

  private static final String RUNNABLE =
      " WHERE step = ? AND ((state = 'pending' AND next_attempt_at <= ?)"
          + " OR (state = 'running' AND lease_until < ?))";

  private List<ClaimedTask> claimSkippingLocked(Step step, int limit) {
    Instant now = now();
    List<long[]> candidates =
        executor.query(
            "SELECT id, video_id, attempt FROM enrichment_task"
                + RUNNABLE
                + " ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED",
            List.of(step.id(), now, now, limit),
            row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)});
    List<ClaimedTask> claimed = new ArrayList<>();
    List<long[]> exhausted = new ArrayList<>();
    for (long[] candidate : candidates) {
      if (candidate[2] >= settings.maxAttempts()) {
        exhausted.add(candidate);
      } else {
        claimed.add(new ClaimedTask(candidate[0], candidate[1], step, (int) candidate[2] + 1));
      }
    }
    if (!claimed.isEmpty()) {
      executor.update(
          "UPDATE enrichment_task SET state = 'running', attempt = attempt + 1, lease_until = ?,"
              + " updated_at = ? WHERE id IN ("
              + marks(claimed.size())
              + ")",
          prepend(
              now.plus(settings.lease()),
              prepend(now, claimed.stream().map(ClaimedTask::id).toList())),
          TASK_TABLE);
    }
    afterClaim(claimed, exhausted, now);
    return claimed;
  }

  private List<ClaimedTask> claimOptimistically(Step step, int limit) {
    Instant now = now();
    List<long[]> candidates =
        executor.query(
            "SELECT id, video_id, attempt FROM enrichment_task" + RUNNABLE + " ORDER BY id LIMIT ?",
            List.of(step.id(), now, now, limit),
            row -> new long[] {row.getLong(1), row.getLong(2), row.getLong(3)});
    List<ClaimedTask> claimed = new ArrayList<>();
    List<long[]> exhausted = new ArrayList<>();
    for (long[] candidate : candidates) {
      if (candidate[2] >= settings.maxAttempts()) {
        exhausted.add(candidate);
        continue;
      }
      // The same condition again, and the attempt read: another process may have claimed it.
      int changed =
          executor.update(
              "UPDATE enrichment_task SET state = 'running', attempt = attempt + 1,"
                  + " lease_until = ?, updated_at = ?"
                  + RUNNABLE
                  + " AND id = ? AND attempt = ?",
              List.of(
                  now.plus(settings.lease()), now, step.id(), now, now, candidate[0], candidate[2]),
              TASK_TABLE);
      if (changed == 1) {
        claimed.add(new ClaimedTask(candidate[0], candidate[1], step, (int) candidate[2] + 1));
      }
    }
    afterClaim(claimed, exhausted, now);
    return claimed;
  }

  /** Marks the claimed videos as processing and dead-letters the tasks claimed too often. */
  private void afterClaim(List<ClaimedTask> claimed, List<long[]> exhausted, Instant now) {
    if (!claimed.isEmpty()) {
      List<Long> videos = claimed.stream().map(ClaimedTask::videoId).distinct().toList();
      executor.update(
          "UPDATE videos SET status = 'processing', updated_at = ? WHERE status = 'pending' AND id"
              + " IN ("
              + marks(videos.size())
              + ")",
          prepend(now, videos),
          Set.of("videos"));
    }
    for (long[] task : exhausted) {
      String reason =
          "Dead-lettered: claimed "
              + task[2]
              + " times without finishing (the worker stopped or its lease of "
              + settings.lease().toSeconds()
              + " s was too short); retry it once the cause is fixed";
      executor.update(
          "UPDATE enrichment_task SET state = 'dead', lease_until = NULL, last_error = ?,"
              + " updated_at = ? WHERE id = ?",
          List.of(reason, now, task[0]),
          TASK_TABLE);
      writes.failVideo(task[1], reason);
    }
  }

  /** Extends the leases of tasks still in flight; a task whose fence moved on is left alone. */
  public void renew(Collection<ClaimedTask> tasks) {
    if (tasks.isEmpty()) {
      return;
    }
    Instant now = now();
    Instant until = now.plus(settings.lease());
    data.jdbc()
        .inTransaction(
            transaction -> {
              for (ClaimedTask task : tasks) {
                executor.update(
                    "UPDATE enrichment_task SET lease_until = ?, updated_at = ? WHERE id = ? AND"
                        + " state = 'running' AND attempt = ?",
                    List.of(until, now, task.id(), task.attempt()),
                    TASK_TABLE);
              }
              return null;
            });
  }

  /**
   * Commits a finished task: its domain writes, {@code done}, the release of the video's next step
   * and, after the last one, the video's {@code completed}, in one transaction. Nothing is written
   * when the fence fails.
   */
  public Commit complete(ClaimedTask task, DomainWrite write) {
    return completeAll(Map.of(task, write)).get(task);
  }

  /**
   * {@link #complete} for several tasks in one transaction; a task whose fence failed is skipped
   * (its writes are not made), the others commit.
   */
  public Map<ClaimedTask, Commit> completeAll(Map<ClaimedTask, DomainWrite> tasks) {
    return data.jdbc()
        .inTransaction(
            transaction -> {
              Instant now = now();
              Map<ClaimedTask, Commit> commits = new java.util.LinkedHashMap<>();
              for (Map.Entry<ClaimedTask, DomainWrite> entry : tasks.entrySet()) {
                ClaimedTask task = entry.getKey();
                int fenced =
                    executor.update(
                        "UPDATE enrichment_task SET state = 'done', lease_until = NULL,"
                            + " last_error = NULL, updated_at = ? WHERE id = ? AND state ="
                            + " 'running' AND attempt = ?",
                        List.of(now, task.id(), task.attempt()),
                        TASK_TABLE);
                if (fenced != 1) {
                  commits.put(task, fenceFailed(task));
                  continue;
                }
                entry.getValue().apply(writes);
                if (releaseNext(task.videoId(), now).isEmpty()) {
                  writes.completeVideo(task.videoId());
                }
                commits.put(task, Commit.COMMITTED);
              }
              return commits;
            });
  }

  /**
   * A failed attempt: back to the queue after a backoff with jitter, or dead-lettered (with the
   * video failed) when this was the last attempt or {@code permanent} says retrying cannot help.
   */
  public Commit fail(ClaimedTask task, String error, boolean permanent) {
    boolean dead = permanent || task.attempt() >= settings.maxAttempts();
    return data.jdbc()
        .inTransaction(
            transaction -> {
              Instant now = now();
              String reason =
                  dead && !permanent
                      ? "Dead-lettered after " + task.attempt() + " attempts: " + error
                      : error;
              int fenced =
                  executor.update(
                      "UPDATE enrichment_task SET state = ?, next_attempt_at = ?,"
                          + " lease_until = NULL, last_error = ?, updated_at = ? WHERE id = ? AND"
                          + " state = 'running' AND attempt = ?",
                      List.of(
                          dead ? TaskState.DEAD.id() : TaskState.PENDING.id(),
                          now.plus(
                              settings.backoff(
                                  task.attempt(), ThreadLocalRandom.current().nextDouble())),
                          truncate(reason),
                          now,
                          task.id(),
                          task.attempt()),
                      TASK_TABLE);
              if (fenced != 1) {
                return fenceFailed(task);
              }
              if (dead) {
                writes.failVideo(task.videoId(), task.step().label() + ": " + reason);
              }
              return Commit.COMMITTED;
            });
  }

  /**
   * Puts a task back without counting the attempt, to run at {@code until}: its provider is parked
   * or its breaker open (not the task's fault), or the run was cancelled mid-call.
   */
  public Commit postpone(ClaimedTask task, Instant until, String reason) {
    return data.jdbc()
        .inTransaction(
            transaction -> {
              int fenced =
                  executor.update(
                      "UPDATE enrichment_task SET state = 'pending', attempt = attempt - 1,"
                          + " next_attempt_at = ?, lease_until = NULL, last_error = ?,"
                          + " updated_at = ? WHERE id = ? AND state = 'running' AND attempt = ?",
                      List.of(
                          until.truncatedTo(ChronoUnit.MILLIS),
                          reason == null ? null : truncate(reason),
                          now(),
                          task.id(),
                          task.attempt()),
                      TASK_TABLE);
              return fenced == 1 ? Commit.COMMITTED : fenceFailed(task);
            });
  }

  /** Sends dead tasks of these videos (all videos when null) back to the queue. */
  public int retryDead(Collection<Long> videoIds) {
    List<Long> videos =
        videoIds != null
            ? distinct(videoIds)
            : executor.query(
                "SELECT DISTINCT video_id FROM enrichment_task WHERE state = 'dead'",
                List.of(),
                row -> row.getLong(1));
    int reset = 0;
    for (int from = 0; from < videos.size(); from += CHUNK) {
      List<Long> chunk = videos.subList(from, Math.min(videos.size(), from + CHUNK));
      reset +=
          data.jdbc()
              .inTransaction(
                  transaction -> {
                    Instant now = now();
                    int count = 0;
                    for (Map.Entry<Long, List<TaskRow>> video : tasksOf(chunk).entrySet()) {
                      boolean any = false;
                      for (TaskRow task : video.getValue()) {
                        if (task.state() == TaskState.DEAD) {
                          resetDead(task.id(), now);
                          count++;
                          any = true;
                        }
                      }
                      if (any) {
                        releaseNext(video.getKey(), now);
                        executor.update(
                            "UPDATE videos SET status = 'pending', error = NULL, updated_at = ?"
                                + " WHERE id = ?",
                            List.of(now, video.getKey()),
                            Set.of("videos"));
                      }
                    }
                    return count;
                  });
    }
    return reset;
  }

  /**
   * Sets the first unfinished task of a video to pending when it was waiting; returns it, or
   * nothing when every task of the video is done.
   */
  private Optional<TaskRow> releaseNext(long videoId, Instant now) {
    Optional<TaskRow> next =
        tasksOf(List.of(videoId)).getOrDefault(videoId, List.of()).stream()
            .filter(task -> task.state() != TaskState.DONE)
            .min(Comparator.comparing(TaskRow::step));
    next.filter(task -> task.state() == TaskState.WAITING)
        .ifPresent(
            task ->
                executor.update(
                    "UPDATE enrichment_task SET state = 'pending', next_attempt_at = ?,"
                        + " updated_at = ? WHERE id = ? AND state = 'waiting'",
                    List.of(now, now, task.id()),
                    TASK_TABLE));
    return next;
  }

  private Commit fenceFailed(ClaimedTask task) {
    List<TaskRow> rows =
        executor.query(
            "SELECT id, video_id, step, state, attempt, next_attempt_at, lease_until, last_error"
                + " FROM enrichment_task WHERE id = ?",
            List.of(task.id()),
            this::taskRow);
    boolean doneByThisClaim =
        !rows.isEmpty()
            && rows.getFirst().state() == TaskState.DONE
            && rows.getFirst().attempt() == task.attempt();
    return doneByThisClaim ? Commit.ALREADY_DONE : Commit.LEASE_LOST;
  }

  /** Every task of these videos, by video. */
  Map<Long, List<TaskRow>> tasksOf(List<Long> videoIds) {
    if (videoIds.isEmpty()) {
      return Map.of();
    }
    return executor
        .query(
            "SELECT id, video_id, step, state, attempt, next_attempt_at, lease_until, last_error"
                + " FROM enrichment_task WHERE video_id IN ("
                + marks(videoIds.size())
                + ")",
            List.copyOf(videoIds),
            this::taskRow)
        .stream()
        .collect(Collectors.groupingBy(TaskRow::videoId, HashMap::new, Collectors.toList()));
  }

  /** Tasks of these videos and steps, for the items table; at most {@code limit}, by id. */
  public List<TaskRow> tasks(List<Long> videoIds, Set<Step> steps, int limit) {
    List<TaskRow> found = new ArrayList<>();
    for (int from = 0; from < videoIds.size() && found.size() < limit; from += CHUNK) {
      List<Long> chunk = videoIds.subList(from, Math.min(videoIds.size(), from + CHUNK));
      tasksOf(chunk).values().stream()
          .flatMap(List::stream)
          .filter(task -> steps.contains(task.step()))
          .sorted(Comparator.comparingLong(TaskRow::videoId).thenComparing(TaskRow::step))
          .limit(limit - found.size())
          .forEach(found::add);
    }
    return found;
  }

  /** Counts by step and state over these videos and steps. */
  public Map<Step, Map<TaskState, Long>> counts(List<Long> videoIds, Set<Step> steps) {
    Map<Step, Map<TaskState, Long>> counts = new EnumMap<>(Step.class);
    for (Step step : steps) {
      Map<TaskState, Long> byState = new EnumMap<>(TaskState.class);
      for (TaskState state : TaskState.values()) {
        byState.put(state, 0L);
      }
      counts.put(step, byState);
    }
    for (int from = 0; from < videoIds.size(); from += CHUNK) {
      List<Long> chunk = videoIds.subList(from, Math.min(videoIds.size(), from + CHUNK));
      executor
          .query(
              "SELECT step, state, COUNT(*) FROM enrichment_task WHERE video_id IN ("
                  + marks(chunk.size())
                  + ") GROUP BY step, state",
              List.copyOf(chunk),
              row -> new Object[] {row.getString(1), row.getString(2), row.getLong(3)})
          .forEach(
              row -> {
                Step step = Step.parse((String) row[0]);
                if (counts.containsKey(step)) {
                  counts
                      .get(step)
                      .merge(TaskState.parse((String) row[1]), (Long) row[2], Long::sum);
                }
              });
    }
    return counts;
  }

  /** The number of these videos with at least one task of these steps not done. */
  public long unfinishedVideos(List<Long> videoIds, Set<Step> steps) {
    long count = 0;
    List<String> stepIds = steps.stream().map(Step::id).toList();
    for (int from = 0; from < videoIds.size(); from += CHUNK) {
      List<Long> chunk = videoIds.subList(from, Math.min(videoIds.size(), from + CHUNK));
      List<Object> params = new ArrayList<>(chunk);
      params.addAll(stepIds);
      count +=
          executor
              .query(
                  "SELECT COUNT(DISTINCT video_id) FROM enrichment_task WHERE video_id IN ("
                      + marks(chunk.size())
                      + ") AND step IN ("
                      + marks(stepIds.size())
                      + ") AND state <> 'done'",
                  params,
                  row -> row.getLong(1))
              .getFirst();
    }
    return count;
  }

  /** Tasks of these steps pending or running, across every run. */
  public long openTasks(Set<Step> steps) {
    List<Object> params = new ArrayList<>();
    steps.forEach(step -> params.add(step.id()));
    return executor
        .query(
            "SELECT COUNT(*) FROM enrichment_task WHERE state IN ('pending', 'running') AND step IN ("
                + marks(steps.size())
                + ")",
            params,
            row -> row.getLong(1))
        .getFirst();
  }

  private TaskRow taskRow(java.sql.ResultSet row) throws SQLException {
    return new TaskRow(
        row.getLong("id"),
        row.getLong("video_id"),
        Step.parse(row.getString("step")),
        TaskState.parse(row.getString("state")),
        row.getInt("attempt"),
        dialect.instant(row, "next_attempt_at"),
        dialect.instant(row, "lease_until"),
        row.getString("last_error"));
  }

  /** The ids without repeats, in order; a filter's {@link VideoIds} has none, and is not boxed. */
  private static List<Long> distinct(Collection<Long> videoIds) {
    return videoIds instanceof VideoIds walked
        ? walked
        : List.copyOf(new LinkedHashSet<>(videoIds));
  }

  static String marks(int count) {
    return String.join(", ", java.util.Collections.nCopies(count, "?"));
  }

  static List<Object> prepend(Object first, List<?> rest) {
    List<Object> all = new ArrayList<>(rest.size() + 1);
    all.add(first);
    all.addAll(rest);
    return all;
  }

  private static String truncate(String text) {
    return text.length() <= 2000 ? text : text.substring(0, 2000) + "…";
  }

  /** Whether a database error is worth trying the same write again (the server came back). */
  static boolean transientFailure(RuntimeException e) {
    return e instanceof DataException.Unavailable
        || e instanceof DataException.Timeout
        || e instanceof DataException.RetryableConflict
        // A fenced commit whose connection was lost on a group: running it again is harmless.
        || e instanceof io.clipdeck.data.OutcomeUnknownException;
  }
}
