package io.clipdeck.ui.browser;

import io.clipdeck.api.youtube.YouTubeUrl;
import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.data.Batch;
import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.Cursor;
import io.clipdeck.data.DataLayer;
import io.clipdeck.data.Direction;
import io.clipdeck.data.SampleData;
import io.clipdeck.data.Sort;
import io.clipdeck.data.VideoExport;
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
import io.clipdeck.ui.fx.ViewJobs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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

  /**
   * The most rows the table holds while scrolling appends pages: past it the oldest page goes, so
   * scrolling through a million rows keeps the heap flat.
   */
  static final int MAX_WINDOW = 10 * PAGE_SIZE;

  /** Placeholder rows shown at the end of the table while the next page loads. */
  static final int PLACEHOLDERS = 3;

  /** The columns the table sorts by: those keyset paging can walk (never NULL). */
  public static final List<String> SORT_COLUMNS =
      List.of("created_at", "updated_at", "id", "video_id", "user_id", "status");

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ProfileService profiles;
  private final Function<ConnectionProfile, DataLayer> data;
  private final Function<ConnectionProfile, MigrationService> migrations;
  private final ViewJobs viewJobs;
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
  private final VideoRows rows = new VideoRows();
  private final ReadOnlyStringWrapper countLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper databaseEmpty = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper notMigrated = new ReadOnlyBooleanWrapper(false);

  // The selected video.
  private final ObjectProperty<VideoRow> selected = new SimpleObjectProperty<>();
  private final ObservableList<VideoRow> selection = FXCollections.observableArrayList();
  private final StringProperty editTitle = new SimpleStringProperty("");
  private final ObjectProperty<VideoStatus> editStatus = new SimpleObjectProperty<>();
  private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper("");
  private final ObservableList<ClipRow> clips = FXCollections.observableArrayList();
  private final ObservableList<String> usage = FXCollections.observableArrayList();

  // The create form.
  private final StringProperty newUrl = new SimpleStringProperty("");
  private final StringProperty newTitle = new SimpleStringProperty("");
  private final StringProperty newUser = new SimpleStringProperty("");

  /**
   * The read that filled the table's first page: re-run after a change, so the user stays where
   * they were.
   */
  private PageRead windowRead = PageRead.FIRST;

  /** The videos in the table, in order (several pages once scrolling has appended some). */
  private List<Video> windowVideos = List.of();

  /** Page numbers of the table's first and last page. */
  private int firstPage = 1;

  private int lastPage = 1;
  private long matching;

  /** Every page read gets the next number; a result whose number is not the newest is dropped. */
  private long pageRequests;

  /** Whether placeholder rows wait at the end of the table for an appended page. */
  private boolean appending;

  private long detailRequests;
  private ScheduledFuture<?> pendingSearch;

  /** Where "Enrich selected" sends the chosen videos; nowhere until the shell says. */
  private Consumer<Map<Long, String>> enricher = videos -> {};

  /** Where "Enrich all matching" sends the current filter; nowhere until the shell says. */
  private Consumer<VideoFilter> matchingEnricher = filter -> {};

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
    this.viewJobs = new ViewJobs(jobs, fx);
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
    return viewJobs.busyProperty();
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
    return viewJobs.statusProperty();
  }

  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return viewJobs.statusIsErrorProperty();
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

  /** The new video's address: a YouTube video URL. */
  public StringProperty newUrlProperty() {
    return newUrl;
  }

  public StringProperty newTitleProperty() {
    return newTitle;
  }

  /** The id of the user the new video belongs to. */
  public StringProperty newUserProperty() {
    return newUser;
  }

  // Paging.

  /** The view came on screen: read the first page (the data may have changed meanwhile). */
  public void shown() {
    reload();
  }

  /**
   * Reads the first page of the current filter and sort, the search as typed so far included: a
   * search still waiting for typing to stop is dropped, or it would read the same page again later
   * and overtake what came meanwhile (a page appended by scrolling).
   */
  public void reload() {
    if (pendingSearch != null) {
      pendingSearch.cancel(false);
      pendingSearch = null;
    }
    read(PageRead.FIRST);
  }

  public void nextPage() {
    if (hasNext.get() && !windowVideos.isEmpty()) {
      read(PageRead.after(cursorOf(windowVideos.getLast()), lastPage + 1));
    }
  }

  public void previousPage() {
    if (hasPrevious.get() && !windowVideos.isEmpty()) {
      read(PageRead.before(cursorOf(windowVideos.getFirst()), firstPage - 1));
    }
  }

  /** The last page of the current filter: the first page of the reversed order, turned round. */
  public void lastPage() {
    read(PageRead.LAST);
  }

  /**
   * The user scrolled to the end of the table: placeholder rows show at once, and the next page
   * replaces them when it arrives. Nothing when there is no next page or one is on its way.
   */
  public void loadMore() {
    if (!hasNext.get() || appending || windowVideos.isEmpty()) {
      return;
    }
    appending = true;
    List<VideoRow> placeholders = new ArrayList<>(PLACEHOLDERS);
    for (int i = 0; i < PLACEHOLDERS; i++) {
      placeholders.add(VideoRow.placeholder(i));
    }
    rows.addAll(placeholders);
    read(PageRead.after(cursorOf(windowVideos.getLast()), lastPage + 1).appended());
  }

  private Cursor cursorOf(Video video) {
    return data.apply(profiles.active()).videos().cursorOf(video, sort());
  }

  private void searchSoon() {
    if (pendingSearch != null) {
      pendingSearch.cancel(false);
    }
    pendingSearch =
        scheduler.schedule(
            () -> fx.execute(this::reload), SEARCH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * One page to read by key: the rows after {@code anchor}, or before it when {@code backward}
   * (null: from the start, or from the end).
   *
   * @param page its number, counted from 1; {@code LAST_PAGE} until the count is known
   * @param append added to the table's rows rather than replacing them
   */
  private record PageRead(Cursor anchor, boolean backward, int page, boolean append) {
    static final int LAST_PAGE = -1;
    static final PageRead FIRST = new PageRead(null, false, 1, false);
    static final PageRead LAST = new PageRead(null, true, LAST_PAGE, false);

    static PageRead after(Cursor anchor, int page) {
      return new PageRead(anchor, false, page, false);
    }

    static PageRead before(Cursor anchor, int page) {
      return new PageRead(anchor, true, page, false);
    }

    PageRead appended() {
      return new PageRead(anchor, backward, page, true);
    }

    /** Whether rows lie beyond this page in the direction it was read. */
    boolean moreAfter(boolean readMore) {
      return backward ? anchor != null : readMore;
    }

    boolean moreBefore(boolean readMore) {
      return backward ? readMore : anchor != null;
    }
  }

  /**
   * What a page read brings back.
   *
   * @param videos the page in display order
   * @param rows the page's table rows, made on the worker (formatting them is the per-row work the
   *     FX thread is spared)
   * @param beyond whether a row lies past the page in the direction it was read
   */
  private record Page(
      boolean migrated,
      List<Video> videos,
      List<VideoRow> rows,
      boolean beyond,
      long matching,
      long all) {}

  /** Reads the table's first page again (after a change), where the user was. */
  private void load() {
    read(windowRead);
  }

  private void read(PageRead read) {
    VideoFilter filter;
    try {
      filter = filter();
    } catch (IllegalArgumentException e) {
      dropPlaceholders();
      report(e.getMessage(), true);
      return;
    }
    long request = ++pageRequests;
    if (!read.append()) {
      // A newer read replaces the table: an append on its way is stale now.
      dropPlaceholders();
    }
    Sort sort = sort();
    Sort readOrder = read.backward() ? reversed(sort) : sort;
    ConnectionProfile on = profiles.active();
    background(
        "Reading videos of " + on.name(),
        () -> {
          DataLayer layer = data.apply(on);
          if (!layer.schemaPresent()) {
            return new Page(false, List.of(), List.of(), false, 0, 0);
          }
          long matching = layer.videos().count(filter);
          // The last page holds what is left after the full pages, as paging forward shows it.
          int size =
              read.page() == PageRead.LAST_PAGE && matching % PAGE_SIZE != 0
                  ? (int) (matching % PAGE_SIZE)
                  : PAGE_SIZE;
          List<Video> fetched = layer.videos().browse(filter, read.anchor(), size + 1, readOrder);
          boolean beyond = fetched.size() > size;
          List<Video> videos = new ArrayList<>(fetched.subList(0, Math.min(size, fetched.size())));
          if (read.backward()) {
            Collections.reverse(videos);
          }
          Map<Long, Long> clipCounts =
              layer.clips().countsOf(videos.stream().map(Video::id).toList());
          return new Page(
              true,
              videos,
              videos.stream().map(video -> row(video, clipCounts)).toList(),
              beyond,
              matching,
              filter.equals(VideoFilter.ALL) ? -1 : layer.videos().count(VideoFilter.ALL));
        },
        (page, error) -> {
          if (request != pageRequests) {
            return; // a newer filter, sort or page was asked for meanwhile
          }
          if (error != null) {
            dropPlaceholders();
            report("Cannot read the videos: " + error.getMessage(), true);
            return;
          }
          show(page, read);
        });
  }

  private void dropPlaceholders() {
    if (appending) {
      appending = false;
      rows.removeIf(VideoRow::isPlaceholder);
    }
  }

  private static Sort reversed(Sort sort) {
    return new Sort(
        sort.column(), sort.direction() == Direction.ASC ? Direction.DESC : Direction.ASC);
  }

  private void show(Page page, PageRead read) {
    notMigrated.set(!page.migrated());
    if (!page.migrated()) {
      appending = false;
      rows.clear();
      windowVideos = List.of();
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
    boolean more = page.beyond();
    List<Video> videos = page.videos();
    matching = page.matching();
    long pages = Math.max(1, (matching + PAGE_SIZE - 1) / PAGE_SIZE);
    int number = read.page() == PageRead.LAST_PAGE ? (int) pages : read.page();
    String keep = selected.get() == null ? null : selected.get().videoId();
    List<VideoRow> shown = page.rows();
    if (read.append()) {
      List<Video> window = new ArrayList<>(windowVideos.size() + videos.size());
      window.addAll(windowVideos);
      window.addAll(videos);
      lastPage = number;
      hasNext.set(read.moreAfter(more));
      // Past the bound the oldest page goes (the view keeps the user's row in sight).
      // Whole pages go, so the window still starts where a page starts.
      int excess = Math.max(0, window.size() - MAX_WINDOW);
      int dropPages = (excess + PAGE_SIZE - 1) / PAGE_SIZE;
      int drop = dropPages * PAGE_SIZE;
      // One change for the table: the placeholders and the oldest page out, the page in.
      rows.slide(drop, appending ? PLACEHOLDERS : 0, shown);
      appending = false;
      if (drop > 0) {
        Video lastDropped = window.get(drop - 1);
        window = window.subList(drop, window.size());
        firstPage += dropPages;
        windowRead = PageRead.after(cursorOf(lastDropped), firstPage);
        hasPrevious.set(true);
      }
      windowVideos = List.copyOf(window);
    } else {
      windowVideos = List.copyOf(videos);
      rows.setAll(shown);
      firstPage = number;
      lastPage = number;
      windowRead = new PageRead(read.anchor(), read.backward(), number, false);
      hasNext.set(read.moreAfter(more));
      hasPrevious.set(read.moreBefore(more));
    }
    long all = page.all() < 0 ? page.matching() : page.all();
    databaseEmpty.set(all == 0);
    countLine.set(
        String.format(Locale.ROOT, "%,d", page.matching())
            + (page.matching() == 1 ? " video" : " videos")
            + (page.all() < 0 ? "" : String.format(Locale.ROOT, " match of %,d", all))
            + (firstPage == lastPage
                ? String.format(Locale.ROOT, " · page %,d", firstPage)
                : String.format(Locale.ROOT, " · pages %,d–%,d", firstPage, lastPage))
            + String.format(Locale.ROOT, " of %,d", pages));
    if (!read.append()) {
      selected.set(
          rows.stream().filter(row -> row.videoId().equals(keep)).findFirst().orElse(null));
    }
    if (viewJobs.statusIsErrorProperty().get()
        && viewJobs.statusProperty().get().startsWith("Cannot read")) {
      report("", false);
    }
  }

  private VideoFilter filter() {
    Optional<Long> user = Optional.empty();
    String typed = userFilter.get() == null ? "" : userFilter.get().strip();
    if (!typed.isEmpty()) {
      user = Optional.of(userId(typed, "a user"));
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
    if (row == null || row.isPlaceholder()) {
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
    try {
      checkTitle(title);
    } catch (IllegalArgumentException e) {
      report(e.getMessage(), true);
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
    List<VideoRow> chosen = selection.stream().filter(row -> !row.isPlaceholder()).toList();
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

  /**
   * Sends the enrichment view every selected video ({@code videos.id} with its external id), in
   * table order; the shell then shows that view.
   */
  public void onEnrichSelected(Consumer<Map<Long, String>> target) {
    enricher = target;
  }

  /** "Enrich selected": hands the selection to the enrichment view. */
  public void enrichSelected() {
    Map<Long, String> chosen = new LinkedHashMap<>();
    selection.stream()
        .filter(row -> !row.isPlaceholder())
        .forEach(row -> chosen.put(row.id(), row.videoId()));
    if (chosen.isEmpty()) {
      report("Select the videos to enrich first.", true);
      return;
    }
    report(
        "Sent " + chosen.size() + (chosen.size() == 1 ? " video" : " videos") + " to Enrichment.",
        false);
    enricher.accept(chosen);
  }

  /**
   * Sends the enrichment view the current filter ("Enrich all matching"); the shell then shows that
   * view. Only the filter travels: the enrichment service counts and walks its matches.
   */
  public void onEnrichMatching(Consumer<VideoFilter> target) {
    matchingEnricher = target;
  }

  /** "Enrich all matching": hands the current filter to the enrichment view. */
  public void enrichMatching() {
    VideoFilter filter;
    try {
      filter = filter();
    } catch (IllegalArgumentException e) {
      report(e.getMessage(), true);
      return;
    }
    report(
        "Sent the videos matching " + filter.describe(clock.getZone()) + " to Enrichment.", false);
    matchingEnricher.accept(filter);
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
            new SampleData(data.apply(on), clock, Batch.DEFAULT_CHUNK_SIZE)
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

  /**
   * Writes every video of the current filter, in the current order, to a CSV or JSON file,
   * streaming (the heap stays flat however many rows match).
   */
  public void export(Path file, VideoExport.Format format) {
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
        written ->
            fx.execute(
                () ->
                    report(
                        String.format(
                            Locale.ROOT,
                            "Exporting: %,d of %,d videos written…",
                            written,
                            matching),
                        false));
    background(
        "Exporting videos of " + on.name() + " to " + format,
        () -> VideoExport.write(data.apply(on).videos(), filter, sort, file, format, progress),
        (written, error) ->
            report(
                error == null
                    ? "Exported " + written + " videos to " + file + "."
                    : "Export failed: " + error.getMessage(),
                error != null));
  }

  /**
   * Adds a pending video from the create form: a YouTube URL (its video id becomes the external
   * id), a title and the owning user. Refuses, saying why, a URL that names no YouTube video, an
   * empty or long title, a user that is not a number or not there, and an id already stored.
   */
  public void createVideo() {
    YouTubeUrl url;
    long user;
    String title = newTitle.get() == null ? "" : newTitle.get().strip();
    try {
      url = YouTubeUrl.parse(newUrl.get());
      user = userId(newUser.get(), "the user the video belongs to");
      checkTitle(title);
    } catch (IllegalArgumentException e) {
      report(e.getMessage(), true);
      return;
    }
    ConnectionProfile on = profiles.active();
    String job = "Adding " + url.videoId();
    background(
        job,
        () -> {
          DataLayer layer = data.apply(on);
          if (layer.users().getById(user).isEmpty()) {
            throw new IllegalArgumentException(
                "there is no user " + user + " in " + on.name() + ": type an existing user id");
          }
          layer
              .videos()
              .getByVideoId(url.videoId())
              .ifPresent(
                  existing -> {
                    throw new IllegalArgumentException(
                        url.videoId()
                            + " is already stored (row "
                            + existing.id()
                            + ", \""
                            + existing.title()
                            + "\"): search for it instead");
                  });
          return layer.videos().create(Video.of(url.videoId(), user, url.url(), title));
        },
        (video, error) -> {
          if (error != null) {
            report(job + " failed: " + error.getMessage(), true);
            return;
          }
          newUrl.set("");
          newTitle.set("");
          report("Added " + video.videoId() + " (pending).", false);
          // Shown at once: searched for, at the top of the table.
          search.set(video.videoId());
          reload();
        });
  }

  private static void checkTitle(String title) {
    if (title.isEmpty()) {
      throw new IllegalArgumentException("The title is empty: type one.");
    }
    if (title.length() > MAX_TITLE) {
      throw new IllegalArgumentException(
          "The title has " + title.length() + " characters: use at most " + MAX_TITLE + ".");
    }
  }

  private static long userId(String typed, String what) {
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
    viewJobs.run(job, work, apply);
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
    viewJobs.report(message, error);
  }
}
