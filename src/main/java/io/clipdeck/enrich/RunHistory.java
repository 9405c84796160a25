package io.clipdeck.enrich;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clipdeck.config.PrivateJsonFile;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runs that ended, newest first, at most {@value #KEPT}: in memory only, or kept in a file (one
 * per profile, {@link #forProfile}) that is read when the history is made and rewritten after each
 * run.
 *
 * <p>The file is written through {@link PrivateJsonFile} rather than kept in a table like the
 * dashboard's {@code monitor.db}: a hundred small records rewritten once a run (minutes apart) need
 * no database, an atomic owner-only replace never leaves half a history, and the file stays
 * readable by a person. The dashboard's store suits its many samples a second with pruning by age.
 *
 * <p>A file that cannot be read is renamed to {@code <name>.unreadable-<time>} (never deleted or
 * overwritten) with a warning in the log and in {@link #problem()}, and a new history begins.
 */
public final class RunHistory {

  static final int KEPT = 100;

  private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);
  private static final DateTimeFormatter ASIDE_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  /** What the file holds; the version lets a later format be told from this one. */
  record Stored(int version, List<RunSummary> runs) {
    static final int VERSION = 1;

    Stored {
      runs = List.copyOf(runs);
    }
  }

  private final Path file;
  private final ObjectMapper mapper = PrivateJsonFile.mapper();
  private final ReentrantLock lock = new ReentrantLock();
  private final Deque<RunSummary> runs = new ArrayDeque<>();
  private final List<Consumer<List<RunSummary>>> listeners = new CopyOnWriteArrayList<>();
  private final String problem;

  /** Set when a malformed file could not be moved aside: it is never overwritten then. */
  private boolean unwritable;

  /** Kept in memory only (tests, the headless worker): lost with the service. */
  public RunHistory() {
    this.file = null;
    this.problem = null;
  }

  /**
   * Kept in {@code file}: its runs are read now.
   *
   * @param clock names a malformed file's copy
   */
  public RunHistory(Path file, Clock clock) {
    this.file = file;
    mapper.disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.problem = load(clock);
  }

  /**
   * The history of profile {@code profile}, in {@code <data>/enrichment/runs-<profile>.json} (the
   * name percent-encoded, so any profile name makes one plain file name).
   */
  public static RunHistory forProfile(Path dataDir, String profile, Clock clock) {
    String name = URLEncoder.encode(profile, StandardCharsets.UTF_8).replace("*", "%2A");
    return new RunHistory(dataDir.resolve("enrichment").resolve("runs-" + name + ".json"), clock);
  }

  /** Where the history is kept, or empty when in memory only. */
  public Optional<Path> file() {
    return Optional.ofNullable(file);
  }

  /** Why the stored history could not be read (and where it was kept), or empty. */
  public Optional<String> problem() {
    return Optional.ofNullable(problem);
  }

  void add(RunSummary summary) {
    List<RunSummary> now;
    lock.lock();
    try {
      runs.addFirst(summary);
      while (runs.size() > KEPT) {
        runs.removeLast();
      }
      now = List.copyOf(runs);
      save(now);
    } finally {
      lock.unlock();
    }
    listeners.forEach(listener -> listener.accept(now));
  }

  public List<RunSummary> runs() {
    lock.lock();
    try {
      return List.copyOf(runs);
    } finally {
      lock.unlock();
    }
  }

  /** Told the whole history after each run ends, on the thread that ended it. */
  public void addListener(Consumer<List<RunSummary>> listener) {
    listeners.add(listener);
  }

  /** Reads the file; returns the warning when it had to be set aside. */
  private String load(Clock clock) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return null;
    } catch (IOException e) {
      return warn(file + " cannot be read (" + e.getMessage() + ")", clock);
    }
    try {
      Stored stored = mapper.readValue(content, Stored.class);
      if (stored.version() != Stored.VERSION) {
        return warn(
            file + " is a run history of format " + stored.version() + ", not " + Stored.VERSION,
            clock);
      }
      for (RunSummary run : stored.runs()) {
        if (run == null
            || run.outcome() == null
            || run.started() == null
            || run.finished() == null) {
          runs.clear();
          return warn(file + " holds a run without its outcome or times", clock);
        }
        if (runs.size() < KEPT) {
          runs.addLast(run);
        }
      }
      return null;
    } catch (JacksonException e) {
      return warn(PrivateJsonFile.describe(file, e, "run history"), clock);
    } catch (IOException | RuntimeException e) {
      return warn(file + " is not a valid run history (" + e.getMessage() + ")", clock);
    }
  }

  private String warn(String reason, Clock clock) {
    Path aside =
        file.resolveSibling(
            file.getFileName() + ".unreadable-" + LocalDateTime.now(clock).format(ASIDE_SUFFIX));
    String message;
    try {
      Files.move(file, aside);
      message = reason + "; it was renamed to " + aside + " and a new run history begins";
    } catch (IOException e) {
      // Not renamed: it must not be overwritten either, so this history stays in memory.
      message =
          reason
              + "; it could not be renamed ("
              + e.getMessage()
              + "), so it is left as it is and this session's runs are not kept";
      runs.clear();
      unwritable = true;
    }
    LOG.warn("Enrichment run history: {}", message);
    return message;
  }

  private void save(List<RunSummary> now) {
    if (file == null || unwritable) {
      return;
    }
    try {
      PrivateJsonFile.writeAtomically(
          file, mapper.writeValueAsBytes(new Stored(Stored.VERSION, now)));
    } catch (IOException e) {
      LOG.warn(
          "Enrichment run history: cannot write {} ({}); the run is kept until the console closes",
          file,
          e.getMessage());
    }
  }
}
