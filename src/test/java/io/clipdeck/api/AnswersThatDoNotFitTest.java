package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clipdeck.api.elevenlabs.ElevenLabsClient;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.stability.StabilityClient;
import io.clipdeck.api.stability.ThumbnailRequest;
import io.clipdeck.api.youtube.YouTubeClient;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 whose body is JSON but not the documented shape is not transient, for any provider: it is
 * sent once. A body cut off may be the network's doing: a free read is retried, a paid generation
 * is not. What answers cost is counted, rejected ones included.
 */
class AnswersThatDoNotFitTest {

  private final SimulatorFixture fixture = new SimulatorFixture();
  private final QuotaLedger ledger = new InMemoryQuotaLedger();
  private final YouTubeClient youtube =
      YouTubeClient.create(fixture.config(Provider.YOUTUBE).build(), ledger, SharedCache.none());
  private final StabilityClient stability =
      StabilityClient.create(
          fixture.config(Provider.STABILITY).build(), ledger, SharedCache.none());
  private final ElevenLabsClient elevenLabs =
      ElevenLabsClient.create(
          fixture.config(Provider.ELEVENLABS).build(), ledger, SharedCache.none());

  @AfterEach
  void close() {
    youtube.close();
    stability.close();
    elevenLabs.close();
    fixture.close();
  }

  private long requests(Provider provider) {
    return fixture.simulator.journal().count(provider);
  }

  @Test
  void youTubeJsonOfTheWrongShapeIsSentOnce() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.wrongShape(), 4);

    ApiException failure =
        catchThrowableOfType(
            ApiException.class,
            () -> youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached()));

    assertThat(failure.kind()).isEqualTo(ApiErrorKind.UNEXPECTED_ANSWER);
    assertThat(failure.status()).isEqualTo(200);
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(requests(Provider.YOUTUBE)).isEqualTo(1);
    assertThat(youtube.api().breakerState()).isEqualTo("CLOSED");
  }

  @Test
  void aCutOffYouTubeBodyIsStillRetried() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.malformedJson(), 1);

    assertThat(youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached())).hasSize(1);

    assertThat(requests(Provider.YOUTUBE)).isEqualTo(2);
    assertThat(youtube.api().metrics().retriedSuccesses()).isEqualTo(1);
  }

  @Test
  void aStabilityAnswerThatIsNotAnImageIsSentOnce(@TempDir Path dir) {
    fixture.simulator.inject(Provider.STABILITY, Fault.wrongShape(), 2);

    ApiException failure =
        catchThrowableOfType(
            ApiException.class,
            () -> stability.generateThumbnail(ThumbnailRequest.of("a loaf"), dir));

    assertThat(failure.kind()).isEqualTo(ApiErrorKind.MALFORMED_RESPONSE);
    assertThat(requests(Provider.STABILITY)).isEqualTo(1);
  }

  @Test
  void aCutOffElevenLabsAnswerIsSentOnce(@TempDir Path dir) {
    fixture.simulator.inject(Provider.ELEVENLABS, Fault.malformedJson(), 2);

    ApiException failure =
        catchThrowableOfType(
            ApiException.class,
            () ->
                elevenLabs.speak(
                    io.clipdeck.api.simulator.ProviderSimulator.DEMO_VOICE_ID,
                    "hello",
                    "eleven_multilingual_v2",
                    dir));

    assertThat(failure.kind()).isEqualTo(ApiErrorKind.MALFORMED_RESPONSE);
    assertThat(requests(Provider.ELEVENLABS)).isEqualTo(1);
  }

  @Test
  void imagesAndCharactersAreCounted(@TempDir Path dir) {
    stability.generateThumbnail(ThumbnailRequest.of("a loaf, morning light"), dir);
    catchThrowableOfType(
        ApiException.class,
        () -> stability.generateThumbnail(ThumbnailRequest.of("blur-me please"), dir));
    elevenLabs.speak(
        io.clipdeck.api.simulator.ProviderSimulator.DEMO_VOICE_ID,
        "Feed the starter twice a day.",
        "eleven_multilingual_v2",
        dir);

    assertThat(stability.api().metrics().spend())
        .as("the blurred image is billed too")
        .isEqualTo(Spend.images(2));
    assertThat(elevenLabs.api().metrics().spend()).isEqualTo(Spend.characters(29));
  }
}
