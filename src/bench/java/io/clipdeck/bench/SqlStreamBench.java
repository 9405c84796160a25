package io.clipdeck.bench;

import io.clipdeck.db.PooledDatabase;
import io.clipdeck.sql.ConsoleHistory;
import io.clipdeck.sql.ConsoleSession;
import io.clipdeck.sql.ResultCursor;
import io.clipdeck.sql.SqlConsoleService;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * Streams N rows (1,000,000 by default) of a PostgreSQL query through the SQL console's service
 * (windows of 500 rows, values converted for display) and through a bare JDBC loop (fetch size 500,
 * {@code getObject} per column), alternately, three rounds each, and prints the best times, their
 * ratio, the time to the first window and the peak heap. Not JMH: one long read is the unit.
 *
 * <p>Run (Maven's own JVM may be older than 25, so start the JDK 25 {@code java} yourself): {@code
 * mvn -Pbench -DskipTests test-compile}, {@code mvn dependency:build-classpath
 * -Dmdep.includeScope=test -Dmdep.outputFile=cp.txt}, then {@code java -Xmx256m -cp
 * target/test-classes:target/classes:$(cat cp.txt) io.clipdeck.bench.SqlStreamBench 1000000}.
 */
public final class SqlStreamBench {

  private static final int WINDOW = 500;

  private SqlStreamBench() {}

  public static void main(String[] args) throws Exception {
    int rows = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    String query =
        "SELECT g AS id, md5(g::text) AS label, g * 1.5 AS score, now() AS at"
            + " FROM generate_series(1, "
            + rows
            + ") g";
    Path dir = Files.createTempDirectory("sql-bench");
    try (ScratchDatabase scratch = TestDatabases.postgres();
        PooledDatabase database = new PooledDatabase(scratch.profile(), Clock.systemUTC())) {
      SqlConsoleService service =
          new SqlConsoleService(
              database, ConsoleHistory.forProfile(dir, "bench"), Clock.systemUTC());
      long bestBare = Long.MAX_VALUE;
      long bestService = Long.MAX_VALUE;
      long firstWindow = Long.MAX_VALUE;
      for (int round = 0; round < 3; round++) {
        bestBare = Math.min(bestBare, bare(database, query, rows));
        long[] timed = throughService(service, query, rows);
        bestService = Math.min(bestService, timed[0]);
        firstWindow = Math.min(firstWindow, timed[1]);
      }
      System.out.printf(
          Locale.ROOT,
          "SqlStreamBench: %,d rows on PostgreSQL; bare JDBC %,d ms, console service %,d ms,"
              + " ratio %.2f; first window of %d rows after %.1f ms; peak heap %,d MB of max %,d MB%n",
          rows,
          bestBare / 1_000_000,
          bestService / 1_000_000,
          (double) bestService / bestBare,
          WINDOW,
          firstWindow / 1e6,
          peakHeap() >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
    }
  }

  private static long bare(PooledDatabase database, String query, int rows) throws Exception {
    long start = System.nanoTime();
    long read = 0;
    try (Connection connection = database.connection()) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(WINDOW);
        try (ResultSet result = statement.executeQuery(query)) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            for (int i = 1; i <= columns; i++) {
              result.getObject(i);
            }
            read++;
          }
        }
      }
      connection.commit();
    }
    check(read, rows);
    return System.nanoTime() - start;
  }

  private static long[] throughService(SqlConsoleService service, String query, int rows)
      throws Exception {
    long start = System.nanoTime();
    long first = 0;
    long read = 0;
    try (ConsoleSession session = service.openSession()) {
      ResultCursor cursor = (ResultCursor) session.execute(query, false).next().orElseThrow();
      while (!cursor.exhausted()) {
        List<Object[]> window = cursor.fetch(WINDOW);
        if (first == 0) {
          first = System.nanoTime() - start;
        }
        read += window.size();
      }
    }
    check(read, rows);
    return new long[] {System.nanoTime() - start, first};
  }

  private static void check(long read, int rows) {
    if (read != rows) {
      throw new IllegalStateException("read " + read + " rows of " + rows);
    }
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
