package io.clipdeck.api.clients;

import io.clipdeck.api.ApiClient;
import io.clipdeck.api.Provider;
import io.clipdeck.config.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The providers' resilience figures, one {@link ProviderReport} each: what the Enrichment view's
 * console shows and {@code clipdeck providers status} prints, so both show the same figures. Reads
 * the quota ledger: call it from a worker.
 */
public final class ProviderConsole {

  private final Supplier<ProviderClients> clients;
  private final Supplier<Settings> settings;

  /**
   * @param clients the clients in use now (they are rebuilt when the settings change)
   * @param settings the models and their prices
   */
  public ProviderConsole(Supplier<ProviderClients> clients, Supplier<Settings> settings) {
    this.clients = clients;
    this.settings = settings;
  }

  /** Every configured provider's report, in {@link Provider} order. */
  public List<ProviderReport> reports() {
    ProviderClients current = clients.get();
    Settings prices = settings.get();
    List<ProviderReport> reports = new ArrayList<>();
    for (Provider provider : Provider.values()) {
      current
          .api(provider)
          .ifPresent(
              api -> {
                String model = prices.provider(provider.id()).model();
                reports.add(ProviderReport.of(api.status(), model, prices.price(model)));
              });
    }
    return reports;
  }

  /** The providers the clients in use do not call (thumbnails or narration without a key). */
  public List<Provider> notConfigured() {
    ProviderClients current = clients.get();
    return java.util.Arrays.stream(Provider.values())
        .filter(provider -> current.api(provider).isEmpty())
        .toList();
  }

  /**
   * Empties {@code provider}'s in-process cache of answers, so the next calls ask the provider
   * again; returns how many answers were dropped (0 when the provider is not configured).
   */
  public long clearCache(Provider provider) {
    Optional<ApiClient> api = clients.get().api(provider);
    return api.map(ApiClient::clearCache).orElse(0L);
  }
}
