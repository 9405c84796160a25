package io.clipdeck.api.clients;

import io.clipdeck.api.ApiClient;
import io.clipdeck.api.Provider;
import io.clipdeck.api.elevenlabs.ElevenLabsClient;
import io.clipdeck.api.openai.OpenAiClient;
import io.clipdeck.api.stability.StabilityClient;
import io.clipdeck.api.youtube.YouTubeClient;
import java.util.Objects;
import java.util.Optional;

/**
 * The four providers' clients as one set: what the enrichment runner calls. The settings build it
 * from each provider's base URL, limits and vault key; "Demo providers" build it against the
 * loopback simulator, and {@link #simulated()} says so, so the UI can label it.
 *
 * <p>Thumbnails (Stability) and narration (ElevenLabs) are optional steps: a set without them runs
 * the other steps.
 */
public record ProviderClients(
    YouTubeClient youtube,
    OpenAiClient openAi,
    Optional<StabilityClient> stability,
    Optional<ElevenLabsClient> elevenLabs,
    boolean simulated)
    implements AutoCloseable {

  public ProviderClients {
    Objects.requireNonNull(youtube, "youtube");
    Objects.requireNonNull(openAi, "openAi");
    Objects.requireNonNull(stability, "stability");
    Objects.requireNonNull(elevenLabs, "elevenLabs");
  }

  /** The client behind {@code provider}, when this set has one. */
  public Optional<ApiClient> api(Provider provider) {
    return switch (provider) {
      case YOUTUBE -> Optional.of(youtube.api());
      case OPENAI -> Optional.of(openAi.api());
      case STABILITY -> stability.map(StabilityClient::api);
      case ELEVENLABS -> elevenLabs.map(ElevenLabsClient::api);
    };
  }

  @Override
  public void close() {
    youtube.close();
    openAi.close();
    stability.ifPresent(StabilityClient::close);
    elevenLabs.ifPresent(ElevenLabsClient::close);
  }
}
