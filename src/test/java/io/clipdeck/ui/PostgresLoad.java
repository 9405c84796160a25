package io.clipdeck.ui;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.testing.TestDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small load on a test database, from outside the console: a few clients looping short queries
 * (bounded in count and time) and one session sleeping 30 s. Closing it stops them all.
 */
final class PostgresLoad implements AutoCloseable {

  /** Each query sleeps 10 ms, so a client runs at most about 100 queries a second. */
  private static final int MAX_QUERIES_PER_CLIENT = 9_000;

  private static final Duration MAX_TIME = Duration.ofSeconds(90);

  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong queries = new AtomicLong();
  private final List<Connection> connections = new ArrayList<>();
  private final CompletableFuture<SQLException> sleeperEnded = new CompletableFuture<>();

  PostgresLoad(ConnectionProfile profile, int clients) throws SQLException {
    String url =
        "jdbc:postgresql://" + profile.host() + ":" + profile.port() + "/" + profile.database();
    long deadline = System.nanoTime() + MAX_TIME.toNanos();
    for (int i = 0; i < clients; i++) {
      Connection connection = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
      connections.add(connection);
      threads.execute(
          () -> {
            try (Statement statement = connection.createStatement()) {
              for (int n = 0;
                  n < MAX_QUERIES_PER_CLIENT && !stop.get() && System.nanoTime() < deadline;
                  n++) {
                statement.execute("SELECT pg_sleep(0.01), count(*) FROM generate_series(1, 1000)");
                queries.incrementAndGet();
              }
            } catch (SQLException e) {
              // Closing the load closes the connection under the loop.
            }
          });
    }
    Connection sleeper = DriverManager.getConnection(url, TestDatabases.PG_USER, "");
    connections.add(sleeper);
    threads.execute(
        () -> {
          try (Statement statement = sleeper.createStatement()) {
            statement.execute("SELECT pg_sleep(30)");
            sleeperEnded.complete(new SQLException("pg_sleep(30) ran to its end"));
          } catch (SQLException e) {
            sleeperEnded.complete(e);
          }
        });
  }

  long queries() {
    return queries.get();
  }

  /** Completes with the error that ended the sleeping statement. */
  CompletableFuture<SQLException> sleeperEnded() {
    return sleeperEnded;
  }

  @Override
  public void close() throws SQLException {
    stop.set(true);
    for (Connection connection : connections) {
      connection.close();
    }
    threads.close();
  }
}
