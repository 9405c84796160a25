package io.clipdeck.ui.browser;

import io.clipdeck.browse.BrowseService;
import io.clipdeck.data.Sort;
import io.clipdeck.data.VideoExport;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.progress.JobCancelledException;
import io.clipdeck.ui.fx.DialogService;
import io.clipdeck.ui.fx.SchemaOffer;
import io.clipdeck.ui.fx.ViewJobs;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
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
  private final SchemaOffer schemaOffer;

  /** Where "Enrich selected" sends the chosen videos; nowhere until the shell says. */
  private Consumer<Map<Long, String>> enricher = videos -> {};

  /** Where "Enrich all matching" sends the current filter; nowhere until the shell says. */
  private Consumer<VideoFilter> matchingEnricher = filter -> {};

  BrowserActionsViewModel(
      BrowseService service,
      ViewJobs jobs,
      DialogService dialogs,
      BrowserTable table,
      ZoneId zone) {
    this.service = service;
    this.jobs = jobs;
    this.dialogs = dialogs;
    this.table = table;
    this.zone = zone;
    this.schemaOffer = new SchemaOffer(service, jobs, dialogs);
    schemaOffer.onReady(table::reload);
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
    String job = "Setting " + chosen.size() + " videos to " + newStatus.id();
    jobs.track(
        job,
        progress -> {
          service.setStatus(on, ids, newStatus, progress);
          return null;
        },
        (result, error) -> {
          if (error != null) {
            jobs.report(stopped(job, error), !(error instanceof JobCancelledException));
          } else {
            jobs.report(
                "Set "
                    + chosen.size()
                    + (chosen.size() == 1 ? " video" : " videos")
                    + " to "
                    + newStatus.id()
                    + ".",
                false);
          }
          table.readAgain();
        });
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
    return SchemaOffer.parseCount(typed);
  }

  /** "Create the Clipdeck schema" and "Load sample data", for a database without videos. */
  public SchemaOffer schemaOffer() {
    return schemaOffer;
  }

  /**
   * Fills the database with {@code count} sample videos (with users, clips and usage), creating the
   * schema first when it has none; asks first on Production.
   */
  public void generateSampleData(int count) {
    schemaOffer.loadSampleData(count);
  }

  /** Creates Clipdeck's schema in a database that has none; asks first on Production. */
  public void migrateNow() {
    schemaOffer.createSchema();
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
    jobs.track(
        "Exporting videos to " + file.getFileName(),
        progress -> service.export(on, filter, sort, file, exportFormat, matching, progress),
        (written, error) ->
            jobs.report(
                error == null
                    ? "Exported " + written + " videos to " + file + "."
                    : stopped("Export", error)
                        + (error instanceof JobCancelledException ? "; no file was written." : ""),
                error != null && !(error instanceof JobCancelledException)));
  }

  /** "what cancelled after …" for a cancelled job, else "what failed: cause". */
  private static String stopped(String what, Throwable error) {
    return error instanceof JobCancelledException
        ? what + ": " + error.getMessage() + "."
        : what + " failed: " + ViewJobs.message(error);
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
