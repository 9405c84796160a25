package io.clipdeck.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.db.PooledDatabase;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The spent quota survives a restart, and two ledgers never hand out more than the limit. */
class JdbcQuotaLedgerTest {

  private static final Instant NOW = Instant.parse("2026-03-02T12:00:30Z");
  private static final List<QuotaWindow> WINDOWS =
      List.of(new QuotaWindow(Duration.ofMinutes(1), 25), new QuotaWindow(Duration.ofHours(1), 40));

  private static DataSource sqlite(Path dir) {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("quota.db"));
    return dataSource;
  }

  @Test
  void aRestartRemembersTheSpentQuota(@TempDir Path dir) {
    QuotaLedger before = new JdbcQuotaLedger(sqlite(dir));
    for (int i = 0; i < 5; i++) {
      assertThat(before.tryRecord("openai/key", WINDOWS, NOW)).isTrue();
    }

    QuotaLedger after = new JdbcQuotaLedger(sqlite(dir));

    assertThat(after.spent("openai/key", WINDOWS.get(0), NOW)).isEqualTo(5);
    assertThat(after.spent("openai/key", WINDOWS.get(1), NOW)).isEqualTo(5);
    assertThat(after.spent("openai/other-key", WINDOWS.get(0), NOW)).isZero();
    assertThat(after.spent("openai/key", WINDOWS.get(0), NOW.plus(Duration.ofMinutes(1))))
        .as("a new minute starts empty")
        .isZero();
  }

  @Test
  void pastWindowsAreDroppedAsNewOnesOpen(@TempDir Path dir) throws Exception {
    DataSource dataSource = sqlite(dir);
    QuotaLedger ledger = new JdbcQuotaLedger(dataSource);
    for (int minute = 0; minute < 10; minute++) {
      assertThat(ledger.tryRecord("openai/key", WINDOWS, NOW.plus(Duration.ofMinutes(minute))))
          .isTrue();
    }

    try (var connection = dataSource.getConnection();
        var statement = connection.createStatement();
        var rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM api_quota WHERE provider = 'openai/key/PT1M'")) {
      rows.next();
      assertThat(rows.getLong(1)).isLessThanOrEqualTo(2);
    }
    assertThat(ledger.spent("openai/key", WINDOWS.get(1), NOW)).isEqualTo(10);
  }

  @Test
  void twoLedgersOnSqliteHandOutExactlyTheLimit(@TempDir Path dir) throws Exception {
    DataSource dataSource = sqlite(dir);
    assertExactlyTheLimit(new JdbcQuotaLedger(dataSource), new JdbcQuotaLedger(dataSource));
  }

  @Test
  void twoLedgersOnPostgresqlHandOutExactlyTheLimit() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.postgres();
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      QuotaLedger first = new JdbcQuotaLedger(database.dataSource());
      QuotaLedger second = new JdbcQuotaLedger(database.dataSource());
      assertExactlyTheLimit(first, second);
      assertThat(first.spent("youtube/key", WINDOWS.get(1), NOW)).isEqualTo(25);
    }
  }

  @Test
  void twoLedgersOnMariaDbHandOutExactlyTheLimit() throws Exception {
    try (ScratchDatabase scratch = TestDatabases.mariadb();
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      QuotaLedger first = new JdbcQuotaLedger(database.dataSource());
      QuotaLedger second = new JdbcQuotaLedger(database.dataSource());
      assertExactlyTheLimit(first, second);
      assertThat(second.spent("youtube/key", WINDOWS.get(1), NOW)).isEqualTo(25);
    }
  }

  /** 8 threads per ledger race for the 25 calls of a minute: exactly 25 win. */
  private static void assertExactlyTheLimit(QuotaLedger first, QuotaLedger second)
      throws Exception {
    AtomicInteger granted = new AtomicInteger();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < 16; thread++) {
        QuotaLedger ledger = thread % 2 == 0 ? first : second;
        futures.add(
            executor.submit(
                () -> {
                  for (int call = 0; call < 5; call++) {
                    if (ledger.tryRecord("youtube/key", WINDOWS, NOW)) {
                      granted.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    }
    assertThat(granted.get()).isEqualTo(25);
    assertThat(first.spent("youtube/key", WINDOWS.get(0), NOW)).isEqualTo(25);
  }
}
