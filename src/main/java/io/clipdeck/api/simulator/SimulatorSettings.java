package io.clipdeck.api.simulator;

import io.clipdeck.api.Provider;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the simulator behaves: its clock, the latency it adds, its own per-minute limits and the keys
 * it accepts (none set = any key or none is accepted, as a local server would).
 */
public final class SimulatorSettings {

  private Clock clock = Clock.systemUTC();
  private Duration minLatency = Duration.ZERO;
  private Duration maxLatency = Duration.ZERO;
  private final Map<Provider, Integer> perMinute = new EnumMap<>(Provider.class);
  private final Map<Provider, String> keys = new EnumMap<>(Provider.class);
  private int channelUploads = 120;
  private long youtubeDailyUnits = 10_000;
  private String openAiRefusedField = "";

  public static SimulatorSettings defaults() {
    return new SimulatorSettings();
  }

  /**
   * The demo's realistic settings: 40-160 ms per answer, the providers' usual per-minute limits.
   */
  public static SimulatorSettings demo() {
    return new SimulatorSettings()
        .latency(Duration.ofMillis(40), Duration.ofMillis(160))
        .limitPerMinute(Provider.YOUTUBE, 600)
        .limitPerMinute(Provider.OPENAI, 500)
        .limitPerMinute(Provider.STABILITY, 150)
        .limitPerMinute(Provider.ELEVENLABS, 120);
  }

  public SimulatorSettings clock(Clock value) {
    this.clock = Objects.requireNonNull(value, "clock");
    return this;
  }

  /** Real time added to every answer, uniformly between the two. */
  public SimulatorSettings latency(Duration min, Duration max) {
    if (min.isNegative() || max.compareTo(min) < 0) {
      throw new IllegalArgumentException("latency needs 0 <= min <= max");
    }
    this.minLatency = min;
    this.maxLatency = max;
    return this;
  }

  /** The simulator's own limit: more requests in one clock minute get a 429. */
  public SimulatorSettings limitPerMinute(Provider provider, int requests) {
    perMinute.put(provider, requests);
    return this;
  }

  public SimulatorSettings requireKey(Provider provider, String key) {
    keys.put(provider, key);
    return this;
  }

  /** How many uploads every simulated channel has. */
  public SimulatorSettings channelUploads(int count) {
    this.channelUploads = count;
    return this;
  }

  public SimulatorSettings youtubeDailyUnits(long units) {
    this.youtubeDailyUnits = units;
    return this;
  }

  /**
   * Makes the chat endpoint refuse a token-limit field with 400 {@code unsupported_parameter}, as
   * OpenAI does with {@code max_tokens} for reasoning models.
   */
  public SimulatorSettings openAiRefuses(String field) {
    this.openAiRefusedField = Objects.requireNonNull(field, "field");
    return this;
  }

  String openAiRefusedField() {
    return openAiRefusedField;
  }

  Clock clock() {
    return clock;
  }

  Duration minLatency() {
    return minLatency;
  }

  Duration maxLatency() {
    return maxLatency;
  }

  Optional<Integer> perMinute(Provider provider) {
    return Optional.ofNullable(perMinute.get(provider));
  }

  Optional<String> key(Provider provider) {
    return Optional.ofNullable(keys.get(provider));
  }

  int channelUploads() {
    return channelUploads;
  }

  long youtubeDailyUnits() {
    return youtubeDailyUnits;
  }
}
