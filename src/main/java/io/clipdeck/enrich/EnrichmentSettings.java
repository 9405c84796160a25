package io.clipdeck.enrich;

import io.clipdeck.api.Provider;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * How a runner works: the queue's lease and retries, calls in flight per provider, how often an
 * idle lane looks for work, where generated media go, and the generation choices.
 *
 * @param concurrency calls in flight per provider (a YouTube call carries 50 videos)
 * @param idlePoll how long a lane with nothing to claim waits before looking again
 * @param thumbnailDirectory where generated thumbnails are saved
 * @param narrationDirectory where generated narrations are saved
 */
public record EnrichmentSettings(
    QueueSettings queue,
    Map<Provider, Integer> concurrency,
    Duration idlePoll,
    Path thumbnailDirectory,
    Path narrationDirectory,
    String captionStyle,
    String captionLanguage,
    String voiceId,
    String speechModel) {

  public EnrichmentSettings {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(thumbnailDirectory, "thumbnailDirectory");
    Objects.requireNonNull(narrationDirectory, "narrationDirectory");
    Map<Provider, Integer> complete = new EnumMap<>(Provider.class);
    for (Provider provider : Provider.values()) {
      int value = concurrency.getOrDefault(provider, 4);
      if (value < 1 || value > 256) {
        throw new IllegalArgumentException(
            "calls in flight for " + provider.displayName() + " is " + value + ": use 1 to 256");
      }
      complete.put(provider, value);
    }
    concurrency = Map.copyOf(complete);
    if (idlePoll == null || idlePoll.isNegative() || idlePoll.isZero()) {
      throw new IllegalArgumentException("the idle poll interval must be positive");
    }
  }

  /** Defaults: 8 calls in flight per provider (Stability 4, ElevenLabs 2: their usual plans). */
  public static EnrichmentSettings defaults(Path mediaDirectory) {
    return defaults(mediaDirectory.resolve("thumbnails"), mediaDirectory.resolve("narrations"));
  }

  /** The defaults, saving media where the settings' paths say. */
  public static EnrichmentSettings defaults(Path thumbnailDirectory, Path narrationDirectory) {
    return new EnrichmentSettings(
        QueueSettings.DEFAULTS,
        Map.of(
            Provider.YOUTUBE, 4,
            Provider.OPENAI, 8,
            Provider.STABILITY, 4,
            Provider.ELEVENLABS, 2),
        Duration.ofMillis(500),
        thumbnailDirectory,
        narrationDirectory,
        "engaging",
        "en",
        "21m00Tcm4TlvDq8ikWAM",
        "eleven_multilingual_v2");
  }

  public EnrichmentSettings withQueue(QueueSettings value) {
    return new EnrichmentSettings(
        value,
        concurrency,
        idlePoll,
        thumbnailDirectory,
        narrationDirectory,
        captionStyle,
        captionLanguage,
        voiceId,
        speechModel);
  }

  public EnrichmentSettings withConcurrency(Provider provider, int value) {
    Map<Provider, Integer> changed = new EnumMap<>(concurrency);
    changed.put(provider, value);
    return new EnrichmentSettings(
        queue,
        changed,
        idlePoll,
        thumbnailDirectory,
        narrationDirectory,
        captionStyle,
        captionLanguage,
        voiceId,
        speechModel);
  }

  public EnrichmentSettings withIdlePoll(Duration value) {
    return new EnrichmentSettings(
        queue,
        concurrency,
        value,
        thumbnailDirectory,
        narrationDirectory,
        captionStyle,
        captionLanguage,
        voiceId,
        speechModel);
  }

  /** The ElevenLabs voice narrations are spoken in. */
  public EnrichmentSettings withVoice(String value) {
    return new EnrichmentSettings(
        queue,
        concurrency,
        idlePoll,
        thumbnailDirectory,
        narrationDirectory,
        captionStyle,
        captionLanguage,
        value,
        speechModel);
  }

  public int concurrency(Provider provider) {
    return concurrency.get(provider);
  }
}
