package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clipdeck.api.elevenlabs.ElevenLabsClient;
import io.clipdeck.api.openai.ChatSettings;
import io.clipdeck.api.openai.OpenAiClient;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.JournalEntry;
import io.clipdeck.api.youtube.YouTubeClient;
import io.clipdeck.api.youtube.YouTubeErrors;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is retried, how long between attempts, and what parks a provider, seen from the server. */
@Tag("reliability")
class RetryAndParkingTest {

  private final SimulatorFixture fixture = new SimulatorFixture();
  private final YouTubeClient youtube =
      YouTubeClient.create(
          fixture.config(Provider.YOUTUBE).build(), new InMemoryQuotaLedger(), SharedCache.none());

  @AfterEach
  void close() {
    youtube.close();
    fixture.close();
  }

  private List<JournalEntry> youtubeRequests() {
    return fixture.simulator.journal().of(Provider.YOUTUBE);
  }

  private void fetchOnce() {
    youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached());
  }

  @Test
  void aRetryAfterIsHonouredToTheSecond() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.tooManyRequests(Duration.ofSeconds(7)), 1);

    fetchOnce();

    List<JournalEntry> requests = youtubeRequests();
    assertThat(requests).hasSize(2);
    assertThat(Duration.between(requests.get(0).at(), requests.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(7));
    assertThat(youtube.api().metrics().retries()).isEqualTo(1);
  }

  @Test
  void serverErrorsAreRetriedWithGrowingBackoffThenFailClearly() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.serverError(), 10);

    ApiException failure = catchThrowableOfType(ApiException.class, this::fetchOnce);

    assertThat(failure.kind()).isEqualTo(ApiErrorKind.SERVER_ERROR);
    assertThat(failure.attempts()).isEqualTo(4);
    assertThat(failure.getMessage())
        .contains("YouTube", "HTTP 500", "backendError", "after 4 attempts", "What to do");
    List<JournalEntry> requests = youtubeRequests();
    assertThat(requests).hasSize(4);
    // Jitter pinned low: waits of 0.5 s, 1 s, 2 s (half of 1, 2, 4 s).
    assertThat(gap(requests, 0)).isEqualTo(Duration.ofMillis(500));
    assertThat(gap(requests, 1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(gap(requests, 2)).isEqualTo(Duration.ofSeconds(2));
    MetricsSnapshot metrics = youtube.api().metrics();
    assertThat(metrics.calls()).isEqualTo(1);
    assertThat(metrics.requests()).isEqualTo(4);
    assertThat(metrics.retries()).isEqualTo(3);
    assertThat(metrics.errors()).containsEntry(ApiErrorKind.SERVER_ERROR, 1L);
    assertThat(metrics.latencyP95()).isPositive();
  }

  private static Duration gap(List<JournalEntry> requests, int index) {
    return Duration.between(requests.get(index).at(), requests.get(index + 1).at());
  }

  @Test
  void unavailableResetAndMalformedAnswersAreRetriedUntilOneSucceeds() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.unavailable(), 1);
    fixture.simulator.inject(Provider.YOUTUBE, Fault.resetConnection(), 1);
    fixture.simulator.inject(Provider.YOUTUBE, Fault.malformedJson(), 1);

    assertThat(youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached())).hasSize(1);

    // The JDK client itself resends a GET once when a reused connection drops before any answer,
    // so the reset may cost no retry of ours; the server saw all four requests either way.
    assertThat(youtubeRequests()).hasSize(4);
    assertThat(youtube.api().metrics().retries()).isBetween(2L, 3L);
    assertThat(youtube.api().metrics().errorCount()).isZero();
  }

  @Test
  void aResetConnectionEveryTimeEndsAsANetworkFailure() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.resetConnection(), 20);

    assertThatThrownBy(this::fetchOnce)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ApiErrorKind.NETWORK);
              assertThat(e.attempts()).isEqualTo(4);
              assertThat(e.getMessage()).contains("no HTTP answer", "after 4 attempts");
            });
  }

  @Test
  void malformedJsonEveryTimeEndsAsAMalformedResponse() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.malformedJson(), 20);

    assertThatThrownBy(this::fetchOnce)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> assertThat(e.kind()).isEqualTo(ApiErrorKind.MALFORMED_RESPONSE));
    assertThat(youtubeRequests()).hasSize(4);
  }

  @Test
  void aSlowAnswerTimesOutAndTheRetrySucceeds() {
    try (YouTubeClient impatient =
        YouTubeClient.create(
            fixture.config(Provider.YOUTUBE).requestTimeout(Duration.ofMillis(150)).build(),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      fixture.simulator.inject(Provider.YOUTUBE, Fault.slow(Duration.ofMillis(600)), 1);

      assertThat(impatient.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached())).hasSize(1);
      assertThat(impatient.api().metrics().retries()).isEqualTo(1);
    }
  }

  @Test
  void anOversizedBodyFailsAtOnce() {
    try (YouTubeClient small =
        YouTubeClient.create(
            fixture.config(Provider.YOUTUBE).maxResponseBytes(64 * 1024).build(),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      fixture.simulator.inject(Provider.YOUTUBE, Fault.oversizedBody(256 * 1024), 1);

      assertThatThrownBy(() -> small.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached()))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ApiErrorKind.MALFORMED_RESPONSE);
                assertThat(e.reason()).isEqualTo("oversized body");
              });
      assertThat(youtubeRequests()).hasSize(1);
    }
  }

  @Test
  void aBadKeyIsNotRetriedAndTheMessageDoesNotContainIt() {
    try (YouTubeClient wrongKey =
        YouTubeClient.create(
            fixture
                .config(Provider.YOUTUBE)
                .key("wrong", () -> java.util.Optional.of("AIzaSyWRONGkey111".toCharArray()))
                .build(),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      ApiException failure =
          catchThrowableOfType(
              ApiException.class,
              () -> wrongKey.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached()));

      assertThat(failure.kind()).isEqualTo(ApiErrorKind.UNAUTHORIZED);
      assertThat(failure.reason()).isEqualTo("API_KEY_INVALID");
      assertThat(failure.getMessage()).doesNotContain("AIzaSyWRONGkey111").contains("vault");
      assertThat(youtubeRequests()).hasSize(1);
      assertThat(youtubeRequests().getFirst().target()).doesNotContain("AIzaSy");
    }
  }

  @Test
  void anOpenAiUnauthorizedIsNotRetried() {
    try (OpenAiClient openAi =
        OpenAiClient.create(
            fixture.config(Provider.OPENAI).build(),
            ChatSettings.openAi("sim-chat-1"),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      fixture.simulator.inject(Provider.OPENAI, Fault.unauthorized(), 1);

      assertThatThrownBy(() -> openAi.generateText("", "hello", 50, CallOptions.uncached()))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ApiErrorKind.UNAUTHORIZED);
                assertThat(e.reason()).isEqualTo("invalid_api_key");
                assertThat(e.getMessage()).doesNotContain(SimulatorFixture.OPENAI_KEY);
              });
      assertThat(fixture.simulator.journal().count(Provider.OPENAI)).isEqualTo(1);
    }
  }

  @Test
  void youTubeQuotaExceededParksUntilMidnightPacificWithoutTrippingTheBreaker() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.quotaExceeded(), 1);

    ApiException first = catchThrowableOfType(ApiException.class, this::fetchOnce);
    ApiException second = catchThrowableOfType(ApiException.class, this::fetchOnce);

    assertThat(first.kind()).isEqualTo(ApiErrorKind.QUOTA_EXHAUSTED);
    assertThat(first.reason()).isEqualTo("quotaExceeded");
    assertThat(first.getMessage()).contains("HTTP 403", "Parked until");
    assertThat(second.kind()).isEqualTo(ApiErrorKind.QUOTA_EXHAUSTED);
    assertThat(second.attempts()).isZero();
    assertThat(youtubeRequests()).as("the parked call never reached the server").hasSize(1);
    assertThat(youtube.api().breakerState()).isEqualTo("CLOSED");
    Instant reset = YouTubeErrors.nextQuotaReset(fixture.time.instant());
    assertThat(youtube.api().parked()).get().extracting(Parking.Parked::until).isEqualTo(reset);
    // 12:00 UTC on 2 March is 04:00 in Los Angeles: the reset is 08:00 UTC the next day.
    assertThat(reset).isEqualTo(Instant.parse("2026-03-03T08:00:00Z"));

    fixture.time.set(reset);
    fetchOnce();
    assertThat(youtubeRequests()).hasSize(2);
  }

  @Test
  void aQuotaStopSeenByOneWorkerParksTheOtherThroughTheLedger(@TempDir Path dir) {
    org.sqlite.SQLiteDataSource dataSource = new org.sqlite.SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("quota.db"));
    try (YouTubeClient workerA =
            YouTubeClient.create(
                fixture.config(Provider.YOUTUBE).build(),
                new JdbcQuotaLedger(dataSource),
                SharedCache.none());
        YouTubeClient workerB =
            YouTubeClient.create(
                fixture.config(Provider.YOUTUBE).build(),
                new JdbcQuotaLedger(dataSource),
                SharedCache.none())) {
      fixture.simulator.inject(Provider.YOUTUBE, Fault.quotaExceeded(), 1);
      assertThatThrownBy(() -> workerA.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached()))
          .isInstanceOf(ApiException.class);

      ApiException refused =
          catchThrowableOfType(
              ApiException.class,
              () -> workerB.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached()));

      assertThat(refused.kind()).isEqualTo(ApiErrorKind.QUOTA_EXHAUSTED);
      assertThat(refused.attempts()).isZero();
      assertThat(youtubeRequests()).hasSize(1);

      workerB.api().unpark();
      assertThat(workerB.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached())).hasSize(1);
    }
  }

  @Test
  void openAiInsufficientQuotaParksWithoutRetry() {
    try (OpenAiClient openAi =
        OpenAiClient.create(
            fixture.config(Provider.OPENAI).defaultPark(Duration.ofMinutes(30)).build(),
            ChatSettings.openAi("sim-chat-1"),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      fixture.simulator.inject(Provider.OPENAI, Fault.quotaExceeded(), 1);

      assertThatThrownBy(() -> openAi.generateText("", "hello", 50, CallOptions.uncached()))
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ApiErrorKind.QUOTA_EXHAUSTED);
                assertThat(e.reason()).isEqualTo("insufficient_quota");
              });
      assertThatThrownBy(() -> openAi.generateText("", "again", 50, CallOptions.uncached()))
          .isInstanceOf(ApiException.class);
      assertThat(fixture.simulator.journal().count(Provider.OPENAI)).isEqualTo(1);
      assertThat(openAi.api().breakerState()).isEqualTo("CLOSED");

      fixture.time.advance(Duration.ofMinutes(30));
      assertThat(openAi.generateText("", "after the park", 50, CallOptions.uncached()).text())
          .contains("after the park");
    }
  }

  @Test
  void elevenLabsQuotaExceededIsA401ThatParks() {
    try (ElevenLabsClient eleven =
        ElevenLabsClient.create(
            fixture.config(Provider.ELEVENLABS).build(),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      fixture.simulator.inject(Provider.ELEVENLABS, Fault.quotaExceeded(), 1);

      assertThatThrownBy(eleven::voices)
          .isInstanceOfSatisfying(
              ApiException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(ApiErrorKind.QUOTA_EXHAUSTED);
                assertThat(e.status()).isEqualTo(401);
              });
      assertThat(eleven.api().parked()).isPresent();
    }
  }

  @Test
  void aLongRetryAfterParksTheProviderInsteadOfSleeping() {
    Instant start = fixture.time.instant();
    fixture.simulator.inject(Provider.YOUTUBE, Fault.tooManyRequests(Duration.ofMinutes(10)), 1);

    ApiException first = catchThrowableOfType(ApiException.class, this::fetchOnce);

    assertThat(first.kind()).isEqualTo(ApiErrorKind.RATE_LIMITED);
    assertThat(first.getMessage()).contains("asked to wait PT10M", "parked until");
    assertThat(first.retryAt()).contains(start.plus(Duration.ofMinutes(10)));
    assertThat(fixture.time.instant()).as("no sleep on the calling thread").isEqualTo(start);
    assertThat(youtube.api().parked())
        .get()
        .satisfies(parked -> assertThat(parked.kind()).isEqualTo(ApiErrorKind.RATE_LIMITED));
    assertThat(youtube.api().breakerState()).isEqualTo("CLOSED");

    ApiException second = catchThrowableOfType(ApiException.class, this::fetchOnce);
    assertThat(second.kind()).isEqualTo(ApiErrorKind.RATE_LIMITED);
    assertThat(second.attempts()).isZero();
    assertThat(second.retryAt()).isEqualTo(first.retryAt());
    assertThat(youtubeRequests()).as("nothing is sent while parked").hasSize(1);

    fixture.time.advance(Duration.ofMinutes(10));
    fetchOnce();
    assertThat(youtubeRequests()).hasSize(2);
    assertThat(youtube.api().metrics().rateLimited()).isEqualTo(1);
  }

  @Test
  void aShortRetryAfterIsStillWaitedInPlace() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.tooManyRequests(Duration.ofSeconds(10)), 1);

    fetchOnce();

    assertThat(youtubeRequests()).hasSize(2);
    assertThat(youtube.api().parked()).isEmpty();
  }

  @Test
  void a503WithALongRetryAfterParksAPaidCallToo() {
    try (OpenAiClient openAi =
        OpenAiClient.create(
            fixture.config(Provider.OPENAI).build(),
            ChatSettings.openAi("sim-chat-1"),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      Instant start = fixture.time.instant();
      fixture.simulator.inject(Provider.OPENAI, Fault.unavailable(Duration.ofMinutes(5)), 1);

      ApiException failure =
          catchThrowableOfType(
              ApiException.class, () -> openAi.analyseVideoMetered("Sourdough", "A loaf"));

      assertThat(failure.kind()).isEqualTo(ApiErrorKind.SERVER_ERROR);
      assertThat(failure.retryAt()).contains(start.plus(Duration.ofMinutes(5)));
      assertThat(fixture.time.instant()).isEqualTo(start);
      assertThat(fixture.simulator.journal().count(Provider.OPENAI)).isEqualTo(1);
      assertThat(
              catchThrowableOfType(
                      ApiException.class, () -> openAi.analyseVideoMetered("Sourdough", "A loaf"))
                  .attempts())
          .isZero();

      fixture.time.advance(Duration.ofMinutes(5));
      assertThat(openAi.analyseVideoMetered("Sourdough", "A loaf").value().hook()).isNotBlank();
      assertThat(fixture.simulator.journal().count(Provider.OPENAI)).isEqualTo(2);
    }
  }

  @Test
  void rateLimitedRequestsOfAPaidCallAreRetriedBeyondItsCap() {
    try (OpenAiClient openAi =
        OpenAiClient.create(
            fixture.config(Provider.OPENAI).build(),
            ChatSettings.openAi("sim-chat-1"),
            new InMemoryQuotaLedger(),
            SharedCache.none())) {
      fixture.simulator.inject(Provider.OPENAI, Fault.tooManyRequests(Duration.ofSeconds(1)), 3);

      assertThat(openAi.analyseVideoMetered("Sourdough", "A loaf").value().topics()).isNotEmpty();

      assertThat(fixture.simulator.journal().count(Provider.OPENAI)).isEqualTo(4);
    }
  }
}
