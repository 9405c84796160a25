package io.clipdeck.ui.browser;

import io.clipdeck.browse.BrowseService;
import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.Sort;
import io.clipdeck.data.VideoExport;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.ViewJobs;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * What the browser does beyond showing pages: status changes of the selection, the hand-over to
 * enrichment, sample data, migrating a database without the schema, and export. Changes on a
 * Production profile are confirmed first. Shares the browser's jobs and status line.
 */
public final class BrowserActionsViewModel implements BrowserWrites {

  private final BrowseService service;
  private final ViewJobs jobs;
  private final DialogService dialogs;
  private final BrowserTable table;
  private final ZoneId zone;
  private final Executor fx;

  /** Where "Enrich selected" sends the chosen videos; nowhere until the shell says. */
  private Consumer<Map<Long, String>> enricher = videos -> {};

  /** Where "Enrich all matching" sends the current filter; nowhere until the shell says. */
  private Consumer<VideoFilter> matchingEnricher = filter -> {};

  BrowserActionsViewModel(
      BrowseService service,
      ViewJobs jobs,
      DialogService dialogs,
      BrowserTable table,
      ZoneId zone,
      Executor fx) {
    this.service = service;
    this.jobs = jobs;
    this.dialogs = dialogs;
    this.table = table;
    this.zone = zone;
    this.fx = fx;
  }

  /**
   * Sets the status of every selected video, after asking when there are several or on Production.
   */
  public void setStatusOfSelection(VideoStatus newStatus) {
    List<VideoRow> chosen = table.chosen();
    if (chosen.isEmpty() || newStatus == null) {
      jobs.report("Select videos and a status.", true);
      return;
    }
    ConnectionProfile on = service.active();
    if ((chosen.size() > 1 || on.environment().asksBeforeWrites())
        && !dialogs.confirm(
            "Set the status of " + chosen.size() + (chosen.size() == 1 ? " video" : " videos"),
            "Set "
                + chosen.size()
                + (chosen.size() == 1 ? " video" : " videos")
                + " to "
                + newStatus.id()
                + (on.environment().asksBeforeWrites()
                    ? " on " + on.name() + ", a Production database"
                    : "")
                + "?",
            "Set status")) {
      return;
    }
    List<Long> ids = chosen.stream().map(VideoRow::id).toList();
    write(
        "Setting " + chosen.size() + " videos to " + newStatus.id(),
        () -> {
          service.setStatus(on, ids, newStatus);
          return null;
        },
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
    table.chosen().forEach(row -> chosen.put(row.id(), row.videoId()));
    if (chosen.isEmpty()) {
      jobs.report("Select the videos to enrich first.", true);
      return;
    }
    jobs.report(
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
      filter = table.filter();
    } catch (IllegalArgumentException e) {
      jobs.report(e.getMessage(), true);
      return;
    }
    jobs.report("Sent the videos matching " + filter.describe(zone) + " to Enrichment.", false);
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

  /**
   * Fills an empty database with {@code count} sample videos (with users, clips and usage); asks
   * first on Production.
   */
  public void generateSampleData(int count) {
    if (count < 1 || count > BrowseService.MAX_SAMPLE) {
      jobs.report("Generate between 1 and 1,000,000 sample videos.", true);
      return;
    }
    ConnectionProfile on = service.active();
    if (!confirmOnProduction(
        on,
        "Sample data in " + on.name(),
        "Add " + String.format(Locale.ROOT, "%,d", count) + " sample videos with their users",
        "Generate")) {
      return;
    }
    jobs.report("Generating " + count + " sample videos in " + on.name() + "…", false);
    BatchProgress progress =
        (chunk, done, total) ->
            fx.execute(
                () ->
                    jobs.report(
                        "Generating sample data: " + done + " of " + total + " rows…", false));
    jobs.run(
        "Generating sample data in " + on.name(),
        () -> service.generateSampleData(on, count, progress),
        (made, error) -> {
          if (error != null) {
            jobs.report("Sample data failed: " + ViewJobs.message(error), true);
            return;
          }
          jobs.report(
              "Made "
                  + made.videos()
                  + " videos, "
                  + made.clips()
                  + " clips and "
                  + made.usage()
                  + " usage rows.",
              false);
          table.reload();
        });
  }

  /** Applies Clipdeck's migrations to a database that lacks its schema. */
  public void migrateNow() {
    ConnectionProfile on = service.active();
    write(
        "Migrating " + on.name(),
        () -> {
          service.migrate(on);
          return null;
        },
        "Migrated " + on.name() + ": its videos can be browsed.");
  }

  /**
   * Writes every video of the current filter, in the current order, to a CSV or JSON file,
   * streaming (the heap stays flat however many rows match).
   */
  public void export(Path file, VideoExport.Format exportFormat) {
    VideoFilter filter;
    try {
      filter = table.filter();
    } catch (IllegalArgumentException e) {
      jobs.report(e.getMessage(), true);
      return;
    }
    ConnectionProfile on = service.active();
    Sort sort = table.sort();
    long matching = table.matching();
    jobs.report("Exporting to " + file + "…", false);
    Consumer<Long> progress =
        written ->
            fx.execute(
                () ->
                    jobs.report(
                        String.format(
                            Locale.ROOT,
                            "Exporting: %,d of %,d videos written…",
                            written,
                            matching),
                        false));
    jobs.run(
        "Exporting videos of " + on.name() + " to " + exportFormat,
        () -> service.export(on, filter, sort, file, exportFormat, progress),
        (written, error) ->
            jobs.report(
                error == null
                    ? "Exported " + written + " videos to " + file + "."
                    : "Export failed: " + ViewJobs.message(error),
                error != null));
  }

  // Machinery.

  @Override
  public boolean confirmOnProduction(
      ConnectionProfile on, String title, String what, String confirmLabel) {
    return !on.environment().asksBeforeWrites()
        || dialogs.confirm(
            title, on.name() + " is a Production database. " + what + "?", confirmLabel);
  }

  /** A change on a worker; then the table's page is read again and {@code done} reported. */
  @Override
  public void write(String job, Callable<?> change, String done) {
    jobs.run(
        job,
        change,
        (result, error) -> {
          if (error != null) {
            jobs.report(job + " failed: " + ViewJobs.message(error), true);
            return;
          }
          jobs.report(done, false);
          table.readAgain();
        });
  }
}
