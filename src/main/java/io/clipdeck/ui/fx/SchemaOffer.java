package io.clipdeck.ui.fx;

import io.clipdeck.browse.BrowseService;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.progress.JobCancelledException;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * What a view that needs Clipdeck's schema offers on a database without it: "Create the Clipdeck
 * schema" and "Load sample data" (which creates the schema first), each asked first on a Production
 * profile, the sample data with a progress bar and a cancel. The browser and the enrichment view
 * use it alike; it reports in their status line.
 */
public final class SchemaOffer {

  private final BrowseService service;
  private final ViewJobs jobs;
  private final DialogService dialogs;
  private final ReadOnlyBooleanWrapper needed = new ReadOnlyBooleanWrapper(false);
  private Runnable ready = () -> {};

  public SchemaOffer(BrowseService service, ViewJobs jobs, DialogService dialogs) {
    this.service = service;
    this.jobs = jobs;
    this.dialogs = dialogs;
  }

  /** Called after the schema was created or sample data loaded (or stopped): read again. */
  public void onReady(Runnable afterwards) {
    this.ready = afterwards;
  }

  /** True when the active profile's database has no Clipdeck schema: the view shows the offer. */
  public ReadOnlyBooleanProperty neededProperty() {
    return needed.getReadOnlyProperty();
  }

  /** Sets the offer from what a read found (the browser's pages say whether there is a schema). */
  public void needed(boolean noSchema) {
    needed.set(noSchema);
  }

  /** Checks the active profile on a worker: runs {@code whenPresent} if it has the schema. */
  public void check(Runnable whenPresent) {
    ConnectionProfile on = service.active();
    jobs.run(
        "Checking " + on.name() + " for Clipdeck's schema",
        () -> service.schemaPresent(on),
        (present, error) -> {
          if (error != null) {
            jobs.report("Cannot read " + on.name() + ": " + ViewJobs.message(error), true);
            return;
          }
          needed.set(!present);
          if (present) {
            whenPresent.run();
          } else {
            jobs.report(
                on.name() + " has no Clipdeck schema yet: create it, or load sample data.", false);
          }
        });
  }

  /** Creates Clipdeck's schema in the active profile's database; asks first on Production. */
  public void createSchema() {
    ConnectionProfile on = service.active();
    if (!confirmOnProduction(
        on,
        "Create the Clipdeck schema in " + on.name(),
        "Create Clipdeck's tables in it",
        "Create")) {
      return;
    }
    jobs.report("Creating the Clipdeck schema in " + on.name() + "…", false);
    jobs.run(
        "Creating the Clipdeck schema in " + on.name(),
        () -> {
          service.migrate(on);
          return null;
        },
        (done, error) -> {
          if (error != null) {
            jobs.report("Creating the schema failed: " + ViewJobs.message(error), true);
            return;
          }
          needed.set(false);
          jobs.report("Created the Clipdeck schema in " + on.name() + ".", false);
          ready.run();
        });
  }

  /**
   * Loads {@code count} sample videos (with users, clips and usage) into the active profile's
   * database, creating the schema first when it has none; asks first on Production. Shows its
   * progress; a cancel keeps the videos written so far, each with its clips.
   */
  public void loadSampleData(int count) {
    if (count < 1 || count > BrowseService.MAX_SAMPLE) {
      jobs.report("Type how many sample videos to load: between 1 and 1,000,000.", true);
      return;
    }
    ConnectionProfile on = service.active();
    String videos = String.format(Locale.ROOT, "%,d", count);
    if (!confirmOnProduction(
        on,
        "Sample data in " + on.name(),
        "Add " + videos + " sample videos with their users",
        "Load")) {
      return;
    }
    String job = "Loading " + videos + " sample videos";
    jobs.report(job + " into " + on.name() + "…", false);
    jobs.track(
        job,
        progress -> service.generateSampleData(on, count, progress),
        (made, error) -> {
          if (error instanceof JobCancelledException) {
            jobs.report(error.getMessage() + ".", false);
          } else if (error != null) {
            jobs.report("Sample data failed: " + ViewJobs.message(error), true);
          } else {
            jobs.report(
                String.format(
                    Locale.ROOT,
                    "Made %,d videos, %,d clips and %,d usage rows.",
                    made.videos(),
                    made.clips(),
                    made.usage()),
                false);
          }
          needed.set(false);
          ready.run();
        });
  }

  /** A typed count of sample videos; 0 (refused by {@link #loadSampleData}) when not one. */
  public static int parseCount(String typed) {
    if (typed == null) {
      return 0;
    }
    try {
      return Integer.parseInt(typed.strip().replace(",", "").replace("_", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private boolean confirmOnProduction(
      ConnectionProfile on, String title, String what, String confirmLabel) {
    return !on.environment().asksBeforeWrites()
        || dialogs.confirm(
            title, on.name() + " is a Production database. " + what + "?", confirmLabel);
  }
}
