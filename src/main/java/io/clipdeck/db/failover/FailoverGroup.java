package io.clipdeck.db.failover;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.failover.FailoverEvent.Kind;
import io.clipdeck.db.failover.FailoverPolicy.Failback;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary database and its failover members, ordered: the group serves from one member at a time
 * and moves to another when that one keeps failing its health checks.
 *
 * <p><b>Health.</b> Every member is checked ({@link PooledDatabase#checkHealth()}, through the
 * {@link DatabaseRegistry}'s pools) every {@link FailoverPolicy#checkInterval()}, once {@link
 * #start} has been called; or feed it reports yourself with {@link #onReport}, e.g. {@code
 * healthMonitor.addListener(group::onReport)}. Use one source or the other: each report counts as
 * one check.
 *
 * <p><b>Failover.</b> After {@link FailoverPolicy#failuresBeforeSwitch()} failed checks in a row of
 * the serving member, the group checks the other members in order (primary first) — skipping those
 * whose last check failed — and switches to the first that answers. The old member's pool is
 * soft-evicted: idle connections close at once, borrowed ones when they are given back, so new work
 * goes to the new member. When no member answers, the group stays where it is and {@link
 * #healthyDatabase()} throws once every member's last check failed.
 *
 * <p><b>Roles.</b> Each check also reads whether the member takes writes ({@link
 * HealthReport#role()}). A failover prefers a member that is a primary over one that is a replica;
 * it takes a replica only when no primary answers (reads then work, and the server itself refuses
 * every write).
 *
 * <p><b>Failback.</b> {@link Failback#AUTOMATIC}: back to the primary once it has passed every
 * check for {@link FailoverPolicy#hysteresis()} (counted from the last switch at the earliest, so a
 * drill with {@link #simulateFailover} lasts at least that long). {@link Failback#MANUAL}: only
 * when {@link #failBack()} is called. Automatic failback is held, with the reason in {@link
 * FailoverStatus#failbackHeld()}, while the primary is a replica and the serving member is not
 * (writes would stop), and once the serving member has been promoted from replica to primary: the
 * old primary then takes writes too, but lacks those made since the switch, and going back to it
 * would lose them (split brain). The DBA rebuilds it as a replica of the serving member and
 * promotes it (a switchover), or calls {@link #failBack()}.
 *
 * <p><b>Threads.</b> Checks and switches run on the worker executor given to {@link #start} (or the
 * caller's thread for {@link #onReport}, {@link #failBack} and {@link #simulateFailover}, which may
 * wait up to a {@code pool_timeout} per member checked); never call those from the JavaFX thread.
 * {@link #healthyDatabase()} and {@link #status()} never wait on a server. Listeners are told of
 * each switch on the thread that made it.
 */
public final class FailoverGroup implements AutoCloseable {

  /** How many switches {@link #status()} keeps. */
  public static final int EVENT_HISTORY = 100;

  private static final Logger log = LoggerFactory.getLogger(FailoverGroup.class);

  private final String name;
  private final List<ConnectionProfile> members;
  private final FailoverPolicy policy;
  private final DatabaseRegistry registry;
  private final Clock clock;
  private final Function<ConnectionProfile, HealthReport> probe;

  /** Serializes state changes and switches; may be held while a candidate is checked. */
  private final ReentrantLock lock = new ReentrantLock();

  private final Map<String, MemberState> states = new LinkedHashMap<>();
  private final ArrayDeque<FailoverEvent> events = new ArrayDeque<>();
  private final List<Consumer<FailoverEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private int serving;
  private Instant lastSwitch = Instant.MIN;

  /** Whether the serving member was a replica when the group switched to it. */
  private boolean servingWasReplica;

  /** Whether the serving member turned from replica to primary since the group switched to it. */
  private boolean promotedWhileServing;

  private Optional<String> failbackHeld = Optional.empty();
  private boolean noCandidateLogged;
  private volatile FailoverStatus status;
  private volatile boolean closed;
  private ScheduledFuture<?> ticks;

  /**
   * A group that checks its members with their pools' {@link PooledDatabase#checkHealth()}.
   *
   * @param primary the member the group prefers and starts on
   * @param failovers the other members, in the order they are tried
   * @param clock the clock for events and the hysteresis
   */
  public FailoverGroup(
      String name,
      ConnectionProfile primary,
      List<ConnectionProfile> failovers,
      FailoverPolicy policy,
      DatabaseRegistry registry,
      Clock clock) {
    this(name, primary, failovers, policy, registry, clock, null);
  }

  /** As above, with the check replaced: tests script members' health with it. */
  FailoverGroup(
      String name,
      ConnectionProfile primary,
      List<ConnectionProfile> failovers,
      FailoverPolicy policy,
      DatabaseRegistry registry,
      Clock clock,
      Function<ConnectionProfile, HealthReport> probe) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A failover group needs a name");
    }
    Objects.requireNonNull(primary, "primary");
    Objects.requireNonNull(failovers, "failovers");
    if (failovers.isEmpty()) {
      throw new IllegalArgumentException(
          "Failover group '" + name + "' needs at least one failover profile besides the primary");
    }
    List<ConnectionProfile> all = new ArrayList<>();
    all.add(primary);
    all.addAll(failovers);
    Set<String> names = new HashSet<>();
    for (ConnectionProfile member : all) {
      Objects.requireNonNull(member, "member");
      if (!names.add(member.name())) {
        throw new IllegalArgumentException(
            "Failover group '" + name + "' lists profile '" + member.name() + "' twice");
      }
    }
    this.name = name;
    this.members = List.copyOf(all);
    this.policy = Objects.requireNonNull(policy, "policy");
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.probe = probe != null ? probe : this::checkWithPool;
    for (int index = 0; index < members.size(); index++) {
      ConnectionProfile member = members.get(index);
      states.put(member.name(), new MemberState(member, index));
    }
    publish();
  }

  public String name() {
    return name;
  }

  public FailoverPolicy policy() {
    return policy;
  }

  public ConnectionProfile primary() {
    return members.getFirst();
  }

  /** Every member, the primary first. */
  public List<ConnectionProfile> members() {
    return members;
  }

  /** The member the group serves from now. */
  public ConnectionProfile serving() {
    FailoverStatus snapshot = status;
    return profile(snapshot.serving());
  }

  /**
   * Checks every member now and then every {@link FailoverPolicy#checkInterval()}: the scheduler
   * only ticks, the checks run on the workers, and a member whose check is still waiting on a dead
   * server is not checked again until that one ends.
   */
  public void start(ScheduledExecutorService scheduler, ExecutorService workers) {
    Objects.requireNonNull(scheduler, "scheduler");
    Objects.requireNonNull(workers, "workers");
    lock.lock();
    try {
      requireOpen();
      if (ticks != null) {
        throw new IllegalStateException("Failover group '" + name + "' is already started");
      }
      long millis = policy.checkInterval().toMillis();
      ticks =
          scheduler.scheduleWithFixedDelay(
              () -> checkAll(workers), 0, millis, TimeUnit.MILLISECONDS);
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes one health report into account. Reports for profiles outside the group, and {@link
   * HealthReport.Health#UNKNOWN} ones, are ignored. May switch the serving member, which checks the
   * candidate first: this can wait up to a {@code pool_timeout} per candidate.
   */
  public void onReport(HealthReport report) {
    Objects.requireNonNull(report, "report");
    if (report.health() == HealthReport.Health.UNKNOWN || !states.containsKey(report.profile())) {
      return;
    }
    List<FailoverEvent> switched = new ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      record(report);
      evaluate(switched);
      publish();
    } finally {
      lock.unlock();
    }
    notifyListeners(switched);
  }

  /**
   * The pool of the member the group serves from now. Never waits on a server.
   *
   * @throws NoHealthyMemberException when every member's last check failed: the message names the
   *     group and each member's problem
   */
  public PooledDatabase healthyDatabase() throws NoHealthyMemberException {
    requireOpen();
    FailoverStatus snapshot = status;
    boolean allDown =
        snapshot.members().stream()
            .allMatch(member -> member.lastHealth().health() == HealthReport.Health.DOWN);
    if (allDown) {
      Map<String, String> problems = problems(snapshot.members());
      throw new NoHealthyMemberException(
          name,
          "Failover group '" + name + "' has no healthy member: " + describe(problems, snapshot),
          problems);
    }
    return registry.open(profile(snapshot.serving()));
  }

  /**
   * Switches to the next member that passes a check now, as a real failover would (a drill, or to
   * take the serving server down for maintenance). With automatic failback the group returns to the
   * primary once the hysteresis has passed since this switch.
   *
   * @throws NoHealthyMemberException when no other member passes its check; nothing changes
   */
  public FailoverEvent simulateFailover(String reason) throws NoHealthyMemberException {
    String why = reason == null || reason.isBlank() ? "simulated failover" : reason;
    FailoverEvent event;
    lock.lock();
    try {
      requireOpen();
      Optional<Integer> candidate = findCandidate(serving, false);
      if (candidate.isEmpty()) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (MemberState state : states.values()) {
          if (state.index != serving) {
            problems.put(state.profile.name(), problemOf(state));
          }
        }
        publish();
        throw new NoHealthyMemberException(
            name,
            "Cannot fail over group '"
                + name
                + "' from "
                + members.get(serving).name()
                + ": no other member is healthy: "
                + describe(problems, status),
            problems);
      }
      event = switchTo(candidate.get(), Kind.SIMULATED, why);
      publish();
    } finally {
      lock.unlock();
    }
    notifyListeners(List.of(event));
    return event;
  }

  /**
   * Switches to the named member now if it passes a check ({@code clipdeck groups switch}). A
   * member that answers as a replica is refused while another member takes writes: writes would
   * stop. With automatic failback the group returns to the primary once the hysteresis has passed.
   *
   * @return the switch, or empty when the group already serves from that member
   * @throws IllegalArgumentException when the member is not in the group
   * @throws NoHealthyMemberException when the member fails its check, or is a replica while another
   *     member takes writes; nothing changes
   */
  public Optional<FailoverEvent> switchTo(String member, String reason)
      throws NoHealthyMemberException {
    MemberState target = states.get(member);
    if (target == null) {
      throw new IllegalArgumentException(
          "Failover group '"
              + name
              + "' has no member '"
              + member
              + "': its members are "
              + names());
    }
    String why = reason == null || reason.isBlank() ? "switched by hand to " + member : reason;
    FailoverEvent event;
    lock.lock();
    try {
      requireOpen();
      if (target.index == serving) {
        return Optional.empty();
      }
      HealthReport report = checkNow(target);
      String problem = null;
      if (!report.isUp()) {
        problem = problemOf(target);
      } else if (report.isReplica()
          && state(serving).last.isUp()
          && !state(serving).last.isReplica()) {
        problem =
            member
                + " is a replica (in recovery or read-only) and "
                + members.get(serving).name()
                + " takes writes: switching would stop every write; promote "
                + member
                + " first";
      }
      if (problem != null) {
        publish();
        throw new NoHealthyMemberException(
            name,
            "Cannot switch group '" + name + "' to " + member + ": " + problem,
            Map.of(member, problem));
      }
      event = switchTo(target.index, Kind.MANUAL, why);
      publish();
    } finally {
      lock.unlock();
    }
    notifyListeners(List.of(event));
    return Optional.of(event);
  }

  /**
   * Returns to the primary now if it passes a check, whatever the policy and the hysteresis.
   *
   * @return the switch, or empty when the group already serves from the primary
   * @throws NoHealthyMemberException when the primary fails its check; nothing changes
   */
  public Optional<FailoverEvent> failBack() throws NoHealthyMemberException {
    FailoverEvent event;
    lock.lock();
    try {
      requireOpen();
      if (serving == 0) {
        return Optional.empty();
      }
      MemberState primary = state(0);
      HealthReport report = checkNow(primary);
      if (!report.isUp()) {
        publish();
        Map<String, String> problems = Map.of(primary.profile.name(), problemOf(primary));
        throw new NoHealthyMemberException(
            name,
            "Cannot fail back group '"
                + name
                + "' to its primary "
                + primary.profile.name()
                + ": "
                + problemOf(primary),
            problems);
      }
      if (report.isReplica() && !state(serving).last.isReplica()) {
        publish();
        String problem =
            primary.profile.name()
                + " is a replica (in recovery or read-only) and takes no writes: promote it first";
        throw new NoHealthyMemberException(
            name,
            "Cannot fail back group '" + name + "' to its primary: " + problem,
            Map.of(primary.profile.name(), problem));
      }
      event = switchTo(0, Kind.FAILBACK, "failed back by hand to " + primary.profile.name());
      publish();
    } finally {
      lock.unlock();
    }
    notifyListeners(List.of(event));
    return Optional.of(event);
  }

  /** A snapshot: serving member, each member's last check and failures, recent switches. */
  public FailoverStatus status() {
    return status;
  }

  /** Tells the listener of every switch from now on, on the thread that made it. */
  public void addListener(Consumer<FailoverEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  public void removeListener(Consumer<FailoverEvent> listener) {
    listeners.remove(listener);
  }

  /** Stops checking. The pools stay open: they belong to the registry. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      if (ticks != null) {
        ticks.cancel(false);
      }
    } finally {
      lock.unlock();
    }
    listeners.clear();
  }

  @Override
  public String toString() {
    return "FailoverGroup[" + name + ", serving " + status.serving() + "]";
  }

  // --- checks -------------------------------------------------------------------------------

  private void checkAll(ExecutorService workers) {
    if (closed) {
      return;
    }
    for (ConnectionProfile member : members) {
      if (!inFlight.add(member.name())) {
        continue;
      }
      try {
        workers.execute(
            () -> {
              try {
                onReport(safeProbe(member));
              } catch (RuntimeException e) {
                log.error("Failover group '{}': checking {} failed", name, member.name(), e);
              } finally {
                inFlight.remove(member.name());
              }
            });
      } catch (RejectedExecutionException e) {
        // The application is shutting down.
        inFlight.remove(member.name());
        return;
      }
    }
  }

  private HealthReport checkWithPool(ConnectionProfile member) {
    return registry.open(member).checkHealth();
  }

  /** A check that never throws: a pool that cannot even be made is that member's health. */
  private HealthReport safeProbe(ConnectionProfile member) {
    try {
      HealthReport report = probe.apply(member);
      if (report == null || !report.profile().equals(member.name())) {
        throw new IllegalStateException("the health check returned " + report);
      }
      return report;
    } catch (RuntimeException e) {
      String problem = e.getMessage() == null ? e.toString() : e.getMessage();
      return HealthReport.down(member.name(), Duration.ZERO, problem, clock.instant());
    }
  }

  /** Checks one member now (lock held) and records the result, without deciding anything. */
  private HealthReport checkNow(MemberState state) {
    HealthReport report = safeProbe(state.profile);
    record(report);
    return report;
  }

  // --- decisions (lock held) ----------------------------------------------------------------

  private void record(HealthReport report) {
    MemberState state = states.get(report.profile());
    Instant now = clock.instant();
    state.last = report;
    if (state.index == serving && servingWasReplica && report.role().isPresent()) {
      promotedWhileServing |= !report.isReplica();
    }
    if (report.isUp()) {
      state.consecutiveFailures = 0;
      if (state.healthySince == null) {
        state.healthySince = now;
      }
    } else {
      state.consecutiveFailures++;
      state.healthySince = null;
    }
  }

  private void evaluate(List<FailoverEvent> switched) {
    MemberState current = state(serving);
    if (current.consecutiveFailures >= policy.failuresBeforeSwitch()) {
      Optional<Integer> candidate = findCandidate(serving, true);
      if (candidate.isPresent()) {
        noCandidateLogged = false;
        String reason =
            current.profile.name()
                + " failed "
                + current.consecutiveFailures
                + " checks in a row: "
                + problemOf(current);
        switched.add(switchTo(candidate.get(), Kind.FAILOVER, reason));
      } else if (!noCandidateLogged) {
        noCandidateLogged = true;
        log.error(
            "Failover group '{}': {} is down and no other member is healthy; staying on it",
            name,
            current.profile.name());
      }
      return;
    }
    if (policy.failback() == Failback.AUTOMATIC && serving != 0) {
      MemberState primary = state(0);
      holdFailback(failbackHazard(primary, current));
      if (primary.healthySince != null && failbackHeld.isEmpty()) {
        Instant since =
            primary.healthySince.isAfter(lastSwitch) ? primary.healthySince : lastSwitch;
        if (!clock.instant().isBefore(since.plus(policy.hysteresis()))) {
          switched.add(
              switchTo(
                  0,
                  Kind.FAILBACK,
                  primary.profile.name()
                      + " has been healthy for "
                      + describe(policy.hysteresis())
                      + ": back to the primary"));
        }
      }
    }
  }

  /** Why going back to {@code primary} now would stop or lose writes; empty when it is safe. */
  private Optional<String> failbackHazard(MemberState primary, MemberState current) {
    if (!primary.last.isUp()) {
      return Optional.empty();
    }
    if (primary.last.isReplica() && !current.last.isReplica()) {
      return Optional.of(
          primary.profile.name()
              + " is a replica (in recovery or read-only) and takes no writes: failback waits"
              + " until it is promoted");
    }
    if (promotedWhileServing && !primary.last.isReplica()) {
      return Optional.of(
          current.profile.name()
              + " was promoted to primary while serving, and "
              + primary.profile.name()
              + " takes writes too but lacks those made since the switch: rebuild "
              + primary.profile.name()
              + " as a replica of "
              + current.profile.name()
              + " and promote it, or fail back by hand");
    }
    return Optional.empty();
  }

  private void holdFailback(Optional<String> reason) {
    if (reason.isPresent() && !reason.equals(failbackHeld)) {
      log.warn("Failover group '{}': automatic failback held: {}", name, reason.get());
    }
    failbackHeld = reason;
  }

  /**
   * The first other member, in the group's order, that passes a check now and takes writes; else
   * the first that passes a check and is a replica.
   *
   * @param skipKnownDown whether to leave out members whose last check failed (their next periodic
   *     check brings them back into play)
   */
  private Optional<Integer> findCandidate(int from, boolean skipKnownDown) {
    Optional<Integer> replica = Optional.empty();
    for (MemberState state : states.values()) {
      if (state.index == from) {
        continue;
      }
      if (skipKnownDown && state.last.health() == HealthReport.Health.DOWN) {
        continue;
      }
      HealthReport report = checkNow(state);
      if (report.isUp() && !report.isReplica()) {
        return Optional.of(state.index);
      }
      if (report.isUp() && replica.isEmpty()) {
        replica = Optional.of(state.index);
      }
    }
    return replica;
  }

  private FailoverEvent switchTo(int target, Kind kind, String reason) {
    MemberState from = state(serving);
    MemberState to = state(target);
    Instant now = clock.instant();
    serving = target;
    lastSwitch = now;
    servingWasReplica = to.last.isReplica();
    promotedWhileServing = false;
    failbackHeld = Optional.empty();
    FailoverEvent event =
        new FailoverEvent(now, from.profile.name(), to.profile.name(), reason, kind);
    events.addLast(event);
    while (events.size() > EVENT_HISTORY) {
      events.removeFirst();
    }
    if (kind == Kind.FAILBACK) {
      log.info("Failover group '{}': {} -> {} ({})", name, event.from(), event.to(), reason);
    } else {
      log.warn("Failover group '{}': {} -> {} ({})", name, event.from(), event.to(), reason);
    }
    evict(from.profile);
    return event;
  }

  /**
   * Closes the old member's idle connections now and its borrowed ones when they come back, so no
   * new work reaches it. The pool itself stays, for the next checks and a later failback.
   */
  private void evict(ConnectionProfile member) {
    for (PooledDatabase database : registry.openDatabases()) {
      if (!database.profile().name().equals(member.name())) {
        continue;
      }
      try {
        HikariDataSource pool = database.dataSource().unwrap(HikariDataSource.class);
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean != null) {
          bean.softEvictConnections();
        }
      } catch (SQLException | RuntimeException e) {
        log.warn(
            "Failover group '{}': could not evict {}'s connections: {}",
            name,
            member.name(),
            e.toString());
      }
    }
  }

  private void publish() {
    List<FailoverStatus.Member> snapshot = new ArrayList<>();
    for (MemberState state : states.values()) {
      snapshot.add(
          new FailoverStatus.Member(
              state.profile.name(),
              state.index == 0 ? FailoverStatus.Role.PRIMARY : FailoverStatus.Role.FAILOVER,
              state.last,
              state.consecutiveFailures,
              Optional.ofNullable(state.healthySince),
              state.index == serving));
    }
    status =
        new FailoverStatus(
            name, members.get(serving).name(), snapshot, new ArrayList<>(events), failbackHeld);
  }

  private void notifyListeners(List<FailoverEvent> switched) {
    for (FailoverEvent event : switched) {
      for (Consumer<FailoverEvent> listener : listeners) {
        try {
          listener.accept(event);
        } catch (RuntimeException e) {
          log.error("Failover group '{}': a listener failed on {}", name, event, e);
        }
      }
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private MemberState state(int index) {
    return states.get(members.get(index).name());
  }

  private ConnectionProfile profile(String profileName) {
    return members.stream()
        .filter(member -> member.name().equals(profileName))
        .findFirst()
        .orElseThrow();
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("Failover group '" + name + "' is closed");
    }
  }

  private String names() {
    return String.join(", ", states.keySet());
  }

  private static String problemOf(MemberState state) {
    return state.last.problem().orElse(state.last.isUp() ? "healthy" : "not checked yet");
  }

  private static Map<String, String> problems(List<FailoverStatus.Member> members) {
    Map<String, String> problems = new LinkedHashMap<>();
    for (FailoverStatus.Member member : members) {
      problems.put(
          member.profile(),
          member.lastHealth().problem().orElse(member.lastHealth().health().name()));
    }
    return problems;
  }

  /** "a (primary): problem; b: problem" in the group's order. */
  private static String describe(Map<String, String> problems, FailoverStatus snapshot) {
    List<String> parts = new ArrayList<>();
    problems.forEach(
        (profile, problem) -> {
          boolean primary = snapshot.members().getFirst().profile().equals(profile);
          parts.add(profile + (primary ? " (primary)" : "") + ": " + problem);
        });
    return String.join("; ", parts);
  }

  private static String describe(Duration duration) {
    if (duration.toMillis() % 1000 != 0) {
      return duration.toMillis() + " ms";
    }
    long seconds = duration.toSeconds();
    return seconds % 60 == 0 && seconds > 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /** What the group knows of one member; guarded by {@link #lock}. */
  private static final class MemberState {
    final ConnectionProfile profile;
    final int index;
    HealthReport last;
    int consecutiveFailures;
    Instant healthySince;

    MemberState(ConnectionProfile profile, int index) {
      this.profile = profile;
      this.index = index;
      this.last = HealthReport.unknown(profile.name());
    }
  }
}
