package io.clipdeck.data;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Dialect;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.ServerRole;
import io.clipdeck.db.failover.WorkTarget;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections and transactions for one profile's pool, or a failover group's ({@link WorkTarget}):
 * each borrow goes to the group's serving member, and a transaction stays on the member it started
 * on. On a group, reads that lose their connection run once more: on the same member when it still
 * answers, else on the member the group switches to; writes are refused on a member that is a
 * replica, and a write whose connection is lost after it was sent raises {@link
 * OutcomeUnknownException} (never run again). Every {@link SQLException} leaves as a typed {@link
 * DataException}; every connection goes back to the pool clean: committed or rolled back,
 * autocommit and isolation as they were, so no aborted transaction follows it to the next borrower.
 */
public final class Jdbc {

  private static final Logger LOG = LoggerFactory.getLogger(Jdbc.class);

  /**
   * How long a session whose COMMIT was lost may go on committing before the outcome is unknown.
   */
  private static final Duration SETTLE_WAIT = Duration.ofSeconds(30);

  private final WorkTarget target;
  private final RetryPolicy retryPolicy;
  private final Consumer<Set<String>> afterCommit;
  // One per Jdbc, so a transaction on one profile is never joined by work on another.
  private final ScopedValue<Transaction> current = ScopedValue.newInstance();
  private final LongAdder retries = new LongAdder();

  /**
   * @param afterCommit told which tables a committed transaction wrote (the cache drops them)
   */
  public Jdbc(PooledDatabase database, RetryPolicy retryPolicy, Consumer<Set<String>> afterCommit) {
    this(WorkTarget.of(database), retryPolicy, afterCommit);
  }

  /**
   * @param afterCommit told which tables a committed transaction wrote (the cache drops them)
   */
  public Jdbc(WorkTarget target, RetryPolicy retryPolicy, Consumer<Set<String>> afterCommit) {
    this.target = target;
    this.retryPolicy = retryPolicy;
    this.afterCommit = afterCommit;
  }

  public Jdbc(PooledDatabase database) {
    this(database, RetryPolicy.DEFAULT, tables -> {});
  }

  public DatabaseKind kind() {
    return target.kind();
  }

  /** The profile's name, or the group's. */
  public String profileName() {
    return target.name();
  }

  /** Where work goes: the profile, or the group. */
  public WorkTarget target() {
    return target;
  }

  /** The pool work goes to now (a group's serving member's). */
  public PooledDatabase database() {
    try {
      return target.current();
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** Borrows a connection from the pool work goes to now. */
  Connection borrow() throws SQLException {
    return target.current().dataLayerConnection();
  }

  /** How many times a transaction ran again after a retryable conflict, since this was made. */
  public long retries() {
    return retries.sum();
  }

  /** The transaction this thread is running for this profile, if any. */
  public Optional<Transaction> currentTransaction() {
    return current.isBound() ? Optional.of(current.get()) : Optional.empty();
  }

  /**
   * Runs work on a connection: the current transaction's when there is one, else one borrowed for
   * the call in autocommit mode.
   */
  public <T> T withConnection(ConnectionCallback<T> work) {
    if (current.isBound()) {
      try {
        return work.run(current.get().connection());
      } catch (SQLException e) {
        throw translate(e);
      }
    }
    try (Connection connection = borrow()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /**
   * {@link #withConnection} for work that only reads. On a group, a read that loses its connection
   * runs once more: at once on the same member when it still serves and answers (only that session
   * was lost), else on the member the group switches to, waiting at most {@link
   * WorkTarget#switchWait()}; the first error stands when the group does not switch in that time.
   */
  public <T> T read(ConnectionCallback<T> work) {
    if (!target.isGroup() || current.isBound()) {
      return withConnection(work);
    }
    String member = memberNow();
    try {
      return withConnection(work);
    } catch (DataException.Unavailable lost) {
      // Only this connection was lost (a killed session): the member answers, run it there.
      // Else the member is going away: wait for the group to move, and run it on the new one.
      if (member == null || (!target.stillServes(member) && !awaitSwitch(member, lost))) {
        throw lost;
      }
      LOG.info("Group '{}': a read lost {}; running it once more", target.name(), member);
      return withConnection(work);
    }
  }

  /**
   * {@link #withConnection} for one write in autocommit mode. On a group it is refused, unsent,
   * when the member that serves is a replica; when its connection is lost it raises {@link
   * OutcomeUnknownException}: it may have been applied, so it is never run again.
   */
  public <T> T write(ConnectionCallback<T> work) {
    if (!target.isGroup() || current.isBound()) {
      return withConnection(work);
    }
    PooledDatabase pool = database();
    String member = pool.profile().name();
    boolean sent = false;
    try (Connection connection = pool.dataLayerConnection()) {
      requireWritable(connection, member);
      sent = true;
      return work.run(connection);
    } catch (SQLException e) {
      DataException error = translate(e);
      if (sent && error instanceof DataException.Unavailable lost) {
        throw new OutcomeUnknownException(target.name(), member, lost);
      }
      throw error;
    }
  }

  /** {@link #inTransaction(Isolation, TransactionCallback)} at the profile's isolation. */
  public <T> T inTransaction(TransactionCallback<T> work) {
    return inTransaction(Isolation.DEFAULT, work);
  }

  /**
   * Runs work in one transaction: commit when it returns, roll back when it throws anything.
   * Retryable conflicts run it again, up to the policy's attempts, with backoff and jitter. Called
   * inside another transaction of this profile, it joins that one (no retry of its own: the outer
   * transaction is the unit that can be run again). On a group it is refused before anything is
   * sent when the member is a replica, and a connection lost during COMMIT raises {@link
   * OutcomeUnknownException}.
   */
  public <T> T inTransaction(Isolation isolation, TransactionCallback<T> work) {
    try {
      return transact(isolation, work);
    } catch (DataException.Unavailable lost) {
      if (target.isGroup() && lost.commitInDoubt()) {
        throw new OutcomeUnknownException(target.name(), lost.inDoubtOn(), lost);
      }
      throw lost;
    }
  }

  private <T> T transact(Isolation isolation, TransactionCallback<T> work) {
    if (current.isBound()) {
      try {
        return work.run(current.get());
      } catch (SQLException e) {
        throw translate(e);
      }
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return runOnce(isolation, work, attempt);
      } catch (DataException.RetryableConflict conflict) {
        if (attempt >= retryPolicy.maxAttempts()) {
          throw conflict;
        }
        retries.increment();
        Duration wait = retryPolicy.delayAfter(attempt);
        LOG.debug(
            "Profile '{}': transaction attempt {} conflicted ({}); retrying in {} ms",
            profileName(),
            attempt,
            conflict.sqlState(),
            wait.toMillis());
        pause(wait, conflict);
      }
    }
  }

  private <T> T runOnce(Isolation isolation, TransactionCallback<T> work, int attempt) {
    PooledDatabase pool = database();
    String member = pool.profile().name();
    Connection connection;
    try {
      connection = pool.dataLayerConnection();
    } catch (SQLException e) {
      throw translate(e);
    }
    boolean autoCommitBefore = true;
    int isolationBefore = -1;
    boolean finished = false;
    try {
      autoCommitBefore = connection.getAutoCommit();
      if (target.isGroup()) {
        // On this very connection: a member that turned replica since the group's last check
        // (a failback race) is caught here, before anything is sent.
        requireWritable(connection, member);
      }
      if (isolation != Isolation.DEFAULT && Dialect.of(kind()).takesIsolationLevels()) {
        // SQLite transactions are always serializable; its driver refuses the other levels.
        isolationBefore = connection.getTransactionIsolation();
        connection.setTransactionIsolation(isolation.jdbcLevel());
      }
      connection.setAutoCommit(false);
      Transaction transaction = new Transaction(connection, attempt);
      T result = ScopedValue.where(current, transaction).call(() -> work.run(transaction));
      commit(connection, member);
      finished = true;
      afterCommit.accept(transaction.writtenTables());
      return result;
    } catch (SQLException e) {
      throw translate(e);
    } finally {
      if (!finished) {
        rollbackQuietly(connection);
      }
      restoreAndClose(connection, autoCommitBefore, isolationBefore);
    }
  }

  /**
   * Commits, telling a lost connection during COMMIT apart from one lost before it: after the
   * COMMIT left, the server may have applied it, so the caller must not assume either outcome.
   */
  private void commit(Connection connection, String member) throws SQLException {
    try {
      connection.commit();
    } catch (SQLException e) {
      if (translate(e) instanceof DataException.Unavailable lost) {
        throw lost.duringCommit(member);
      }
      throw e;
    }
  }

  /**
   * {@link #inTransaction(TransactionCallback)} for work that must land exactly once even when the
   * connection is lost during COMMIT. Then the outcome is unknown, so {@code landed} is asked,
   * outside the lost transaction, whether the work's effect is in the database (by the unique key
   * the work wrote): if it is, its answer is the result; if not, the work runs again, up to the
   * retry policy's attempts. Without such a check, a blind retry could write the row twice.
   */
  public <T> T inTransaction(TransactionCallback<T> work, CommitCheck<T> landed) {
    if (current.isBound()) {
      return inTransaction(work);
    }
    DataException.Unavailable inDoubt = null;
    // The server session of the attempt running now, to be settled before a look at the data.
    AtomicReference<InDoubtSession> session = new AtomicReference<>();
    TransactionCallback<T> watched =
        transaction -> {
          session.set(InDoubtSession.of(database(), transaction.connection()).orElse(null));
          return work.run(transaction);
        };
    for (int attempt = 1; ; attempt++) {
      try {
        // Not inTransaction(work): its in-doubt loss is reconciled here, not reported unknown.
        return transact(Isolation.DEFAULT, watched);
      } catch (DataException.Unavailable lost) {
        if (!lost.commitInDoubt()) {
          throw lost;
        }
        inDoubt = lost;
        settle(session.get(), lost);
        Optional<T> found = reconcile(landed, lost);
        if (found.isPresent()) {
          LOG.info("Profile '{}': the in-doubt commit had been applied", profileName());
          return found.get();
        }
        if (attempt >= retryPolicy.maxAttempts()) {
          throw lost;
        }
        retries.increment();
        LOG.info(
            "Profile '{}': the in-doubt commit was not visible; running the work again",
            profileName());
      } catch (DataException.ConstraintViolated refused) {
        // The lost COMMIT can land after the look (the server was still finishing it): the
        // work's unique key then refuses the second run, and only now is the first one visible.
        Optional<T> found = inDoubt == null ? Optional.empty() : reconcile(landed, inDoubt);
        if (found.isPresent()) {
          LOG.info("Profile '{}': the in-doubt commit landed while being checked", profileName());
          return found.get();
        }
        throw refused;
      }
    }
  }

  /**
   * Waits until the session whose COMMIT was lost has settled, so a look at the data is final;
   * still committing after {@link #SETTLE_WAIT}, the outcome stays unknown and {@code lost} is
   * thrown.
   */
  private static void settle(InDoubtSession session, DataException.Unavailable lost) {
    if (session == null) {
      return;
    }
    try {
      if (!session.settle(SETTLE_WAIT)) {
        throw lost;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw lost;
    }
  }

  private <T> Optional<T> reconcile(CommitCheck<T> landed, DataException.Unavailable lost) {
    // The server may still be coming back: ask until it answers, within the retry policy.
    for (int attempt = 1; ; attempt++) {
      try {
        return landed.find();
      } catch (DataException.Unavailable | DataException.Timeout stillDown) {
        if (attempt >= retryPolicy.maxAttempts()) {
          lost.addSuppressed(stillDown);
          throw lost;
        }
        pause(retryPolicy.delayAfter(attempt), lost);
      }
    }
  }

  /** Records that the current transaction wrote these tables (a no-op outside one). */
  void wrote(Set<String> tables) {
    if (current.isBound()) {
      current.get().wrote(tables);
    }
  }

  private String memberNow() {
    try {
      return target.current().profile().name();
    } catch (SQLException e) {
      return null;
    }
  }

  private boolean awaitSwitch(String member, DataException.Unavailable lost) {
    try {
      return target.awaitSwitchFrom(member, target.switchWait());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw lost;
    }
  }

  private void requireWritable(Connection connection, String member) throws SQLException {
    if (ServerRole.isReplica(kind(), connection)) {
      throw new DataException.PermissionDenied(
          "Group '"
              + target.name()
              + "' serves from "
              + member
              + ", a replica (in recovery or read-only) that takes no writes: the write was not"
              + " sent. Promote "
              + member
              + " or bring a primary back, then try again; `clipdeck groups status "
              + target.name()
              + "` shows each member's role.",
          "25006",
          0,
          null);
    }
  }

  DataException translate(SQLException e) {
    return SqlErrors.translate(kind(), profileName(), e);
  }

  private void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // The connection is broken: the pool drops it when it comes back; the first error stands.
      LOG.debug("Profile '{}': rollback failed: {}", profileName(), e.getMessage());
    }
  }

  private void restoreAndClose(Connection connection, boolean autoCommit, int isolation) {
    try {
      if (connection.getAutoCommit() != autoCommit) {
        connection.setAutoCommit(autoCommit);
      }
      if (isolation != -1) {
        connection.setTransactionIsolation(isolation);
      }
    } catch (SQLException e) {
      LOG.debug("Profile '{}': could not reset a connection: {}", profileName(), e.getMessage());
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        LOG.debug("Profile '{}': could not return a connection: {}", profileName(), e.getMessage());
      }
    }
  }

  private static void pause(Duration wait, DataException interrupted) {
    if (wait.isZero()) {
      return;
    }
    try {
      Thread.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted;
    }
  }
}
