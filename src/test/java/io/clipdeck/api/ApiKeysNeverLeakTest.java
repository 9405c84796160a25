package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.JournalEntry;
import io.clipdeck.api.youtube.YouTubeClient;
import io.clipdeck.testing.SecretScan;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * YouTube's key travels in the URL, the hardest case: after failures of every kind, no form of it
 * is in a log line, an exception (message or stack trace), a cache key or value, or the journal.
 */
@Tag("reliability")
class ApiKeysNeverLeakTest {

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private Logger rootLogger;
  private Level previousLevel;

  @BeforeEach
  void captureLogs() {
    rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    previousLevel = rootLogger.getLevel();
    rootLogger.setLevel(Level.TRACE);
    logs.start();
    rootLogger.addAppender(logs);
  }

  @AfterEach
  void releaseLogs() {
    rootLogger.detachAppender(logs);
    rootLogger.setLevel(previousLevel);
  }

  @Test
  void noFormOfTheKeyShowsAnywhere() {
    Map<String, byte[]> shared = new ConcurrentHashMap<>();
    SharedCache flaky =
        new SharedCache() {
          private boolean down = true;

          @Override
          public Optional<byte[]> get(String key) {
            if (down) {
              down = false;
              throw new IllegalStateException("shared cache down");
            }
            return Optional.ofNullable(shared.get(key));
          }

          @Override
          public void put(String key, byte[] value, Duration ttl) {
            shared.put(key, value);
          }
        };
    List<String> texts = new ArrayList<>();
    try (SimulatorFixture fixture = new SimulatorFixture();
        YouTubeClient youtube =
            YouTubeClient.create(
                fixture
                    .config(Provider.YOUTUBE)
                    .maxAttempts(2)
                    .requestTimeout(Duration.ofMillis(150))
                    .build(),
                new InMemoryQuotaLedger(),
                flaky)) {
      for (Fault fault :
          List.of(
              Fault.serverError(),
              Fault.resetConnection(),
              Fault.slow(Duration.ofMillis(400)),
              Fault.malformedJson(),
              Fault.unauthorized(),
              Fault.quotaExceeded())) {
        fixture.simulator.inject(Provider.YOUTUBE, fault, 2);
        try {
          youtube.videoInfo("Qm7vT2xK9aB");
        } catch (ApiException e) {
          StringWriter trace = new StringWriter();
          e.printStackTrace(new PrintWriter(trace));
          texts.add(trace.toString());
        }
        youtube.api().unpark();
        fixture.simulator.clearFaults();
      }
      youtube.videoInfo("kP3sD8fG1hJ");
      texts.add(youtube.toString());
      texts.add(youtube.api().metrics().toString());
      fixture.simulator.journal().entries().stream()
          .map(JournalEntry::toString)
          .forEach(texts::add);
    }
    logs.list.forEach(
        event -> texts.add(event.getFormattedMessage() + " " + event.getThrowableProxy()));
    shared.forEach(
        (key, value) -> {
          texts.add(key);
          texts.add(new String(value, StandardCharsets.UTF_8));
        });

    assertThat(texts).hasSizeGreaterThan(6);
    assertThat(
            SecretScan.textMentioning(
                "probe",
                "k=" + SimulatorFixture.YOUTUBE_KEY,
                List.of(SimulatorFixture.YOUTUBE_KEY)))
        .as("the scan does see a key that is there")
        .isNotEmpty();
    List<String> found = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      found.addAll(
          SecretScan.textMentioning(
              "text " + i, texts.get(i), List.of(SimulatorFixture.YOUTUBE_KEY)));
    }
    assertThat(found).isEmpty();
    assertThat(logs.list)
        .anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("Shared API cache"));
  }
}
