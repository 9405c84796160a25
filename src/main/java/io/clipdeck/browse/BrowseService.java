package io.clipdeck.browse;

import io.clipdeck.api.youtube.YouTubeUrl;
import io.clipdeck.data.Batch;
import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.Cursor;
import io.clipdeck.data.Direction;
import io.clipdeck.data.Sort;
import io.clipdeck.data.VideoExport;
import io.clipdeck.data.model.Clip;
import io.clipdeck.data.model.ModelUsage;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.data.repo.VideoRepository.StatusUpdate;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.progress.Progress;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the video browser does to a profile's database: keyset pages of a filter, a video's clips
 * and usage, edits, deletes, status changes, new videos, CSV/JSON export, sample data and the
 * migration of a database without Clipdeck's schema. Every method but {@link #cursorOf} and {@link
 * #active} reads or writes the database: call it on a worker.
 */
public final class BrowseService {

  /** The columns the browser sorts by: those keyset paging can walk (never NULL). */
  public static final List<String> SORT_COLUMNS =
      List.of("created_at", "updated_at", "id", "video_id", "user_id", "status");

  public static final int MAX_TITLE = 500;

  /** The most sample videos one request makes. */
  public static final int MAX_SAMPLE = 1_000_000;

  private final Supplier<ConnectionProfile> active;
  private final Function<ConnectionProfile, DataLayer> data;
  private final Function<ConnectionProfile, MigrationService> migrations;
  private final Clock clock;

  public BrowseService(
      Supplier<ConnectionProfile> active,
      Function<ConnectionProfile, DataLayer> data,
      Function<ConnectionProfile, MigrationService> migrations,
      Clock clock) {
    this.active = active;
    this.data = data;
    this.migrations = migrations;
    this.clock = clock;
  }

  /** The profile the browser shows. */
  public ConnectionProfile active() {
    return active.get();
  }

  /** The key a page continues from after {@code video}, in {@code sort} order (no database). */
  public Cursor cursorOf(ConnectionProfile on, Video video, Sort sort) {
    return data.apply(on).videos().cursorOf(video, sort);
  }

  /** A column of {@link #SORT_COLUMNS} (else created_at) in the direction asked. */
  public static Sort sort(String column, boolean ascending) {
    return new Sort(
        SORT_COLUMNS.contains(column) ? column : "created_at",
        ascending ? Direction.ASC : Direction.DESC);
  }

  /** Reads one page of {@code filter} in {@code sort} order; an empty page without the schema. */
  public VideoPage read(ConnectionProfile on, VideoFilter filter, Sort sort, PageRequest read) {
    DataLayer layer = data.apply(on);
    if (!layer.schemaPresent()) {
      return VideoPage.NOT_MIGRATED;
    }
    Sort readOrder = read.backward() ? reversed(sort) : sort;
    long matching = layer.videos().count(filter);
    // The last page holds what is left after the full pages, as paging forward shows it.
    int size =
        read.page() == PageRequest.LAST_PAGE && matching % BrowseWindow.PAGE_SIZE != 0
            ? (int) (matching % BrowseWindow.PAGE_SIZE)
            : BrowseWindow.PAGE_SIZE;
    List<Video> fetched = layer.videos().browse(filter, read.anchor(), size + 1, readOrder);
    boolean beyond = fetched.size() > size;
    List<Video> videos = new ArrayList<>(fetched.subList(0, Math.min(size, fetched.size())));
    if (read.backward()) {
      Collections.reverse(videos);
    }
    Map<Long, Long> clipCounts = layer.clips().countsOf(videos.stream().map(Video::id).toList());
    return new VideoPage(
        true,
        videos,
        clipCounts,
        beyond,
        matching,
        filter.equals(VideoFilter.ALL) ? -1 : layer.videos().count(VideoFilter.ALL));
  }

  private static Sort reversed(Sort sort) {
    return new Sort(
        sort.column(), sort.direction() == Direction.ASC ? Direction.DESC : Direction.ASC);
  }

  /** A video's clips and the model usage recorded for it. */
  public record Details(List<Clip> clips, List<ModelUsage> usage) {
    public Details {
      clips = List.copyOf(clips);
      usage = List.copyOf(usage);
    }
  }

  public Details details(ConnectionProfile on, Video video) {
    DataLayer layer = data.apply(on);
    return new Details(
        layer.clips().clipsOf(video.id()), layer.usage().getByField("video_id", video.id()));
  }

  /** Sets a video's title and status; fails when it was deleted meanwhile. */
  public Video save(ConnectionProfile on, Video video, String title, VideoStatus status) {
    String checked = checkTitle(title);
    return data.apply(on)
        .videos()
        .update(video.id(), Map.of("title", checked, "status", status.id()))
        .orElseThrow(() -> new IllegalStateException(video.videoId() + " was deleted meanwhile"));
  }

  /** Deletes a video and its clips; false when it was gone already. */
  public boolean delete(ConnectionProfile on, long id) {
    return data.apply(on).videos().delete(id);
  }

  /** Videos per status batch: how often a status change says how far it is and can stop. */
  static final int STATUS_SLICE = 1_000;

  /**
   * Sets the status of every video of {@code ids}, in batches of {@value #STATUS_SLICE}; a cancel
   * stops it between two batches (the videos of the batches done have the new status).
   */
  public void setStatus(
      ConnectionProfile on, List<Long> ids, VideoStatus status, Progress progress) {
    for (int from = 0; from < ids.size(); from += STATUS_SLICE) {
      List<Long> slice = ids.subList(from, Math.min(ids.size(), from + STATUS_SLICE));
      data.apply(on)
          .videos()
          .batchUpdateStatus(slice.stream().map(id -> new StatusUpdate(id, status)).toList());
      int done = from + slice.size();
      progress.advanced(done, ids.size());
      if (done < ids.size()) {
        progress.stopIfCancelled("after setting " + done + " of " + ids.size() + " videos");
      }
    }
  }

  /** Sets the status of every video of {@code ids}. */
  public void setStatus(ConnectionProfile on, List<Long> ids, VideoStatus status) {
    setStatus(on, ids, status, Progress.NONE);
  }

  /** Whether the profile's database has Clipdeck's schema (else it offers to create it). */
  public boolean schemaPresent(ConnectionProfile on) {
    return data.apply(on).schemaPresent();
  }

  /** What {@link #generateSampleData} made. */
  public record SampleSummary(int videos, long clips, long usage) {}

  /**
   * Fills a database with {@code count} sample videos, with users, clips and usage, creating
   * Clipdeck's schema first when it has none. {@code progress} counts the videos; a cancel stops it
   * between two slices, every video written with its clips.
   */
  public SampleSummary generateSampleData(ConnectionProfile on, int count, Progress progress) {
    if (count < 1 || count > MAX_SAMPLE) {
      throw new IllegalArgumentException("Generate between 1 and 1,000,000 sample videos.");
    }
    if (!schemaPresent(on)) {
      migrate(on);
    }
    SampleData.Result result =
        new SampleData(data.apply(on), clock, Batch.DEFAULT_CHUNK_SIZE)
            .generate(
                new SampleData.Spec(Math.max(1, count / 500), count, 2, 3, clock.millis()),
                BatchProgress.NONE,
                progress);
    return new SampleSummary(result.videoIds().size(), result.clips(), result.usage());
  }

  /** Applies Clipdeck's migrations to a database that lacks its schema. */
  public void migrate(ConnectionProfile on) {
    var outcome = migrations.apply(on).migrate(Optional.empty(), step -> {});
    outcome
        .failure()
        .ifPresent(
            failure -> {
              throw new IllegalStateException(failure.describe());
            });
  }

  /**
   * Writes every video of {@code filter} in {@code sort} order to a CSV or JSON file, streaming;
   * returns how many were written. {@code progress} counts them out of {@code expected}; a cancel
   * stops the export and deletes the half-written file.
   */
  public long export(
      ConnectionProfile on,
      VideoFilter filter,
      Sort sort,
      Path file,
      VideoExport.Format format,
      long expected,
      Progress progress)
      throws IOException {
    VideoRepository videos = data.apply(on).videos();
    return VideoExport.write(
        action -> videos.export(filter, sort, action),
        file,
        format,
        written -> {
          progress.advanced(written, expected);
          // The half-written file is deleted: a cancelled export leaves nothing behind.
          progress.stopIfCancelled("after writing " + written + " videos");
        });
  }

  /** A new pending video as typed, checked: see {@link #newVideo}. */
  public record NewVideo(YouTubeUrl url, String title, long user) {}

  /**
   * Checks a typed new video: a YouTube URL (its video id becomes the external id), a title and the
   * owning user's id. Throws {@link IllegalArgumentException} saying what to change.
   */
  public static NewVideo newVideo(String url, String title, String user) {
    YouTubeUrl parsed = YouTubeUrl.parse(url);
    long owner = userId(user, "the user the video belongs to");
    return new NewVideo(parsed, checkTitle(title), owner);
  }

  /**
   * Adds a pending video; refuses, saying why, a user that is not there and an id already stored.
   */
  public Video create(ConnectionProfile on, NewVideo video) {
    DataLayer layer = data.apply(on);
    if (layer.users().getById(video.user()).isEmpty()) {
      throw new IllegalArgumentException(
          "there is no user " + video.user() + " in " + on.name() + ": type an existing user id");
    }
    String videoId = video.url().videoId();
    layer
        .videos()
        .getByVideoId(videoId)
        .ifPresent(
            existing -> {
              throw new IllegalArgumentException(
                  videoId
                      + " is already stored (row "
                      + existing.id()
                      + ", \""
                      + existing.title()
                      + "\"): search for it instead");
            });
    return layer.videos().create(Video.of(videoId, video.user(), video.url().url(), video.title()));
  }

  /** The title stripped; refused when empty or longer than {@link #MAX_TITLE}. */
  public static String checkTitle(String typed) {
    String title = typed == null ? "" : typed.strip();
    if (title.isEmpty()) {
      throw new IllegalArgumentException("The title is empty: type one.");
    }
    if (title.length() > MAX_TITLE) {
      throw new IllegalArgumentException(
          "The title has " + title.length() + " characters: use at most " + MAX_TITLE + ".");
    }
    return title;
  }

  /** A typed user id; {@code what} names the user in the message when it is not one. */
  public static long userId(String typed, String what) {
    String text = typed == null ? "" : typed.strip();
    if (text.isEmpty()) {
      throw new IllegalArgumentException("Type the id of " + what + ".");
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "User '" + text + "' is not a user id: type the number, or clear the field");
    }
  }
}
