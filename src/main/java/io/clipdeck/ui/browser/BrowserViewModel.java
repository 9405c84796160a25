package io.clipdeck.ui.browser;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.browse.BrowseService;
import io.clipdeck.browse.BrowseWindow;
import io.clipdeck.browse.PageRequest;
import io.clipdeck.browse.VideoPage;
import io.clipdeck.data.Sort;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.ViewJobs;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * The video browser's table: the active profile's videos, filtered and sorted, a page at a time by
 * key ({@link BrowseWindow}). The selected video is {@link #details()}, the create form {@link
 * #newVideo()}, the changes, export and hand-over to enrichment {@link #actions()}; all four share
 * one {@link ViewJobs}, so {@link #loadingProperty()} and the status line cover them all. Reads and
 * writes go through {@link BrowseService} on a worker; a page that a newer request has overtaken is
 * dropped.
 */
public final class BrowserViewModel {

  static final int PAGE_SIZE = BrowseWindow.PAGE_SIZE;
  static final Duration SEARCH_DELAY = Duration.ofMillis(300);
  static final int MAX_WINDOW = BrowseWindow.MAX_WINDOW;

  /** Placeholder rows shown at the end of the table while the next page loads. */
  static final int PLACEHOLDERS = 3;

  /** The columns the table sorts by. */
  public static final List<String> SORT_COLUMNS = BrowseService.SORT_COLUMNS;

  private final BrowseService service;
  private final ViewJobs jobs;
  private final ViewJobs.Latest pageReads;
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final Executor fx;
  private final VideoFormat format;
  private final VideoDetailsViewModel details;
  private final NewVideoViewModel newVideo;
  private final BrowserActionsViewModel actions;
  private final BrowseWindow window;

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
  private final ObservableList<VideoRow> selection = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper countLine = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper hasNext = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper hasPrevious = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper databaseEmpty = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyBooleanWrapper notMigrated = new ReadOnlyBooleanWrapper(false);

  /** Whether placeholder rows wait at the end of the table for an appended page. */
  private boolean appending;

  private ScheduledFuture<?> pendingSearch;

  public BrowserViewModel(
      BrowseService service,
      BackgroundJobs backgroundJobs,
      DialogService dialogs,
      ScheduledExecutorService scheduler,
      Clock clock,
      Executor fx) {
    this.service = service;
    this.jobs = new ViewJobs(backgroundJobs, fx);
    this.pageReads = jobs.latest();
    this.scheduler = scheduler;
    this.clock = clock;
    this.fx = fx;
    this.format = new VideoFormat(clock.getZone());
    this.window = new BrowseWindow(video -> service.cursorOf(service.active(), video, sort()));
    this.actions =
        new BrowserActionsViewModel(service, jobs, dialogs, new Table(), clock.getZone());
    this.details = new VideoDetailsViewModel(service, jobs, dialogs, format, actions);
    this.newVideo =
        new NewVideoViewModel(
            service,
            jobs,
            videoId -> {
              search.set(videoId);
              reload();
            });
    statusFilter.addListener((observable, was, now) -> reload());
    userFilter.addListener((observable, was, now) -> reload());
    createdFrom.addListener((observable, was, now) -> reload());
    createdTo.addListener((observable, was, now) -> reload());
    sortColumn.addListener((observable, was, now) -> reload());
    ascending.addListener((observable, was, now) -> reload());
    search.addListener((observable, was, now) -> searchSoon());
  }

  /** The selected video: its details, clips, usage and edit. */
  public VideoDetailsViewModel details() {
    return details;
  }

  /** The jobs of the browser: its view shows their progress bar. */
  public ViewJobs jobs() {
    return jobs;
  }

  /** Status changes, enrichment, sample data, migration and export. */
  public BrowserActionsViewModel actions() {
    return actions;
  }

  /** The form for a new pending video. */
  public NewVideoViewModel newVideo() {
    return newVideo;
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

  /** Every selected row, for status changes of several videos at once. */
  public ObservableList<VideoRow> selection() {
    return selection;
  }

  /** "1,234 videos match · page 3 of 13". */
  public ReadOnlyStringProperty countLineProperty() {
    return countLine.getReadOnlyProperty();
  }

  /** True while any read or change of the browser runs or waits to be shown. */
  public ReadOnlyBooleanProperty loadingProperty() {
    return jobs.busyProperty();
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
    return jobs.statusProperty();
  }

  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return jobs.statusIsErrorProperty();
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
    read(PageRequest.FIRST);
  }

  public void nextPage() {
    window.next().ifPresent(this::read);
  }

  public void previousPage() {
    window.previous().ifPresent(this::read);
  }

  /** The last page of the current filter: the first page of the reversed order, turned round. */
  public void lastPage() {
    read(PageRequest.LAST);
  }

  /**
   * The user scrolled to the end of the table: placeholder rows show at once, and the next page
   * replaces them when it arrives. Nothing when there is no next page or one is on its way.
   */
  public void loadMore() {
    if (appending) {
      return;
    }
    Optional<PageRequest> more = window.more();
    if (more.isEmpty()) {
      return;
    }
    appending = true;
    List<VideoRow> placeholders = new ArrayList<>(PLACEHOLDERS);
    for (int i = 0; i < PLACEHOLDERS; i++) {
      placeholders.add(VideoRow.placeholder(i));
    }
    rows.addAll(placeholders);
    read(more.get());
  }

  private void searchSoon() {
    if (pendingSearch != null) {
      pendingSearch.cancel(false);
    }
    pendingSearch =
        scheduler.schedule(
            () -> fx.execute(this::reload), SEARCH_DELAY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A page with its table rows, made on the worker (the per-row work the FX thread is spared). */
  private record Read(VideoPage page, List<VideoRow> rows) {}

  private void read(PageRequest request) {
    VideoFilter filter;
    try {
      filter = filter();
    } catch (IllegalArgumentException e) {
      dropPlaceholders();
      jobs.report(e.getMessage(), true);
      return;
    }
    if (!request.append()) {
      // A newer read replaces the table: an append on its way is stale now.
      dropPlaceholders();
    }
    Sort sort = sort();
    ConnectionProfile on = service.active();
    pageReads.run(
        "Reading videos of " + on.name(),
        () -> {
          VideoPage page = service.read(on, filter, sort, request);
          return new Read(
              page,
              page.videos().stream().map(video -> format.row(video, page.clipCounts())).toList());
        },
        (read, error) -> {
          if (error != null) {
            dropPlaceholders();
            jobs.report("Cannot read the videos: " + ViewJobs.message(error), true);
            return;
          }
          show(read, request);
        });
  }

  private void dropPlaceholders() {
    if (appending) {
      appending = false;
      rows.removeIf(VideoRow::isPlaceholder);
    }
  }

  private void show(Read read, PageRequest request) {
    VideoPage page = read.page();
    BrowseWindow.Change change = window.apply(page, request);
    notMigrated.set(!page.migrated());
    hasNext.set(window.hasNext());
    hasPrevious.set(window.hasPrevious());
    if (!page.migrated()) {
      appending = false;
      rows.clear();
      databaseEmpty.set(false);
      countLine.set("");
      jobs.report(
          service.active().name()
              + " has no Clipdeck schema yet: create it, or load sample data, to browse videos.",
          false);
      return;
    }
    String keep =
        details.selectedProperty().get() == null
            ? null
            : details.selectedProperty().get().videoId();
    if (change.replace()) {
      rows.setAll(read.rows());
    } else {
      // One change for the table: the placeholders and the oldest page out, the page in.
      rows.slide(change.dropFirst(), appending ? PLACEHOLDERS : 0, read.rows());
      appending = false;
    }
    databaseEmpty.set(page.total() == 0);
    countLine.set(window.countLine(page));
    if (change.replace()) {
      details
          .selectedProperty()
          .set(rows.stream().filter(row -> row.videoId().equals(keep)).findFirst().orElse(null));
    }
    if (jobs.statusIsErrorProperty().get()
        && jobs.statusProperty().get().startsWith("Cannot read")) {
      jobs.report("", false);
    }
  }

  private VideoFilter filter() {
    Optional<Long> user = Optional.empty();
    String typed = userFilter.get() == null ? "" : userFilter.get().strip();
    if (!typed.isEmpty()) {
      user = Optional.of(BrowseService.userId(typed, "a user"));
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
    return BrowseService.sort(sortColumn.get(), ascending.get());
  }

  // What the actions and the details need of the table.

  private final class Table implements BrowserTable {
    @Override
    public VideoFilter filter() {
      return BrowserViewModel.this.filter();
    }

    @Override
    public Sort sort() {
      return BrowserViewModel.this.sort();
    }

    @Override
    public long matching() {
      return window.matching();
    }

    @Override
    public List<VideoRow> chosen() {
      return selection.stream().filter(row -> !row.isPlaceholder()).toList();
    }

    @Override
    public void readAgain() {
      read(window.reload());
    }

    @Override
    public void reload() {
      BrowserViewModel.this.reload();
    }
  }
}
