package io.clipdeck.ui.browser;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.Cursor;
import io.clipdeck.data.DataLayer;
import io.clipdeck.data.Direction;
import io.clipdeck.data.SampleData;
import io.clipdeck.data.Sort;
import io.clipdeck.data.VideoCsv;
import io.clipdeck.data.model.Clip;
import io.clipdeck.data.model.ModelUsage;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.data.repo.VideoRepository.StatusUpdate;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.ProfileService;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.ui.fx.DialogService;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The video browser: the active profile's videos, filtered and sorted, a page at a time by keyset;
 * the selected video's details, clips and model usage; edits, deletes, status changes of a
 * selection, CSV export, sample data for an empty database. Every read runs on a worker; a result
 * that a newer request has overtaken is dropped.
 */
public final class BrowserViewModel {

  static final int PAGE_SIZE = 100;
  static final Duration SEARCH_DELAY = Duration.ofMillis(300);
  static final int MAX_TITLE = 500;

  /** The columns the table sorts by: those keyset paging can walk (never NULL). */
  public static final List<String> SORT_COLUMNS =
      List.of("created_at", "updated_at", "id", "video_id", "user_id", "status");

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ProfileService profiles;
  private final Function<ConnectionProfile, DataLayer> data;
  private final Function<ConnectionProfile, MigrationService> migrations;
  private final BackgroundJobs jobs;
  private final DialogService dialogs;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Executor fx;

  // What the user asks for.
  private final ObjectProperty<VideoStatus> statusFilter = new SimpleObjectProperty<>();
  private final StringProperty search = new SimpleStringProperty("");
  private final StringProperty userFilter = new SimpleStringProperty("");
  private final ObjectProperty<LocalDate> createdFrom = new SimpleObjectProperty<>();
  private final ObjectProperty<LocalDate> createdTo = new SimpleObjectProperty<>();
  private final StringProperty sortColumn = new SimpleStringProperty("created_at");
  private final BooleanProperty ascending = new SimpleBooleanProperty(false);

  // What the table shows.
  private final ObservableList<VideoRow> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper countLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper databaseEmpty = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper notMigrated = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper statusIsError = new ReadOnlyBooleanWrapper(false);

  // The selected video.
  private final ObjectProperty<VideoRow> selected = new SimpleObjectProperty<>();
  private final ObservableList<VideoRow> selection = FXCollections.observableArrayList();
  private final StringProperty editTitle = new SimpleStringProperty("");
  private final ObjectProperty<VideoStatus> editStatus = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
  private final ObservableList<ClipRow> clips = FXCollections.observableArrayList();
  private final ObservableList<String> usage = FXCollections.observableArrayList();

  /** Where each page starts: null for the first, then the cursor after the previous page. */
  private final List<Cursor> pageStarts = new ArrayList<>();

  private List<Video> pageVideos = List.of();
  private long pageRequests;

  /** Background jobs started and not yet applied. */
  private final AtomicInteger outstanding = new AtomicInteger();

  private long detailRequests;
  private ScheduledFuture<?> pendingSearch;

  public BrowserViewModel(
      ProfileService profiles,
      Function<ConnectionProfile, DataLayer> data,
      Function<ConnectionProfile, MigrationService> migrations,
      BackgroundJobs jobs,
      DialogService dialogs,
      ScheduledExecutorService scheduler,
      Clock clock,
      Executor fx) {
    this.profiles = profiles;
    this.data = data;
    this.migrations = migrations;
    this.jobs = jobs;
    this.dialogs = dialogs;
    this.scheduler = scheduler;
    this.clock = clock;
    this.fx = fx;
    statusFilter.addListener((observable, was, now) -> reload());
    userFilter.addListener((observable, was, now) -> reload());
    createdFrom.addListener((observable, was, now) -> reload());
    createdTo.addListener((observable, was, now) -> reload());
    sortColumn.addListener((observable, was, now) -> reload());
    ascending.addListener((observable, was, now) -> reload());
    search.addListener((observable, was, now) -> searchSoon());
    selected.addListener((observable, was, row) -> showDetails(row));
  }

  // Properties the view binds to.

  /** The status to show; null for every status. */
  public ObjectProperty<VideoStatus> statusFilterProperty() {
    return statusFilter;
  }

  /** Part of a title or external id; applied a moment after typing stops. */
  public StringProperty searchProperty() {
    return search;
  }

  /** A user's id, or blank for every user. */
  public StringProperty userFilterProperty() {
    return userFilter;
  }

  public ObjectProperty<LocalDate> createdFromProperty() {
    return createdFrom;
  }

  /** The last day included. */
  public ObjectProperty<LocalDate> createdToProperty() {
    return createdTo;
  }

  /** One of {@link #SORT_COLUMNS}. */
  public StringProperty sortColumnProperty() {
    return sortColumn;
  }

  public BooleanProperty ascendingProperty() {
    return ascending;
  }

  public ObservableList<VideoRow> rows() {
    return rows;
  }

  /** "1,234 videos match · page 3 of 13". */
  public ReadOnlyStringProperty countLineProperty() {
    return countLine.getReadOnlyProperty();
  }

  /** True while any read or change of this view runs or waits to be shown. */
  public ReadOnlyBooleanProperty loadingProperty() {
    return loading.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasNextProperty() {
    return hasNext.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty hasPreviousProperty() {
    return hasPrevious.getReadOnlyProperty();
  }

  /** The database has no video at all: the view offers sample data. */
  public ReadOnlyBooleanProperty databaseEmptyProperty() {
    return databaseEmpty.getReadOnlyProperty();
  }

  /** The profile's database lacks Clipdeck's schema: the view offers to migrate it. */
  public ReadOnlyBooleanProperty notMigratedProperty() {
    return notMigrated.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return statusIsError.getReadOnlyProperty();
  }

  /** The video whose details are shown. */
  public ObjectProperty<VideoRow> selectedProperty() {
    return selected;
  }

  /** Every selected row, for status changes of several videos at once. */
  public ObservableList<VideoRow> selection() {
    return selection;
  }

  public StringProperty editTitleProperty() {
    return editTitle;
  }

  public ObjectProperty<VideoStatus> editStatusProperty() {
    return editStatus;
  }

  /** The selected video's fields, one per line. */
  public ReadOnlyStringProperty detailsProperty() {
    return details.getReadOnlyProperty();
  }

  public ObservableList<ClipRow> clips() {
    return clips;
  }

  public ObservableList<String> usage() {
    return usage;
  }

  // Paging.

  /** The view came on screen: read the first page (the data may have changed meanwhile). */
  public void shown() {
    reload();
  }

  /** Reads the first page of the current filter and sort. */
  public void reload() {
    pageStarts.clear();
    pageStarts.add(null);
    load();
  }

  public void nextPage() {
    if (!hasNext.get() || pageVideos.isEmpty()) {
      return;
    }
    ConnectionProfile on = profiles.active();
    pageStarts.add(data.apply(on).videos().cursorOf(pageVideos.getLast(), sort()));
    load();
  }

  public void previousPage() {
    if (pageStarts.size() > 1) {
      pageStarts.removeLast();
      load();
    }
  }

  private void searchSoon() {
    if (pendingSearch != null) {
      pendingSearch.cancel(false);
    }
    pendingSearch =
        scheduler.schedule(
            () -> fx.execute(this::reload), SEARCH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** What a page read brings back. */
  private record Page(
      boolean migrated, List<Video> videos, Map<Long, Long> clipCounts, long matching, long all) {}

  private void load() {
    VideoFilter filter;
    try {
      filter = filter();
    } catch (IllegalArgumentException e) {
      report(e.getMessage(), true);
      return;
    }
    long request = ++pageRequests;
    int pageIndex = pageStarts.size();
    Cursor start = pageStarts.getLast();
    Sort sort = sort();
    ConnectionProfile on = profiles.active();
    background(
        "Reading videos of " + on.name(),
        () -> {
          DataLayer layer = data.apply(on);
          if (!layer.schemaPresent()) {
            return new Page(false, List.of(), Map.of(), 0, 0);
          }
          List<Video> videos = layer.videos().browse(filter, start, PAGE_SIZE + 1, sort);
          List<Long> ids = videos.stream().map(Video::id).toList();
          return new Page(
              true,
              videos,
              layer.clips().countsOf(ids),
              layer.videos().count(filter),
              filter.equals(VideoFilter.ALL) ? -1 : layer.videos().count(VideoFilter.ALL));
        },
        (page, error) -> {
          if (request != pageRequests) {
            return; // a newer filter, sort or page was asked for meanwhile
          }
          if (error != null) {
            report("Cannot read the videos: " + error.getMessage(), true);
            return;
          }
          show(page, pageIndex);
        });
  }

  private void show(Page page, int pageIndex) {
    notMigrated.set(!page.migrated());
    if (!page.migrated()) {
      rows.clear();
      pageVideos = List.of();
      hasNext.set(false);
      hasPrevious.set(false);
      databaseEmpty.set(false);
      countLine.set("");
      report(
          profiles.active().name()
              + " does not have Clipdeck's schema yet: migrate it (Migrate now, or the Migrations"
              + " view) to browse its videos.",
          false);
      return;
    }
    boolean more = page.videos().size() > PAGE_SIZE;
    pageVideos = more ? page.videos().subList(0, PAGE_SIZE) : page.videos();
    String keep = selected.get() == null ? null : selected.get().videoId();
    rows.setAll(pageVideos.stream().map(video -> row(video, page.clipCounts())).toList());
    hasNext.set(more);
    hasPrevious.set(pageIndex > 1);
    long all = page.all() < 0 ? page.matching() : page.all();
    databaseEmpty.set(all == 0);
    long pages = Math.max(1, (page.matching() + PAGE_SIZE - 1) / PAGE_SIZE);
    countLine.set(
        String.format(Locale.ROOT, "%,d", page.matching())
            + (page.matching() == 1 ? " video" : " videos")
            + (page.all() < 0 ? "" : String.format(Locale.ROOT, " match of %,d", all))
            + " · page "
            + pageIndex
            + " of "
            + pages);
    selected.set(rows.stream().filter(row -> row.videoId().equals(keep)).findFirst().orElse(null));
    if (statusIsError.get() && status.get().startsWith("Cannot read")) {
      report("", false);
    }
  }

  private VideoFilter filter() {
    Optional<Long> user = Optional.empty();
    String typed = userFilter.get() == null ? "" : userFilter.get().strip();
    if (!typed.isEmpty()) {
      try {
        user = Optional.of(Long.parseLong(typed));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "User '" + typed + "' is not a user id: type the number, or clear the field");
      }
    }
    ZoneId zone = clock.getZone();
    return new VideoFilter(
        Optional.ofNullable(statusFilter.get()),
        user,
        Optional.ofNullable(createdFrom.get()).map(day -> day.atStartOfDay(zone).toInstant()),
        Optional.ofNullable(createdTo.get())
            .map(day -> day.plusDays(1).atStartOfDay(zone).toInstant()),
        search.get());
  }

  private Sort sort() {
    String column = SORT_COLUMNS.contains(sortColumn.get()) ? sortColumn.get() : "created_at";
    return new Sort(column, ascending.get() ? Direction.ASC : Direction.DESC);
  }

  // The selected video.

  private void showDetails(VideoRow row) {
    long request = ++detailRequests;
    if (row == null) {
      details.set("");
      clips.clear();
      usage.clear();
      editTitle.set("");
      editStatus.set(null);
      return;
    }
    Video video = row.video();
    editTitle.set(video.title() == null ? "" : video.title());
    editStatus.set(video.status());
    details.set(describe(video));
    ConnectionProfile on = profiles.active();
    background(
        "Reading the clips of " + video.videoId(),
        () -> {
          DataLayer layer = data.apply(on);
          return Map.entry(
              layer.clips().clipsOf(video.id()), layer.usage().getByField("video_id", video.id()));
        },
        (found, error) -> {
          if (request != detailRequests) {
            return;
          }
          if (error != null) {
            report("Cannot read the clips: " + error.getMessage(), true);
            return;
          }
          double length =
              video.durationS() != null && video.durationS() > 0
                  ? video.durationS()
                  : found.getKey().stream().mapToDouble(Clip::endS).max().orElse(1);
          clips.setAll(found.getKey().stream().map(clip -> clipRow(clip, length)).toList());
          usage.setAll(found.getValue().stream().map(BrowserViewModel::usageLine).toList());
        });
  }

  /** Saves the edited title and status of the selected video. */
  public void save() {
    VideoRow row = selected.get();
    if (row == null) {
      report("Select a video to edit it.", true);
      return;
    }
    String title = editTitle.get() == null ? "" : editTitle.get().strip();
    if (title.isEmpty()) {
      report("The title is empty: type one.", true);
      return;
    }
    if (title.length() > MAX_TITLE) {
      report(
          "The title has " + title.length() + " characters: use at most " + MAX_TITLE + ".", true);
      return;
    }
    if (editStatus.get() == null) {
      report("Choose a status.", true);
      return;
    }
    VideoStatus newStatus = editStatus.get();
    write(
        "Saving " + row.videoId(),
        layer ->
            layer
                .videos()
                .update(row.id(), Map.of("title", title, "status", newStatus.id()))
                .orElseThrow(
                    () -> new IllegalStateException(row.videoId() + " was deleted meanwhile")),
        "Saved " + row.videoId() + ".");
  }

  /** Deletes the selected video and its clips, after asking. */
  public void deleteSelected() {
    VideoRow row = selected.get();
    if (row == null) {
      return;
    }
    if (!dialogs.confirm(
        "Delete " + row.videoId(),
        "Delete the video "
            + row.videoId()
            + (row.clips() > 0 ? " and its " + row.clips() + " clips" : "")
            + " from "
            + profiles.active().name()
            + "?",
        "Delete")) {
      return;
    }
    write(
        "Deleting " + row.videoId(),
        layer -> layer.videos().delete(row.id()),
        "Deleted " + row.videoId() + ".");
  }

  /** Sets the status of every selected video, after asking when there are several. */
  public void setStatusOfSelection(VideoStatus newStatus) {
    List<VideoRow> chosen = List.copyOf(selection);
    if (chosen.isEmpty() || newStatus == null) {
      report("Select videos and a status.", true);
      return;
    }
    if (chosen.size() > 1
        && !dialogs.confirm(
            "Set the status of " + chosen.size() + " videos",
            "Set " + chosen.size() + " videos to " + newStatus.id() + "?",
            "Set status")) {
      return;
    }
    write(
        "Setting " + chosen.size() + " videos to " + newStatus.id(),
        layer ->
            layer
                .videos()
                .batchUpdateStatus(
                    chosen.stream().map(row -> new StatusUpdate(row.id(), newStatus)).toList()),
        "Set "
            + chosen.size()
            + (chosen.size() == 1 ? " video" : " videos")
            + " to "
            + newStatus.id()
            + ".");
  }

  /** A typed count of sample videos; 0 (refused by {@link #generateSampleData}) when not one. */
  public int parseCount(String typed) {
    if (typed == null) {
      return 0;
    }
    try {
      return Integer.parseInt(typed.strip().replace(",", "").replace("_", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** Fills an empty database with {@code count} sample videos (with users, clips and usage). */
  public void generateSampleData(int count) {
    if (count < 1 || count > 1_000_000) {
      report("Generate between 1 and 1,000,000 sample videos.", true);
      return;
    }
    ConnectionProfile on = profiles.active();
    report("Generating " + count + " sample videos in " + on.name() + "…", false);
    BatchProgress progress =
        (chunk, done, total) ->
            fx.execute(
                () -> report("Generating sample data: " + done + " of " + total + " rows…", false));
    background(
        "Generating sample data in " + on.name(),
        () ->
            new SampleData(data.apply(on), clock, 1_000)
                .generate(
                    new SampleData.Spec(Math.max(1, count / 500), count, 2, 3, clock.millis()),
                    progress),
        (result, error) -> {
          if (error != null) {
            report("Sample data failed: " + error.getMessage(), true);
            return;
          }
          report(
              "Made "
                  + result.videoIds().size()
                  + " videos, "
                  + result.clips()
                  + " clips and "
                  + result.usage()
                  + " usage rows.",
              false);
          reload();
        });
  }

  /** Applies Clipdeck's migrations to a database that lacks its schema. */
  public void migrateNow() {
    ConnectionProfile on = profiles.active();
    write(
        "Migrating " + on.name(),
        layer -> {
          var outcome = migrations.apply(on).migrate(Optional.empty(), step -> {});
          outcome
              .failure()
              .ifPresent(
                  failure -> {
                    throw new IllegalStateException(failure.describe());
                  });
          return outcome;
        },
        "Migrated " + on.name() + ": its videos can be browsed.");
  }

  /** Writes every video of the current filter to a CSV file, streaming (the heap stays flat). */
  public void exportCsv(Path file) {
    VideoFilter filter;
    try {
      filter = filter();
    } catch (IllegalArgumentException e) {
      report(e.getMessage(), true);
      return;
    }
    ConnectionProfile on = profiles.active();
    Sort sort = sort();
    report("Exporting to " + file + "…", false);
    Consumer<Long> progress =
        written -> fx.execute(() -> report("Exporting: " + written + " videos written…", false));
    background(
        "Exporting videos of " + on.name(),
        () -> VideoCsv.write(data.apply(on).videos(), filter, sort, file, progress),
        (written, error) ->
            report(
                error == null
                    ? "Exported " + written + " videos to " + file + "."
                    : "Export failed: " + error.getMessage(),
                error != null));
  }

  // Machinery.

  /** A change on a worker; then the page is read again and {@code done} reported. */
  private void write(String job, Function<DataLayer, ?> change, String done) {
    ConnectionProfile on = profiles.active();
    background(
        job,
        () -> change.apply(data.apply(on)),
        (result, error) -> {
          if (error != null) {
            report(job + " failed: " + error.getMessage(), true);
            return;
          }
          report(done, false);
          load();
        });
  }

  /**
   * Runs {@code work} as a background job, then {@code apply} with its result or its failure on the
   * FX thread. {@link #loadingProperty()} stays true until every such job has been applied,
   * including those an apply starts (the page read after a write).
   */
  private <T> void background(String job, Callable<T> work, BiConsumer<T, Throwable> apply) {
    outstanding.incrementAndGet();
    loading.set(true);
    jobs.submit(job, work)
        .whenComplete(
            (result, error) ->
                fx.execute(
                    () -> {
                      try {
                        apply.accept(result, error == null ? null : cause(error));
                      } finally {
                        loading.set(outstanding.decrementAndGet() > 0);
                      }
                    }));
  }

  private VideoRow row(Video video, Map<Long, Long> clipCounts) {
    return new VideoRow(
        video.id(),
        video.videoId(),
        video.title() == null ? "" : video.title(),
        video.userId(),
        video.status().id(),
        video.durationS() == null ? "" : minutes(video.durationS()),
        clipCounts.getOrDefault(video.id(), 0L),
        when(video.createdAt()),
        when(video.updatedAt()),
        video);
  }

  private String describe(Video video) {
    List<String> lines = new ArrayList<>();
    lines.add("External id  " + video.videoId());
    lines.add("URL          " + video.url());
    lines.add("User         " + video.userId());
    lines.add(
        "Duration     " + (video.durationS() == null ? "unknown" : minutes(video.durationS())));
    lines.add("Created      " + when(video.createdAt()) + " · updated " + when(video.updatedAt()));
    if (video.processingTimeS() != null) {
      lines.add(String.format(Locale.ROOT, "Processing   %.1f s", video.processingTimeS()));
    }
    if (video.thumbnailPath() != null) {
      lines.add("Thumbnail    " + video.thumbnailPath());
    }
    if (video.narrationPath() != null) {
      lines.add("Narration    " + video.narrationPath());
    }
    if (video.error() != null) {
      lines.add("Last error   " + video.error());
    }
    if (video.description() != null && !video.description().isBlank()) {
      lines.add("");
      lines.add(video.description());
    }
    return String.join("\n", lines);
  }

  private static ClipRow clipRow(Clip clip, double length) {
    return new ClipRow(
        minutes(clip.startS()) + " – " + minutes(clip.endS()),
        clip.caption() == null ? "" : clip.caption(),
        String.join(", ", clip.effects()),
        Math.clamp(clip.startS() / length, 0, 1),
        Math.clamp(clip.endS() / length, 0, 1));
  }

  private static String usageLine(ModelUsage row) {
    return row.provider()
        + " · "
        + row.modelType()
        + (row.tokens() == null ? "" : " · " + row.tokens() + " tokens")
        + (row.processingTimeS() == null
            ? ""
            : String.format(Locale.ROOT, " · %.1f s", row.processingTimeS()));
  }

  private String when(java.time.Instant instant) {
    return instant == null ? "" : WHEN.format(instant.atZone(clock.getZone()));
  }

  private static String minutes(double seconds) {
    long whole = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d", whole / 60, whole % 60);
  }

  private void report(String message, boolean error) {
    status.set(message);
    statusIsError.set(error);
  }

  private static Throwable cause(Throwable error) {
    return error instanceof CompletionException wrapped && wrapped.getCause() != null
        ? wrapped.getCause()
        : error;
  }
}
