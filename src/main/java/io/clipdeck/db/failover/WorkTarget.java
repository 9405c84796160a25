package io.clipdeck.db.failover;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where work goes: one profile's pool, or a failover group's, which is its serving member's pool at
 * the moment a connection is borrowed. The data layer borrows through it, so repositories, the
 * enrichment queue and the browser follow a group's switches without knowing of groups.
 */
public sealed interface WorkTarget permits WorkTarget.OneProfile, WorkTarget.Group {

  /** The profile's or the group's name, for messages. */
  String name();

  /**
   * The profile whose settings (statement echo, location) describe the target: the profile, or the
   * group's primary.
   */
  ConnectionProfile profile();

  /** The database kind of every member (a group's members are the same kind). */
  DatabaseKind kind();

  /**
   * The pool work goes to now. Never waits on a server.
   *
   * @throws NoHealthyMemberException when a group's members all failed their last check
   */
  PooledDatabase current() throws NoHealthyMemberException;

  /** Whether this is a group: reads are then retried after a switch and writes checked. */
  boolean isGroup();

  /**
   * Waits until the group serves from another member than {@code member}, at most {@code max}.
   *
   * @return true when it does (at once if it already did); always false for a single profile
   */
  boolean awaitSwitchFrom(String member, Duration max) throws InterruptedException;

  /**
   * Whether {@code member} still serves and passes a check now (a lost connection that was only
   * that connection's); may wait up to a {@code pool_timeout}. Always false for a single profile.
   */
  boolean stillServes(String member);

  /** How long a read waits for a switch before it gives up: time for the group to notice. */
  Duration switchWait();

  static WorkTarget of(PooledDatabase database) {
    return new OneProfile(database);
  }

  static WorkTarget of(FailoverGroup group) {
    return new Group(group);
  }

  /** One profile's pool: work goes there, whatever its health. */
  record OneProfile(PooledDatabase database) implements WorkTarget {
    public OneProfile {
      Objects.requireNonNull(database, "database");
    }

    @Override
    public String name() {
      return database.profile().name();
    }

    @Override
    public ConnectionProfile profile() {
      return database.profile();
    }

    @Override
    public DatabaseKind kind() {
      return database.profile().kind();
    }

    @Override
    public PooledDatabase current() {
      return database;
    }

    @Override
    public boolean isGroup() {
      return false;
    }

    @Override
    public boolean awaitSwitchFrom(String member, Duration max) {
      return false;
    }

    @Override
    public boolean stillServes(String member) {
      return false;
    }

    @Override
    public Duration switchWait() {
      return Duration.ZERO;
    }
  }

  /** A failover group: work goes to its serving member. */
  record Group(FailoverGroup group) implements WorkTarget {
    public Group {
      Objects.requireNonNull(group, "group");
    }

    @Override
    public String name() {
      return group.name();
    }

    @Override
    public ConnectionProfile profile() {
      return group.primary();
    }

    @Override
    public DatabaseKind kind() {
      return group.primary().kind();
    }

    @Override
    public PooledDatabase current() throws NoHealthyMemberException {
      return group.healthyDatabase();
    }

    @Override
    public boolean isGroup() {
      return true;
    }

    @Override
    public boolean awaitSwitchFrom(String member, Duration max) throws InterruptedException {
      CountDownLatch switched = new CountDownLatch(1);
      Consumer<FailoverEvent> listener = event -> switched.countDown();
      group.addListener(listener);
      try {
        // Checked after listening, so a switch between the two is not missed.
        if (!group.status().serving().equals(member)) {
          return true;
        }
        return switched.await(max.toMillis(), TimeUnit.MILLISECONDS);
      } finally {
        group.removeListener(listener);
      }
    }

    @Override
    public boolean stillServes(String member) {
      if (!group.status().serving().equals(member)) {
        return false;
      }
      try {
        return group.healthyDatabase().checkHealth().isUp();
      } catch (NoHealthyMemberException e) {
        return false;
      }
    }

    /**
     * The group switches after {@code failuresBeforeSwitch} failed checks one interval apart; one
     * interval more covers the check that was running when the read failed, and each check of a
     * dead server may last its pool timeout.
     */
    @Override
    public Duration switchWait() {
      FailoverPolicy policy = group.policy();
      Duration poolTimeout = group.serving().pool().poolTimeout();
      return policy
          .checkInterval()
          .plus(poolTimeout)
          .multipliedBy(policy.failuresBeforeSwitch() + 1L);
    }
  }
}
