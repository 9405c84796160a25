package io.clipdeck.api;

import io.clipdeck.api.simulator.ProviderSimulator;
import io.clipdeck.api.simulator.SimulatorSettings;
import java.time.Duration;
import java.util.Optional;

/** A simulator on fake time, and client configs pointed at it with tiny, deterministic backoffs. */
public final class SimulatorFixture implements AutoCloseable {

  public static final String YOUTUBE_KEY = "AIzaSyTESTkeyDoNotLeak000000000000000";
  public static final String OPENAI_KEY = "sk-proj-TESTkeyDoNotLeak00000000";
  public static final String STABILITY_KEY = "sk-TESTstabilityDoNotLeak0000";
  public static final String ELEVENLABS_KEY = "sk_TESTelevenDoNotLeak00000000";

  public final FakeTime time = FakeTime.atNoon();
  public final ProviderSimulator simulator;

  public SimulatorFixture() {
    this(SimulatorSettings.defaults());
  }

  public SimulatorFixture(SimulatorSettings settings) {
    this(settings, null);
  }

  /** A simulator on {@code serverClock} instead of {@link #time}. */
  public SimulatorFixture(SimulatorSettings settings, java.time.Clock serverClock) {
    simulator =
        ProviderSimulator.start(
            settings
                .clock(serverClock == null ? time : serverClock)
                .requireKey(Provider.YOUTUBE, YOUTUBE_KEY)
                .requireKey(Provider.OPENAI, OPENAI_KEY)
                .requireKey(Provider.STABILITY, STABILITY_KEY)
                .requireKey(Provider.ELEVENLABS, ELEVENLABS_KEY));
  }

  public static String keyOf(Provider provider) {
    return switch (provider) {
      case YOUTUBE -> YOUTUBE_KEY;
      case OPENAI -> OPENAI_KEY;
      case STABILITY -> STABILITY_KEY;
      case ELEVENLABS -> ELEVENLABS_KEY;
    };
  }

  /**
   * A config on the fake clock: backoff 1 s doubling to 8 s with jitter pinned to its lower half
   * bound (so waits are exact), breaker that will not open by accident.
   */
  public ApiClientConfig.Builder config(Provider provider) {
    return ApiClientConfig.custom(provider)
        .baseUri(simulator.baseUri(provider))
        .key("test-key", () -> Optional.of(keyOf(provider).toCharArray()))
        .clock(time)
        .sleeper(time)
        .requestTimeout(Duration.ofSeconds(5))
        .backoff(new BackoffPolicy(Duration.ofSeconds(1), Duration.ofSeconds(8), () -> 0.0))
        .breaker(50, 100, Duration.ofSeconds(30), 2);
  }

  @Override
  public void close() {
    simulator.close();
  }
}
