package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.youtube.YouTubeClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The breaker opens on repeated server failures, spares the network, then recovers. */
class CircuitBreakerTest {

  private final SimulatorFixture fixture = new SimulatorFixture();
  private final List<BreakerTransition> transitions = new CopyOnWriteArrayList<>();
  private final YouTubeClient youtube =
      YouTubeClient.create(
          fixture
              .config(Provider.YOUTUBE)
              .maxAttempts(1)
              .breaker(3, 3, Duration.ofSeconds(30), 2)
              .build(),
          new InMemoryQuotaLedger(),
          SharedCache.none());

  @AfterEach
  void close() {
    youtube.close();
    fixture.close();
  }

  private void fetch() {
    youtube.videoInfo(List.of("Qm7vT2xK9aB"), CallOptions.uncached());
  }

  private long requests() {
    return fixture.simulator.journal().count(Provider.YOUTUBE);
  }

  @Test
  void opensRejectsWithoutNetworkHalfOpensAndCloses() {
    youtube.api().onBreakerTransition(transitions::add);
    fixture.simulator.inject(Provider.YOUTUBE, Fault.serverError(), 3);

    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(this::fetch)
          .isInstanceOfSatisfying(
              ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiErrorKind.SERVER_ERROR));
    }
    assertThat(youtube.api().breakerState()).isEqualTo("OPEN");

    assertThatThrownBy(this::fetch)
        .isInstanceOfSatisfying(
            ApiException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ApiErrorKind.CIRCUIT_OPEN);
              assertThat(e.attempts()).isZero();
            });
    assertThat(requests()).as("an open breaker sends nothing").isEqualTo(3);

    // resilience4j half-opens once its wait has strictly passed.
    fixture.time.advance(Duration.ofSeconds(31));
    fetch();
    assertThat(youtube.api().breakerState()).isEqualTo("HALF_OPEN");
    fetch();

    assertThat(youtube.api().breakerState()).isEqualTo("CLOSED");
    assertThat(requests()).isEqualTo(5);
    assertThat(transitions)
        .extracting(t -> t.from() + ">" + t.to())
        .containsExactly("CLOSED>OPEN", "OPEN>HALF_OPEN", "HALF_OPEN>CLOSED");
    assertThat(transitions).allMatch(t -> t.provider() == Provider.YOUTUBE);
    assertThat(youtube.api().metrics().errors()).containsEntry(ApiErrorKind.CIRCUIT_OPEN, 1L);
  }

  @Test
  void failedTrialCallsOpenItAgain() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.unavailable(), 5);
    for (int i = 0; i < 3; i++) {
      assertThatThrownBy(this::fetch).isInstanceOf(ApiException.class);
    }
    // resilience4j half-opens once its wait has strictly passed.
    fixture.time.advance(Duration.ofSeconds(31));

    assertThatThrownBy(this::fetch)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiErrorKind.SERVER_ERROR));
    assertThatThrownBy(this::fetch)
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.kind()).isEqualTo(ApiErrorKind.SERVER_ERROR));

    assertThat(youtube.api().breakerState()).isEqualTo("OPEN");
  }

  @Test
  void clientErrorsAndQuotaDoNotOpenIt() {
    fixture.simulator.inject(Provider.YOUTUBE, Fault.unauthorized(), 5);
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(this::fetch).isInstanceOf(ApiException.class);
    }
    assertThat(youtube.api().breakerState()).isEqualTo("CLOSED");
    assertThat(requests()).isEqualTo(5);
  }
}
