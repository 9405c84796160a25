package io.clipdeck.ui.settings;

import io.clipdeck.app.BackgroundJobs;
import io.clipdeck.config.DashboardSettings;
import io.clipdeck.config.DataPaths;
import io.clipdeck.config.Durations;
import io.clipdeck.config.Settings;
import io.clipdeck.secrets.SecretStore;
import io.clipdeck.ui.fx.Fields;
import io.clipdeck.ui.fx.ViewJobs;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The Settings view's logic: the fields of every section as text, checked by the settings' own
 * validation (the message says what to change, shown beside the form), saved and applied on a
 * worker. A typed key goes straight to the secret store and the field is cleared.
 */
public final class SettingsViewModel {

  private static final Map<String, String> TITLES =
      Map.of(
          "youtube", "YouTube",
          "openai", "OpenAI-compatible chat",
          "stability", "Stability AI",
          "elevenlabs", "ElevenLabs");

  private final Supplier<Settings> current;
  private final Consumer<Settings> update;
  private final Supplier<SecretStore> secrets;
  private final ViewJobs viewJobs;

  private final StringProperty refreshInterval = new SimpleStringProperty("");
  private final StringProperty chartWindow = new SimpleStringProperty("");
  private final StringProperty retention = new SimpleStringProperty("");
  private final StringProperty poolSaturation = new SimpleStringProperty("");
  private final StringProperty slowBorrow = new SimpleStringProperty("");
  private final StringProperty longQueryWarning = new SimpleStringProperty("");
  private final StringProperty longQueryAlert = new SimpleStringProperty("");
  private final StringProperty redisUrl = new SimpleStringProperty("");
  private final BooleanProperty demoProviders = new SimpleBooleanProperty();
  private final StringProperty thumbnails = new SimpleStringProperty("");
  private final StringProperty narrations = new SimpleStringProperty("");
  private final List<ProviderForm> providers =
      Settings.providerIds().stream().map(id -> new ProviderForm(id, TITLES.get(id))).toList();
  private final AlertForm alerts = new AlertForm();
  private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");

  /**
   * @param update saves and applies (the composition root's {@code updateSettings}); run on a
   *     worker
   */
  public SettingsViewModel(
      Supplier<Settings> current,
      Consumer<Settings> update,
      Supplier<SecretStore> secrets,
      BackgroundJobs jobs,
      Executor fx) {
    this.current = current;
    this.update = update;
    this.secrets = secrets;
    this.viewJobs = new ViewJobs(jobs, fx);
  }

  /** Fills the fields from the settings in use and reads which keys are stored. */
  public void load() {
    Settings settings = current.get();
    DashboardSettings dashboard = settings.dashboard();
    refreshInterval.set(Durations.words(dashboard.refreshInterval()));
    chartWindow.set(Durations.words(dashboard.chartWindow()));
    retention.set(Durations.words(dashboard.historyRetention()));
    poolSaturation.set(Long.toString(Math.round(dashboard.poolSaturation() * 100)));
    slowBorrow.set(Durations.words(dashboard.slowBorrow()));
    longQueryWarning.set(Durations.words(dashboard.longQueryWarning()));
    longQueryAlert.set(Durations.words(dashboard.longQueryAlert()));
    redisUrl.set(settings.redisUrl());
    demoProviders.set(settings.demoProviders());
    thumbnails.set(settings.paths().thumbnails());
    narrations.set(settings.paths().narrations());
    providers.forEach(
        form -> {
          var provider = settings.provider(form.id());
          form.show(provider, settings.price(provider.model()));
        });
    alerts.show(settings.alerts());
    error.set("");
    int[] tickets = providers.stream().mapToInt(ProviderForm::beginKeyStateChange).toArray();
    viewJobs.run(
        "Reading which API keys are stored",
        () ->
            providers.stream()
                .map(
                    form -> {
                      var key = secrets.get().get(form.keyRef());
                      key.ifPresent(chars -> Arrays.fill(chars, '\0'));
                      return key.isPresent();
                    })
                .toList(),
        (stored, failure) -> {
          for (int i = 0; i < providers.size(); i++) {
            ProviderForm form = providers.get(i);
            form.finishKeyStateChange(
                tickets[i],
                failure != null
                    ? "Cannot read the secret store: " + ViewJobs.message(failure)
                    : stored.get(i) ? "Key stored (" + form.keyRef() + ")" : "No key stored");
          }
        });
  }

  /**
   * Checks every field; when all are valid, saves and applies on a worker. The first problem is
   * shown in {@link #errorProperty()} and nothing is saved.
   */
  public void save() {
    Settings changed;
    try {
      changed = read();
    } catch (IllegalArgumentException e) {
      error.set(e.getMessage());
      return;
    }
    error.set("");
    status.set("Saving…");
    viewJobs.run(
        "Saving settings",
        () -> {
          update.accept(changed);
          return changed;
        },
        (saved, failure) -> {
          if (failure != null) {
            error.set(ViewJobs.message(failure));
            status.set("");
          } else {
            status.set("Saved and applied.");
          }
        });
  }

  /** Stores the key typed for {@code form} in the secret store and clears the field. */
  public void storeKey(ProviderForm form) {
    String typed = form.keyProperty().get();
    form.keyProperty().set("");
    if (typed == null || typed.isBlank()) {
      error.set("Type the " + form.title() + " key first.");
      return;
    }
    char[] key = typed.strip().toCharArray();
    String ref = form.keyRef();
    int ticket = form.beginKeyStateChange();
    viewJobs.run(
        "Storing the " + form.title() + " key",
        () -> {
          try {
            secrets.get().put(ref, key);
          } finally {
            Arrays.fill(key, '\0');
          }
          return secrets.get().describe();
        },
        (where, failure) -> {
          if (failure != null) {
            error.set(ViewJobs.message(failure));
          } else {
            error.set("");
            form.finishKeyStateChange(ticket, "Key stored (" + ref + ")");
            status.set("The " + form.title() + " key is kept in " + where + ".");
          }
        });
  }

  private Settings read() {
    Settings settings = current.get();
    DashboardSettings dashboard =
        new DashboardSettings(
            Durations.parse("Refresh interval", refreshInterval.get()),
            Durations.parse("Chart window", chartWindow.get()),
            Durations.parse("History retention", retention.get()),
            Fields.wholeNumber("Pool saturation", poolSaturation.get()) / 100.0,
            Durations.parse("Slow borrow", slowBorrow.get()),
            Durations.parse("Long query warning", longQueryWarning.get()),
            Durations.parse("Long query alert", longQueryAlert.get()));
    Settings changed =
        settings
            .withDashboard(dashboard)
            .withRedisUrl(redisUrl.get())
            .withDemoProviders(demoProviders.get())
            .withPaths(new DataPaths(thumbnails.get(), narrations.get()));
    for (ProviderForm form : providers) {
      var provider = form.read();
      changed = changed.withProvider(form.id(), provider);
      if (form.pricedIn() != ProviderForm.PricedIn.NOTHING && !provider.model().isEmpty()) {
        changed = changed.withPrice(provider.model(), form.readPrice());
      }
    }
    return changed.withAlerts(alerts.read());
  }

  public StringProperty refreshIntervalProperty() {
    return refreshInterval;
  }

  public StringProperty chartWindowProperty() {
    return chartWindow;
  }

  public StringProperty retentionProperty() {
    return retention;
  }

  /** Percent of the pool's maximum. */
  public StringProperty poolSaturationProperty() {
    return poolSaturation;
  }

  public StringProperty slowBorrowProperty() {
    return slowBorrow;
  }

  public StringProperty longQueryWarningProperty() {
    return longQueryWarning;
  }

  public StringProperty longQueryAlertProperty() {
    return longQueryAlert;
  }

  public StringProperty redisUrlProperty() {
    return redisUrl;
  }

  public BooleanProperty demoProvidersProperty() {
    return demoProviders;
  }

  public StringProperty thumbnailsProperty() {
    return thumbnails;
  }

  public StringProperty narrationsProperty() {
    return narrations;
  }

  public List<ProviderForm> providers() {
    return providers;
  }

  /** The thresholds of the provider and query-error alerts. */
  public AlertForm alerts() {
    return alerts;
  }

  /** What is wrong with the form, naming the setting and what to type; empty when all is well. */
  public ReadOnlyStringProperty errorProperty() {
    return error.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty statusProperty() {
    return status.getReadOnlyProperty();
  }
}
