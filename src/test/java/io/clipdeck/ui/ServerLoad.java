package io.clipdeck.ui;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
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
 * A small load on a PostgreSQL or MariaDB test database, from outside the console: a few clients
 * looping short queries (bounded in count and time) and one session sleeping 30 s. Closing it stops
 * them all.
 */
final class ServerLoad implements AutoCloseable {

  /** How the sleeping statement ended: its error, or what it returned, and after how long. */
  record SleeperEnd(String how, Duration after) {}

  /** Each query sleeps 10 ms, so a client runs at most about 100 queries a second. */
  private static final int MAX_QUERIES_PER_CLIENT = 9_000;

  private static final Duration MAX_TIME = Duration.ofSeconds(90);

  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicBoolean stop = new AtomicBoolean();
  private final AtomicLong queries = new AtomicLong();
  private final List<Connection> connections = new ArrayList<>();
  private final CompletableFuture<SleeperEnd> sleeperEnded = new CompletableFuture<>();
  private final String sleepStatement;

  ServerLoad(ConnectionProfile profile, int clients) throws SQLException {
    boolean postgres = profile.kind() == DatabaseKind.POSTGRESQL;
    String query =
        postgres
            ? "SELECT pg_sleep(0.01), count(*) FROM generate_series(1, 1000)"
            : "SELECT SLEEP(0.01), COUNT(*) FROM information_schema.CHARACTER_SETS";
    sleepStatement = postgres ? "SELECT pg_sleep(30)" : "SELECT SLEEP(30)";
    long deadline = System.nanoTime() + MAX_TIME.toNanos();
    for (int i = 0; i < clients; i++) {
      Connection connection = connect(profile);
      connections.add(connection);
      threads.execute(
          () -> {
            try (Statement statement = connection.createStatement()) {
              for (int n = 0;
                  n < MAX_QUERIES_PER_CLIENT && !stop.get() && System.nanoTime() < deadline;
                  n++) {
                statement.execute(query);
                queries.incrementAndGet();
              }
            } catch (SQLException e) {
              // Closing the load closes the connection under the loop.
            }
          });
    }
    Connection sleeper = connect(profile);
    connections.add(sleeper);
    threads.execute(
        () -> {
          long start = System.nanoTime();
          try (Statement statement = sleeper.createStatement();
              ResultSet result = statement.executeQuery(sleepStatement)) {
            // SLEEP() returns 0 when it ran to its end (1 if interrupted without an error).
            result.next();
            sleeperEnded.complete(
                new SleeperEnd(
                    "returned " + result.getInt(1), Duration.ofNanos(System.nanoTime() - start)));
          } catch (SQLException e) {
            sleeperEnded.complete(
                new SleeperEnd(e.getMessage(), Duration.ofNanos(System.nanoTime() - start)));
          }
        });
  }

  private static Connection connect(ConnectionProfile profile) throws SQLException {
    return DriverManager.getConnection(profile.jdbcUrl(), profile.user(), "");
  }

  /** The sleeping session's statement, as the server lists it. */
  String sleepStatement() {
    return sleepStatement;
  }

  long queries() {
    return queries.get();
  }

  /** Completes when the sleeping statement has ended, saying how. */
  CompletableFuture<SleeperEnd> sleeperEnded() {
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
