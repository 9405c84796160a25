package io.clipdeck.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dashboard's history file is opened by its first use, not when the console starts. */
class OpenedOnFirstUseTest {

  @TempDir Path dir;

  @Test
  void theFileIsMadeByTheFirstUseOnlyAndOpenedOnce() {
    Path file = dir.resolve("monitor.db");
    AtomicInteger opened = new AtomicInteger();
    Clock clock = Clock.systemUTC();
    try (OpenedOnFirstUse store =
        new OpenedOnFirstUse(
            () -> {
              opened.incrementAndGet();
              return SqliteHistoryStore.open(file, Duration.ofHours(1), clock);
            })) {
      assertThat(file).doesNotExist();
      assertThat(opened).hasValue(0);

      Instant now = Instant.now(clock);
      store.append("local", new HistoryPoint(now, Map.of("active", 1.0)));
      assertThat(store.load("local", now.minusSeconds(60))).hasSize(1);
      store.open();

      assertThat(file).exists();
      assertThat(opened).hasValue(1);
    }
  }

  @Test
  void aStoreClosedBeforeItsFirstUseIsNeverOpened() throws Exception {
    Path file = dir.resolve("monitor.db");
    OpenedOnFirstUse store =
        new OpenedOnFirstUse(
            () -> SqliteHistoryStore.open(file, Duration.ofHours(1), Clock.systemUTC()));
    store.close();

    store.open();

    assertThat(store.recentAlerts(10)).isEmpty();
    assertThat(Files.exists(file)).isFalse();
  }
}
