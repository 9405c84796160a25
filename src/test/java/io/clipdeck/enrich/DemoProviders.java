package io.clipdeck.enrich;

import io.clipdeck.api.ApiClientConfig;
import io.clipdeck.api.InMemoryQuotaLedger;
import io.clipdeck.api.Provider;
import io.clipdeck.api.QuotaLedger;
import io.clipdeck.api.SharedCache;
import io.clipdeck.api.clients.ProviderClients;
import io.clipdeck.api.elevenlabs.ElevenLabsClient;
import io.clipdeck.api.openai.ChatSettings;
import io.clipdeck.api.openai.OpenAiClient;
import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.api.stability.StabilityClient;
import io.clipdeck.api.youtube.YouTubeClient;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * For tests and benchmarks: a loopback {@link ProviderSimulator} of their own and a full set of
 * clients pointed at it, tuned as the test needs (limits, backoffs, clocks). The application's
 * simulated providers come from its provider settings instead (demo switch, {@code worker --demo}).
 * Closing it closes the clients and stops the simulator.
 */
public final class DemoProviders implements AutoCloseable {

  /** A voice the simulator knows ("Harper"). */
  public static final String VOICE_ID = ProviderSimulator.DEMO_VOICE_ID;

  private final ProviderSimulator simulator;
  private final ProviderClients clients;

  private DemoProviders(ProviderSimulator simulator, ProviderClients clients) {
    this.simulator = simulator;
    this.clients = clients;
  }

  /** The demo simulator ({@link SimulatorSettings#demo()}) with clients at its limits. */
  public static DemoProviders start() {
    return start(SimulatorSettings.demo(), builder -> builder);
  }

  /**
   * A simulator with {@code settings} and clients built by {@code tune} from a config pointed at it
   * (tests and benchmarks set limits, backoffs and clocks there).
   */
  public static DemoProviders start(
      SimulatorSettings settings, UnaryOperator<ApiClientConfig.Builder> tune) {
    ProviderSimulator simulator = ProviderSimulator.start(settings);
    return new DemoProviders(simulator, clients(simulator, tune, new InMemoryQuotaLedger()));
  }

  /** Clients for a simulator running elsewhere (another process's, in tests). */
  public static ProviderClients clients(
      ProviderSimulator simulator,
      UnaryOperator<ApiClientConfig.Builder> tune,
      QuotaLedger ledger) {
    return clients(simulator.port(), tune, ledger);
  }

  /** Clients for the simulator listening on {@code port} of 127.0.0.1. */
  public static ProviderClients clients(
      int port, UnaryOperator<ApiClientConfig.Builder> tune, QuotaLedger ledger) {
    SharedCache none = SharedCache.none();
    return new ProviderClients(
        YouTubeClient.create(config(port, Provider.YOUTUBE, tune), ledger, none),
        OpenAiClient.create(
            config(port, Provider.OPENAI, tune), ChatSettings.openAi("sim-chat-1"), ledger, none),
        Optional.of(StabilityClient.create(config(port, Provider.STABILITY, tune), ledger, none)),
        Optional.of(ElevenLabsClient.create(config(port, Provider.ELEVENLABS, tune), ledger, none)),
        true);
  }

  private static ApiClientConfig config(
      int port, Provider provider, UnaryOperator<ApiClientConfig.Builder> tune) {
    String root = "http://127.0.0.1:" + port;
    String base =
        switch (provider) {
          case YOUTUBE -> root + "/youtube/v3";
          case OPENAI -> root + "/v1";
          case STABILITY, ELEVENLABS -> root;
        };
    return tune.apply(
            ApiClientConfig.custom(provider)
                .baseUri(base)
                .key("demo", () -> Optional.of("demo-key".toCharArray())))
        .build();
  }

  public ProviderSimulator simulator() {
    return simulator;
  }

  public ProviderClients clients() {
    return clients;
  }

  @Override
  public void close() {
    clients.close();
    simulator.close();
  }
}
