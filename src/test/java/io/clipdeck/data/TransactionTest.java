package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.User;
import io.clipdeck.data.repo.UserRepository;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** inTransaction: commit, rollback, clean connections, joining, retried conflicts, transfers. */
class TransactionTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void commitsOnSuccessRollsBackOnAnyExceptionAndJoinsAnOuterTransaction(DatabaseKind kind)
      throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      Jdbc jdbc = fixture.data.jdbc();
      UserRepository users = fixture.data.users();

      long id = jdbc.inTransaction(tx -> users.create(User.of("ana", "ana@example.test")).id());
      assertThat(users.getById(id)).isPresent();

      assertThatThrownBy(
              () ->
                  jdbc.inTransaction(
                      tx -> {
                        users.create(User.of("bo", "bo@example.test"));
                        jdbc.inTransaction(inner -> users.create(User.of("cy", "cy@example.test")));
                        assertThat(users.count(Map.of())).isEqualTo(3);
                        throw new IllegalStateException("changed my mind");
                      }))
          .isInstanceOf(IllegalStateException.class);
      assertThat(fixture.rowCounts().get("users")).isEqualTo(1);
      assertThat(jdbc.currentTransaction()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void theConnectionGoesBackCleanAfterAFailedTransaction(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir);
        // One physical connection, so the next borrow gets the very one the failure ran on.
        PooledDatabase single =
            new PooledDatabase(
                fixture
                    .database
                    .profile()
                    .withPool(
                        fixture.database.profile().pool().toBuilder()
                            .poolSize(1)
                            .maxOverflow(0)
                            .build()),
                Clock.systemUTC())) {
      Jdbc jdbc = new Jdbc(single);
      int isolation = jdbc.withConnection(Connection::getTransactionIsolation);

      assertThatThrownBy(
              () ->
                  jdbc.inTransaction(
                      Isolation.SERIALIZABLE,
                      tx -> {
                        try (Statement statement = tx.connection().createStatement()) {
                          statement.executeUpdate(
                              "INSERT INTO users (username, email) VALUES ('ana', 'a@x.test')");
                          statement.execute("SELEC 1");
                        }
                        return null;
                      }))
          .isInstanceOf(DataException.BadStatement.class);

      jdbc.withConnection(
          connection -> {
            assertThat(connection.getAutoCommit()).isTrue();
            assertThat(connection.getTransactionIsolation()).isEqualTo(isolation);
            // No aborted transaction leaked: a statement runs, and the insert was rolled back.
            try (Statement statement = connection.createStatement();
                var rows = statement.executeQuery("SELECT COUNT(*) FROM users")) {
              rows.next();
              assertThat(rows.getLong(1)).isZero();
            }
            return null;
          });
      assertThat(single.stats().active()).isZero();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MYSQL"})
  void aRealSerializationConflictIsRetriedAndLosesNoUpdate(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      UserRepository users = fixture.data.users();
      long id = users.create(User.of("ana", "a@x.test").withCredits(new BigDecimal("100"))).id();
      long retriesBefore = fixture.data.jdbc().retries();

      List<Integer> attempts = addTenTwiceInLockstep(fixture, id);

      assertThat(users.getById(id).orElseThrow().credits()).isEqualByComparingTo("120");
      assertThat(attempts).hasSize(3); // both ran once together, one of them again
      assertThat(fixture.data.jdbc().retries() - retriesBefore).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "MYSQL"})
  void withoutRetriesTheConflictIsTyped(DatabaseKind kind) throws Exception {
    try (DataFixture fixture =
        DataFixture.open(kind, dir, p -> p, s -> s.withRetryPolicy(RetryPolicy.NONE))) {
      UserRepository users = fixture.data.users();
      long id = users.create(User.of("ana", "a@x.test").withCredits(new BigDecimal("100"))).id();
      assertThatThrownBy(() -> addTenTwiceInLockstep(fixture, id))
          .isInstanceOf(DataException.RetryableConflict.class)
          .hasMessageContaining("run it again");
      assertThat(users.getById(id).orElseThrow().credits()).isEqualByComparingTo("110");
    }
  }

  /**
   * Two transactions read the same balance, wait for each other, then both write it: PostgreSQL
   * fails one with a serialization failure, MariaDB with a deadlock (SERIALIZABLE reads take shared
   * locks). Returns the attempts made.
   */
  private static List<Integer> addTenTwiceInLockstep(DataFixture fixture, long id)
      throws Exception {
    UserRepository users = fixture.data.users();
    CyclicBarrier bothRead = new CyclicBarrier(2);
    List<Integer> attempts = java.util.Collections.synchronizedList(new ArrayList<>());
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        done.add(
            threads.submit(
                () ->
                    fixture
                        .data
                        .jdbc()
                        .inTransaction(
                            Isolation.SERIALIZABLE,
                            tx -> {
                              attempts.add(tx.attempt());
                              BigDecimal credits = users.getById(id).orElseThrow().credits();
                              if (tx.attempt() == 1) {
                                try {
                                  bothRead.await(30, TimeUnit.SECONDS);
                                } catch (Exception e) {
                                  throw new IllegalStateException(e);
                                }
                              }
                              users.update(id, Map.of("credits", credits.add(BigDecimal.TEN)));
                              return null;
                            })));
      }
      for (Future<?> future : done) {
        try {
          future.get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          if (e.getCause() instanceof RuntimeException runtime) {
            throw runtime;
          }
          throw e;
        }
      }
    }
    return attempts;
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void concurrentTransfersNeverLoseOrCreateCredits(DatabaseKind kind) throws Exception {
    // 50 transfers on a pool of 5, most of them conflicting and retried: a borrower can wait more
    // than the desktop's 5 s on a busy 2-core machine. What is under test is the money, not the
    // pool's wait, so the wait is generous.
    try (DataFixture fixture =
        DataFixture.open(
            kind,
            dir,
            p ->
                p.withPool(
                    p.pool().toBuilder().poolTimeout(java.time.Duration.ofSeconds(60)).build()),
            s ->
                s.withRetryPolicy(
                    new RetryPolicy(
                        50, java.time.Duration.ofMillis(2), java.time.Duration.ofMillis(50))))) {
      UserRepository users = fixture.data.users();
      List<Long> ids = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        ids.add(
            users
                .create(User.of("u" + i, "u" + i + "@x.test").withCredits(new BigDecimal("100")))
                .id());
      }
      SplittableRandom random = new SplittableRandom(11);
      record Transfer(long from, long to, BigDecimal amount) {}
      List<Transfer> transfers = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        int from = random.nextInt(4);
        int to = (from + 1 + random.nextInt(3)) % 4;
        transfers.add(
            new Transfer(ids.get(from), ids.get(to), BigDecimal.valueOf(1 + random.nextInt(9))));
      }
      List<Transfer> succeeded = java.util.Collections.synchronizedList(new ArrayList<>());
      try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<?>> futures = new ArrayList<>();
        for (Transfer transfer : transfers) {
          futures.add(
              threads.submit(
                  () -> {
                    try {
                      users.transferCredits(transfer.from(), transfer.to(), transfer.amount());
                      succeeded.add(transfer);
                    } catch (IllegalArgumentException tooFewCredits) {
                      // refused whole: nothing moved
                    }
                  }));
        }
        for (Future<?> future : futures) {
          future.get(120, TimeUnit.SECONDS);
        }
      }
      Map<Long, BigDecimal> expected = new java.util.HashMap<>();
      ids.forEach(id -> expected.put(id, new BigDecimal("100")));
      for (Transfer transfer : succeeded) {
        expected.merge(transfer.from(), transfer.amount().negate(), BigDecimal::add);
        expected.merge(transfer.to(), transfer.amount(), BigDecimal::add);
      }
      BigDecimal total = BigDecimal.ZERO;
      for (long id : ids) {
        BigDecimal credits = users.getById(id).orElseThrow().credits();
        assertThat(credits).as("user %s", id).isEqualByComparingTo(expected.get(id));
        total = total.add(credits);
      }
      assertThat(total).isEqualByComparingTo("400");
      assertThat(succeeded).isNotEmpty();
      assertThat(fixture.database.stats().active()).isZero();
      PoolSettings settings = fixture.database.profile().pool();
      assertThat(settings.maximumPoolSize()).isLessThan(transfers.size());
    }
  }
}
