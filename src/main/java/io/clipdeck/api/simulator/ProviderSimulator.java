package io.clipdeck.api.simulator;

import com.sun.net.httpserver.HttpServer;
import io.clipdeck.api.Provider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP server speaking the four providers' JSON ("Demo providers" in the console, and
 * the tests' counterpart). Bound to 127.0.0.1 on a free port; one virtual thread per request. Point
 * a client at {@link #baseUri(Provider)} and it cannot tell the difference for the endpoints
 * Clipdeck uses.
 */
public final class ProviderSimulator implements AutoCloseable {

  /** A voice the simulated ElevenLabs knows ("Harper"): narrations on demo providers use it. */
  public static final String DEMO_VOICE_ID = "pQ7vX2kLm9RtY4wZb8Nc";

  private final HttpServer server;
  private final ExecutorService executor;
  private final Journal journal = new Journal();
  private final Faults faults = new Faults();

  private ProviderSimulator(SimulatorSettings settings) throws IOException {
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/youtube/v3/", new YouTubeSimulation(settings, journal, faults));
    OpenAiSimulation openAi = new OpenAiSimulation(settings, journal, faults);
    server.createContext("/v1/chat/completions", openAi);
    server.createContext("/v1/models", openAi);
    server.createContext("/v2beta/", new StabilitySimulation(settings, journal, faults));
    ElevenLabsSimulation elevenLabs = new ElevenLabsSimulation(settings, journal, faults);
    server.createContext("/v1/text-to-speech/", elevenLabs);
    server.createContext("/v1/voices", elevenLabs);
  }

  /** Starts a simulator on a free loopback port. */
  public static ProviderSimulator start(SimulatorSettings settings) {
    try {
      ProviderSimulator simulator = new ProviderSimulator(settings);
      simulator.server.start();
      return simulator;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the provider simulator on 127.0.0.1", e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The base URL to configure for {@code provider}, as its client expects it. */
  public URI baseUri(Provider provider) {
    String root = "http://127.0.0.1:" + port();
    return URI.create(
        switch (provider) {
          case YOUTUBE -> root + "/youtube/v3";
          case OPENAI -> root + "/v1";
          case STABILITY, ELEVENLABS -> root;
        });
  }

  /** Plays {@code fault} for the next {@code times} requests to {@code provider}. */
  public void inject(Provider provider, Fault fault, int times) {
    faults.add(provider, fault, times);
  }

  public void clearFaults() {
    faults.clear();
  }

  public Journal journal() {
    return journal;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
