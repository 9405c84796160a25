package io.clipdeck.ui.enrich;

import io.clipdeck.api.Provider;
import io.clipdeck.api.clients.ProviderConsole;
import io.clipdeck.api.clients.ProviderFigures;
import io.clipdeck.api.clients.ProviderReport;
import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.ui.fx.Refresher;
import io.clipdeck.ui.fx.ViewJobs;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Enrichment view's resilience console: one {@link ProviderCard} per configured provider, read
 * from {@link ProviderConsole} (the figures {@code clipdeck providers status} prints) on a worker
 * while the view is on screen, and "clear cache" per provider.
 */
public final class ProviderConsoleViewModel {

  private final ProviderConsole console;
  private final Executor workers;
  private final Executor fx;
  private final ZoneId zone;
  private final ViewJobs viewJobs;
  private final Refresher refresher;
  private final ObservableList<ProviderCard> cards = FXCollections.observableArrayList();

  /** A read still running makes the next tick skip (the ledger may be a slow database). */
  private final AtomicBoolean reading = new AtomicBoolean();

  /**
   * @param poll how often the figures are read while the view is shown
   * @param zone the times of transitions and parkings are shown in
   */
  public ProviderConsoleViewModel(
      ProviderConsole console,
      BackgroundJobs jobs,
      ScheduledExecutorService scheduler,
      Executor workers,
      Executor fx,
      Duration poll,
      ZoneId zone) {
    this.console = console;
    this.workers = workers;
    this.fx = fx;
    this.zone = zone;
    this.viewJobs = new ViewJobs(jobs, fx);
    this.refresher = new Refresher(scheduler, workers, poll, this::read);
  }

  /** One card per configured provider, in the providers' order. */
  public ObservableList<ProviderCard> cards() {
    return cards;
  }

  /** What the last action did, e.g. "Cleared 3 cached answers of YouTube". */
  public ReadOnlyStringProperty statusProperty() {
    return viewJobs.statusProperty();
  }

  public ReadOnlyBooleanProperty statusIsErrorProperty() {
    return viewJobs.statusIsErrorProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return viewJobs.busyProperty();
  }

  /** On screen: reads the figures now and then at the poll interval. */
  public void shown() {
    refresher.start();
  }

  public void hidden() {
    refresher.stop();
  }

  /**
   * Empties {@code provider}'s in-process cache of answers, so its next calls go to the provider;
   * the cards are read again after it.
   */
  public void clearCache(Provider provider) {
    viewJobs.report(
        "Clear the cache of " + provider.displayName(),
        () -> console.clearCache(provider),
        dropped -> {
          viewJobs.report(
              "Cleared "
                  + dropped
                  + (dropped == 1 ? " cached answer of " : " cached answers of ")
                  + provider.displayName(),
              false);
          workers.execute(this::read);
        });
  }

  /** On a worker: the reports, turned into cards, applied on the FX thread. */
  private void read() {
    if (!reading.compareAndSet(false, true)) {
      return;
    }
    try {
      List<ProviderCard> read = console.reports().stream().map(this::card).toList();
      fx.execute(() -> cards.setAll(read));
    } catch (RuntimeException e) {
      fx.execute(() -> viewJobs.report("Cannot read the providers: " + ViewJobs.message(e), true));
    } finally {
      reading.set(false);
    }
  }

  private ProviderCard card(ProviderReport report) {
    Provider provider = report.status().provider();
    String title =
        provider.displayName() + (report.model().isEmpty() ? "" : " · " + report.model());
    boolean attention =
        !report.status().breakerState().equals("CLOSED") || report.status().parked().isPresent();
    return new ProviderCard(provider, title, ProviderFigures.of(report, zone), attention);
  }
}
