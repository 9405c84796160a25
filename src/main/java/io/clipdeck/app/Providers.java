package io.clipdeck.app;

import io.clipdeck.api.ApiClientConfig;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.InMemoryQuotaLedger;
import io.clipdeck.api.JdbcQuotaLedger;
import io.clipdeck.api.Provider;
import io.clipdeck.api.ProviderKeys;
import io.clipdeck.api.QuotaLedger;
import io.clipdeck.api.RedisSharedCache;
import io.clipdeck.api.SharedCache;
import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.api.elevenlabs.ElevenLabsClient;
import io.clipdeck.api.openai.ChatSettings;
import io.clipdeck.api.openai.OpenAiClient;
import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.api.stability.StabilityClient;
import io.clipdeck.api.youtube.YouTubeClient;
import io.clipdeck.api.youtube.YouTubeQuota;
import io.clipdeck.config.ProviderSettings;
import io.clipdeck.config.RedisEndpoint;
import io.clipdeck.config.Settings;
import io.clipdeck.secrets.SecretStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider clients built from the settings, on first use and again after the settings change:
 * base URLs, limits, keys read from the secret store per request (never kept), the quota ledger in
 * the active profile's database (every console and worker on it shares the limits), the shared
 * response cache in Redis when one is configured. With "demo providers" on, or with no key stored
 * at all and every provider at its public address, the clients talk to the loopback simulator,
 * started once.
 *
 * <p>Building reads the secret store and connects to the database: call it from a worker.
 */
final class Providers implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Providers.class);

  /** The key id of the simulated providers: their quota is never counted against a real key. */
  static final String DEMO_KEY_ID = "demo";

  private final Supplier<Settings> settings;
  private final Supplier<SecretStore> secrets;
  private final Supplier<DataSource> ledgerDatabase;
  private final Clock clock;
  private ProviderClients clients;
  private RedisSharedCache redis;
  private ProviderSimulator simulator;

  Providers(
      Supplier<Settings> settings,
      Supplier<SecretStore> secrets,
      Supplier<DataSource> ledgerDatabase,
      Clock clock) {
    this.settings = settings;
    this.secrets = secrets;
    this.ledgerDatabase = ledgerDatabase;
    this.clock = clock;
  }

  synchronized ProviderClients clients() {
    if (clients == null) {
      clients = build(settings.get());
    }
    return clients;
  }

  /**
   * Each provider's status, for the alerts: none until a view or command made the clients, so the
   * dashboard never starts the demo simulator by itself.
   */
  java.util.List<io.clipdeck.api.ProviderStatus> statusesIfBuilt() {
    ProviderClients built;
    synchronized (this) {
      built = clients;
    }
    if (built == null) {
      return java.util.List.of();
    }
    return java.util.Arrays.stream(Provider.values())
        .flatMap(provider -> built.api(provider).stream())
        .map(io.clipdeck.api.ApiClient::status)
        .toList();
  }

  /** The settings changed: the next {@link #clients()} builds new clients. */
  synchronized void settingsChanged() {
    closeClients();
  }

  /** How every provider is set up now, building the clients if needed. */
  synchronized List<ProviderSetup> states() {
    ProviderClients running = clients();
    Settings current = settings.get();
    List<ProviderSetup> states = new ArrayList<>();
    for (Provider provider : Provider.values()) {
      ProviderSettings set = current.provider(provider.id());
      Optional<URI> base = running.api(provider).map(api -> api.config().baseUri());
      states.add(
          new ProviderSetup(
              provider,
              set.enabled(),
              base.orElse(URI.create(set.baseUrl())),
              set.model(),
              limits(provider, set),
              set.keyRef(),
              keyStored(set),
              running.simulated()));
    }
    return states;
  }

  /**
   * One cheap call to {@code provider}: a one-video lookup (1 unit), a one-token completion, the
   * voice list. Stability has no free call, so it is not called.
   *
   * @return what the provider answered, in one line
   * @throws io.clipdeck.api.ApiException when it refused or failed
   */
  String test(Provider provider) {
    ProviderClients running = clients();
    String where = running.simulated() ? " (simulated)" : "";
    long started = System.nanoTime();
    String answer =
        switch (provider) {
          case YOUTUBE ->
              running.youtube().videoInfo(List.of("dQw4w9WgXcQ"), CallOptions.uncached()).size()
                  + " video found";
          case OPENAI ->
              "model "
                  + running
                      .openAi()
                      .generateText("Answer in one word.", "Say OK.", 1, CallOptions.uncached())
                      .model();
          case ELEVENLABS ->
              running.elevenLabs().orElseThrow(() -> disabled(provider)).voices().size()
                  + " voices";
          case STABILITY -> {
            running.stability().orElseThrow(() -> disabled(provider));
            throw new IllegalStateException(
                "Stability AI has no free call to test with: every generation is billed."
                    + " Generate a thumbnail from the enrichment view to try the key.");
          }
        };
    long millis = (System.nanoTime() - started) / 1_000_000;
    return provider.displayName() + where + ": answered in " + millis + " ms, " + answer;
  }

  private static IllegalStateException disabled(Provider provider) {
    return new IllegalStateException(
        provider.displayName()
            + " is disabled in the settings: run 'clipdeck settings set providers."
            + provider.id()
            + ".enabled true'");
  }

  private ProviderClients build(Settings current) {
    for (Provider required : List.of(Provider.YOUTUBE, Provider.OPENAI)) {
      if (!current.provider(required.id()).enabled()) {
        throw new IllegalStateException(
            required.displayName()
                + " is disabled, and every enrichment run needs it: enable it (for captions"
                + " without a cloud key, point OpenAI's base URL at a local server such as Ollama)");
      }
    }
    boolean simulated = current.demoProviders() || nothingConfigured(current);
    if (!simulated && simulator != null) {
      simulator.close();
      simulator = null;
    }
    if (simulated && simulator == null) {
      simulator = ProviderSimulator.start(SimulatorSettings.demo());
      log.info("Demo providers (simulated) running on 127.0.0.1:{}", simulator.port());
    }
    QuotaLedger ledger = ledger();
    SharedCache shared = sharedCache(current);
    return new ProviderClients(
        YouTubeClient.create(config(Provider.YOUTUBE, current, simulated), ledger, shared),
        OpenAiClient.create(
            config(Provider.OPENAI, current, simulated),
            chatSettings(current.provider(Provider.OPENAI.id()), simulated),
            ledger,
            shared),
        enabled(current, Provider.STABILITY)
            ? Optional.of(
                StabilityClient.create(
                    config(Provider.STABILITY, current, simulated), ledger, shared))
            : Optional.empty(),
        enabled(current, Provider.ELEVENLABS)
            ? Optional.of(
                ElevenLabsClient.create(
                    config(Provider.ELEVENLABS, current, simulated), ledger, shared))
            : Optional.empty(),
        simulated);
  }

  private static boolean enabled(Settings current, Provider provider) {
    return current.provider(provider.id()).enabled();
  }

  /**
   * A new console with no key and every provider at its public address could only fail: show it
   * working against the simulator instead (and say so).
   */
  private boolean nothingConfigured(Settings current) {
    for (Provider provider : Provider.values()) {
      ProviderSettings set = current.provider(provider.id());
      boolean atPublicAddress =
          set.baseUrl().equals(Settings.DEFAULTS.provider(provider.id()).baseUrl());
      if (set.enabled() && (!atPublicAddress || keyStored(set))) {
        return false;
      }
    }
    log.info("No API key is stored and no provider address was changed: using demo providers");
    return true;
  }

  private boolean keyStored(ProviderSettings set) {
    Optional<char[]> key = secrets.get().get(set.keyRef());
    key.ifPresent(chars -> Arrays.fill(chars, '\0'));
    return key.isPresent();
  }

  private ApiClientConfig config(Provider provider, Settings current, boolean simulated) {
    ProviderSettings set = current.provider(provider.id());
    ApiClientConfig.Builder builder =
        ApiClientConfig.custom(provider)
            .baseUri(simulated ? simulator.baseUri(provider) : URI.create(set.baseUrl()))
            .maxConnections(set.maxConnections().intValue())
            .clock(clock);
    if (simulated) {
      builder.key(DEMO_KEY_ID, ProviderKeys.none());
    } else {
      builder.key(set.keyRef(), ProviderKeys.fromVault(secrets.get(), set.keyRef()));
    }
    if (set.requestsPerMinute() > 0) {
      builder.limitPerMinute(set.requestsPerMinute());
    }
    if (set.requestsPerHour() > 0) {
      builder.limitPerHour(set.requestsPerHour());
    }
    if (provider == Provider.YOUTUBE) {
      YouTubeQuota.daily(builder, set.unitsPerDay(), set.searchesPerDay());
    }
    return builder.build();
  }

  /** OpenAI's own API speaks the newer dialect; local servers (and the simulator) the older. */
  private static ChatSettings chatSettings(ProviderSettings set, boolean simulated) {
    String host = URI.create(set.baseUrl()).getHost();
    return !simulated && "api.openai.com".equalsIgnoreCase(host)
        ? ChatSettings.openAi(set.model())
        : ChatSettings.localServer(set.model());
  }

  private static String limits(Provider provider, ProviderSettings set) {
    List<String> parts = new ArrayList<>();
    if (set.requestsPerMinute() > 0) {
      parts.add(set.requestsPerMinute() + "/min");
    }
    if (set.requestsPerHour() > 0) {
      parts.add(set.requestsPerHour() + "/h");
    }
    if (provider == Provider.YOUTUBE && set.unitsPerDay() > 0) {
      parts.add(set.unitsPerDay() + " units/day PT");
    }
    if (provider == Provider.YOUTUBE && set.searchesPerDay() > 0) {
      parts.add(set.searchesPerDay() + " searches/day PT");
    }
    return parts.isEmpty() ? "none" : String.join(", ", parts);
  }

  /**
   * Spent quota in the active profile's database, so a restart does not forget it and every console
   * and worker on that database shares it; in memory when that database cannot be used.
   */
  private QuotaLedger ledger() {
    try {
      return new JdbcQuotaLedger(ledgerDatabase.get());
    } catch (NoClipdeckSchemaException e) {
      // Expected on a new database: the views offer to create the schema, so no warning.
      log.info("Counting the API quota in this console only: {}", e.getMessage());
      return new InMemoryQuotaLedger();
    } catch (RuntimeException e) {
      log.warn(
          "Cannot keep the API quota in the active profile's database ({}); counting it in this"
              + " console only until the next start",
          e.getMessage());
      return new InMemoryQuotaLedger();
    }
  }

  private SharedCache sharedCache(Settings current) {
    if (redis != null) {
      redis.close();
      redis = null;
    }
    Optional<URI> url = current.redis();
    if (url.isEmpty()) {
      return SharedCache.none();
    }
    URI uri = url.get();
    redis =
        new RedisSharedCache(
            RedisEndpoint.of(uri),
            () -> secrets.get().get(RedisEndpoint.PASSWORD_REF),
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            clock);
    return redis;
  }

  private void closeClients() {
    if (clients != null) {
      clients.close();
      clients = null;
    }
  }

  @Override
  public synchronized void close() {
    closeClients();
    if (redis != null) {
      redis.close();
      redis = null;
    }
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
  }
}
