package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.clipdeck.data.model.User;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Statements past the slow threshold are logged with their duration, never with their values. */
class SlowStatementLogTest {

  @TempDir Path dir;

  @Test
  void slowStatementsAreLoggedWithTheirDurationButNotTheirValues() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(QueryExecutor.class);
    ListAppender<ILoggingEvent> events = new ListAppender<>();
    events.start();
    logger.addAppender(events);
    try (DataFixture fixture =
        DataFixture.open(
            DatabaseKind.SQLITE, dir, p -> p, s -> s.withSlowThreshold(Duration.ZERO))) {
      fixture.data.users().create(User.of("ana", "private.person@example.test"));
      fixture.data.users().getByEmail("private.person@example.test");
    } finally {
      logger.detachAppender(events);
    }
    assertThat(events.list)
        .filteredOn(event -> event.getLevel() == Level.WARN)
        .extracting(ILoggingEvent::getFormattedMessage)
        .anySatisfy(
            message -> assertThat(message).contains("slow statement").contains(" ms: SELECT"))
        .anySatisfy(message -> assertThat(message).contains("INSERT INTO"))
        .allSatisfy(message -> assertThat(message).doesNotContain("private.person"));
  }
}
