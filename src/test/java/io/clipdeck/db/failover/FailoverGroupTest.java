package io.clipdeck.db.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.failover.FailoverEvent.Kind;
import io.clipdeck.testing.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The group's state machine, driven by synthetic health reports and a clock that only moves when
 * told. Members are SQLite files, so their pools are real but no server is needed; whether a member
 * passes the check before a switch is scripted.
 */
class FailoverGroupTest {

  private static final Duration HYSTERESIS = Duration.ofSeconds(30);
  private static final FailoverPolicy AUTOMATIC =
      FailoverPolicy.automatic(3, Duration.ofSeconds(5), HYSTERESIS);

  @TempDir Path dir;

  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final ScriptedChecks checks = new ScriptedChecks();
  private final List<FailoverEvent> heard = new CopyOnWriteArrayList<>();
  private DatabaseRegistry registry;
  private ConnectionProfile a;
  private ConnectionProfile b;
  private ConnectionProfile c;

  @BeforeEach
  void setUp() {
    registry = new DatabaseRegistry(clock);
    a = member("orders-a");
    b = member("orders-b");
    c = member("orders-c");
  }

  @AfterEach
  void tearDown() {
    registry.close();
  }

  @Test
  void startsOnThePrimaryAndServesItsPool() throws Exception {
    try (FailoverGroup group = group(AUTOMATIC)) {
      FailoverStatus status = group.status();
      assertThat(status.group()).isEqualTo("orders");
      assertThat(status.serving()).isEqualTo("orders-a");
      assertThat(status.onPrimary()).isTrue();
      assertThat(status.members())
          .extracting(FailoverStatus.Member::profile)
          .containsExactly("orders-a", "orders-b", "orders-c");
      assertThat(status.member("orders-a").role()).isEqualTo(FailoverStatus.Role.PRIMARY);
      assertThat(status.member("orders-b").role()).isEqualTo(FailoverStatus.Role.FAILOVER);
      assertThat(status.member("orders-a").lastHealth().health())
          .isEqualTo(HealthReport.Health.UNKNOWN);
      assertThat(group.healthyDatabase()).isSameAs(registry.open(a));
      assertThat(group.serving()).isEqualTo(a);
    }
  }

  @Test
  void switchesAfterNConsecutiveFailuresOfTheServingMember() throws Exception {
    try (FailoverGroup group = group(AUTOMATIC)) {
      group.onReport(down(a));
      group.onReport(down(a));
      group.onReport(up(a)); // a success resets the count
      group.onReport(down(a));
      group.onReport(down(a));
      assertThat(group.status().serving()).isEqualTo("orders-a");
      assertThat(group.status().member("orders-a").consecutiveFailures()).isEqualTo(2);
      assertThat(checks.calls("orders-b")).isZero();

      clock.advance(Duration.ofSeconds(15));
      group.onReport(down(a));

      FailoverStatus status = group.status();
      assertThat(status.serving()).isEqualTo("orders-b");
      assertThat(status.onPrimary()).isFalse();
      assertThat(status.member("orders-b").serving()).isTrue();
      assertThat(status.member("orders-a").consecutiveFailures()).isEqualTo(3);
      assertThat(checks.calls("orders-b")).as("the candidate is checked first").isEqualTo(1);
      FailoverEvent event = status.lastEvent().orElseThrow();
      assertThat(event.kind()).isEqualTo(Kind.FAILOVER);
      assertThat(event.from()).isEqualTo("orders-a");
      assertThat(event.to()).isEqualTo("orders-b");
      assertThat(event.time()).isEqualTo(Instant.parse("2026-01-01T00:00:15Z"));
      assertThat(event.reason())
          .isEqualTo("orders-a failed 3 checks in a row: cannot reach orders-a (test)");
      assertThat(heard).containsExactly(event);
      assertThat(group.healthyDatabase()).isSameAs(registry.open(b));
    }
  }

  /** With {@code echo}, the pool's DataSource is a logging proxy: eviction must reach through. */
  @ParameterizedTest(name = "echo={0}")
  @ValueSource(booleans = {false, true})
  void aSwitchEvictsTheOldMembersIdleConnections(boolean echo) throws Exception {
    a = a.withPool(a.pool().toBuilder().echo(echo).build());
    try (FailoverGroup group = group(AUTOMATIC)) {
      PooledDatabase primary = group.healthyDatabase();
      try (Connection connection = primary.connection()) {
        assertThat(connection.isValid(1)).isTrue();
      }
      assertThat(primary.stats().idle()).isEqualTo(1);

      failServingMember(group, a);

      assertThat(group.status().serving()).isEqualTo("orders-b");
      await().atMost(Duration.ofSeconds(5)).until(() -> primary.stats().total() == 0);
    }
  }

  @Test
  void skipsACandidateThatFailsItsCheckAndOneKnownToBeDown() throws Exception {
    try (FailoverGroup group = group(AUTOMATIC)) {
      checks.fail("orders-b");
      failServingMember(group, a);

      assertThat(group.status().serving()).isEqualTo("orders-c");
      assertThat(group.status().member("orders-b").lastHealth().isUp()).isFalse();
      assertThat(group.status().member("orders-b").consecutiveFailures()).isEqualTo(1);

      // a passes its periodic check again (too soon to fail back), then c fails too: b's last
      // check failed, so it is not even tried; a is checked once more and takes over.
      group.onReport(up(a));
      assertThat(group.status().serving()).isEqualTo("orders-c");
      int bCalls = checks.calls("orders-b");
      int aCalls = checks.calls("orders-a");
      failServingMember(group, c);
      assertThat(checks.calls("orders-a")).isEqualTo(aCalls + 1);
      assertThat(checks.calls("orders-b")).isEqualTo(bCalls);
      assertThat(group.status().serving()).isEqualTo("orders-a");
      assertThat(group.status().lastEvent().orElseThrow().kind()).isEqualTo(Kind.FAILOVER);
    }
  }

  @Test
  void staysWhenNoOtherMemberIsHealthyAndThenExplainsEveryMembersProblem() throws Exception {
    try (FailoverGroup group = group(AUTOMATIC)) {
      checks.fail("orders-b");
      checks.fail("orders-c");
      failServingMember(group, a);

      assertThat(group.status().serving()).isEqualTo("orders-a");
      assertThat(group.status().events()).isEmpty();
      assertThat(heard).isEmpty();

      assertThatThrownBy(group::healthyDatabase)
          .isInstanceOf(NoHealthyMemberException.class)
          .hasMessage(
              "Failover group 'orders' has no healthy member: orders-a (primary): cannot reach"
                  + " orders-a (test); orders-b: cannot reach orders-b (test); orders-c: cannot"
                  + " reach orders-c (test)")
          .satisfies(
              e -> {
                NoHealthyMemberException error = (NoHealthyMemberException) e;
                assertThat(error.group()).isEqualTo("orders");
                assertThat(error.problems()).containsOnlyKeys("orders-a", "orders-b", "orders-c");
                assertThat(error.getSQLState()).isEqualTo("08001");
              });

      // b comes back: its periodic report is enough to move the group there.
      checks.pass("orders-b");
      group.onReport(up(b));
      assertThat(group.status().serving()).isEqualTo("orders-b");
      assertThat(group.healthyDatabase()).isSameAs(registry.open(b));
    }
  }

  @Test
  void failsBackAutomaticallyOnlyAfterThePrimaryWasHealthyForTheWholeHysteresis() throws Exception {
    try (FailoverGroup group = group(AUTOMATIC)) {
      failServingMember(group, a);
      assertThat(group.status().serving()).isEqualTo("orders-b");

      clock.advance(Duration.ofSeconds(5));
      group.onReport(up(a)); // healthy since t
      assertThat(group.status().member("orders-a").healthySince())
          .contains(Instant.parse("2026-01-01T00:00:05Z"));
      clock.advance(HYSTERESIS.minusSeconds(1));
      group.onReport(up(a));
      assertThat(group.status().serving()).isEqualTo("orders-b");

      group.onReport(down(a)); // one failure restarts the hysteresis
      clock.advance(Duration.ofSeconds(5));
      group.onReport(up(a));
      clock.advance(HYSTERESIS.minusSeconds(1));
      group.onReport(up(b));
      group.onReport(up(a));
      assertThat(group.status().serving()).isEqualTo("orders-b");

      clock.advance(Duration.ofSeconds(1));
      group.onReport(up(b)); // any report re-evaluates the failback
      FailoverStatus status = group.status();
      assertThat(status.serving()).isEqualTo("orders-a");
      FailoverEvent event = status.lastEvent().orElseThrow();
      assertThat(event.kind()).isEqualTo(Kind.FAILBACK);
      assertThat(event.from()).isEqualTo("orders-b");
      assertThat(event.to()).isEqualTo("orders-a");
      assertThat(event.reason())
          .isEqualTo("orders-a has been healthy for 30 s: back to the primary");
      assertThat(heard)
          .extracting(FailoverEvent::kind)
          .containsExactly(Kind.FAILOVER, Kind.FAILBACK);
    }
  }

  @Test
  void manualModeStaysOnTheFailoverUntilFailBack() throws Exception {
    try (FailoverGroup group = group(FailoverPolicy.manual(2, Duration.ofSeconds(5)))) {
      group.onReport(down(a));
      group.onReport(down(a));
      assertThat(group.status().serving()).isEqualTo("orders-b");

      group.onReport(up(a));
      clock.advance(Duration.ofHours(1));
      group.onReport(up(a));
      group.onReport(up(b));
      assertThat(group.status().serving()).isEqualTo("orders-b");

      checks.fail("orders-a");
      assertThatThrownBy(group::failBack)
          .isInstanceOf(NoHealthyMemberException.class)
          .hasMessage(
              "Cannot fail back group 'orders' to its primary orders-a: cannot reach orders-a"
                  + " (test)");
      assertThat(group.status().serving()).isEqualTo("orders-b");

      checks.pass("orders-a");
      FailoverEvent event = group.failBack().orElseThrow();
      assertThat(event.kind()).isEqualTo(Kind.FAILBACK);
      assertThat(event.to()).isEqualTo("orders-a");
      assertThat(event.reason()).isEqualTo("failed back by hand to orders-a");
      assertThat(group.status().serving()).isEqualTo("orders-a");
      assertThat(group.failBack()).isEmpty();
    }
  }

  @Test
  void simulatedFailoverSwitchesAtOnceAndAutomaticFailbackWaitsTheHysteresisFromThere()
      throws Exception {
    try (FailoverGroup group = group(AUTOMATIC)) {
      group.onReport(up(a)); // the primary has been healthy for a long time
      clock.advance(Duration.ofHours(1));

      FailoverEvent event = group.simulateFailover("maintenance on orders-a");

      assertThat(event.kind()).isEqualTo(Kind.SIMULATED);
      assertThat(event.from()).isEqualTo("orders-a");
      assertThat(event.to()).isEqualTo("orders-b");
      assertThat(event.reason()).isEqualTo("maintenance on orders-a");
      assertThat(heard).containsExactly(event);
      assertThat(group.status().serving()).isEqualTo("orders-b");

      clock.advance(HYSTERESIS.minusSeconds(1));
      group.onReport(up(a));
      assertThat(group.status().serving()).isEqualTo("orders-b");
      clock.advance(Duration.ofSeconds(1));
      group.onReport(up(a));
      assertThat(group.status().serving()).isEqualTo("orders-a");
    }
  }

  @Test
  void simulatedFailoverWithNoHealthyTargetChangesNothing() {
    try (FailoverGroup group = group(AUTOMATIC)) {
      checks.fail("orders-b");
      checks.fail("orders-c");

      assertThatThrownBy(() -> group.simulateFailover("drill"))
          .isInstanceOf(NoHealthyMemberException.class)
          .hasMessage(
              "Cannot fail over group 'orders' from orders-a: no other member is healthy:"
                  + " orders-b: cannot reach orders-b (test); orders-c: cannot reach orders-c"
                  + " (test)");
      assertThat(group.status().serving()).isEqualTo("orders-a");
      assertThat(group.status().events()).isEmpty();
      assertThat(heard).isEmpty();
    }
  }

  @Test
  void ignoresReportsOfOtherProfilesAndUnknownOnes() {
    try (FailoverGroup group = group(FailoverPolicy.manual(1, Duration.ofSeconds(5)))) {
      group.onReport(HealthReport.down("elsewhere", Duration.ZERO, "down", clock.instant()));
      group.onReport(HealthReport.unknown("orders-a"));
      assertThat(group.status().serving()).isEqualTo("orders-a");
      assertThat(group.status().member("orders-a").lastHealth().health())
          .isEqualTo(HealthReport.Health.UNKNOWN);
    }
  }

  @Test
  void aCheckThatThrowsCountsAsAFailedCheck() {
    checks.explode("orders-b");
    try (FailoverGroup group = group(AUTOMATIC)) {
      failServingMember(group, a);
      assertThat(group.status().serving()).isEqualTo("orders-c");
      assertThat(group.status().member("orders-b").lastHealth().problem())
          .contains("no password for orders-b");
    }
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheSwitchOrOtherListeners() {
    try (FailoverGroup group = group(AUTOMATIC)) {
      AtomicInteger second = new AtomicInteger();
      group.addListener(
          event -> {
            throw new IllegalStateException("listener bug");
          });
      group.addListener(event -> second.incrementAndGet());
      failServingMember(group, a);
      assertThat(group.status().serving()).isEqualTo("orders-b");
      assertThat(second).hasValue(1);
    }
  }

  @Test
  void keepsTheLastHundredEvents() throws Exception {
    try (FailoverGroup group = group(FailoverPolicy.manual(1, Duration.ofSeconds(5)))) {
      for (int i = 0; i < FailoverGroup.EVENT_HISTORY + 5; i++) {
        group.simulateFailover("drill " + i);
      }
      List<FailoverEvent> events = group.status().events();
      assertThat(events).hasSize(FailoverGroup.EVENT_HISTORY);
      assertThat(events.getLast().reason()).isEqualTo("drill 104");
      assertThat(events.getFirst().reason()).isEqualTo("drill 5");
    }
  }

  @Test
  void checksEveryMemberOnItsOwnScheduleAndStopsWhenClosed() {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    try {
      FailoverPolicy fast = FailoverPolicy.automatic(2, Duration.ofMillis(100), HYSTERESIS);
      FailoverGroup group = group(fast);
      group.start(scheduler, workers);
      assertThatThrownBy(() -> group.start(scheduler, workers))
          .isInstanceOf(IllegalStateException.class);
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> group.status().members().stream().allMatch(m -> m.lastHealth().isUp()));

      checks.fail("orders-a");
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> group.status().serving().equals("orders-b"));

      group.close();
      int calls = checks.calls("orders-a");
      await()
          .during(Duration.ofMillis(400))
          .atMost(Duration.ofSeconds(2))
          .until(() -> checks.calls("orders-a") <= calls + 1);
      assertThatThrownBy(group::healthyDatabase).isInstanceOf(IllegalStateException.class);
    } finally {
      scheduler.shutdownNow();
      workers.shutdownNow();
    }
  }

  @Test
  void refusesAGroupWithoutFailoverOrWithATwiceListedProfile() {
    assertThatThrownBy(() -> new FailoverGroup("g", a, List.of(), AUTOMATIC, registry, clock))
        .hasMessage("Failover group 'g' needs at least one failover profile besides the primary");
    assertThatThrownBy(() -> new FailoverGroup("g", a, List.of(b, a), AUTOMATIC, registry, clock))
        .hasMessage("Failover group 'g' lists profile 'orders-a' twice");
    assertThatThrownBy(() -> new FailoverGroup(" ", a, List.of(b), AUTOMATIC, registry, clock))
        .hasMessage("A failover group needs a name");
  }

  @Test
  void aFailoverPrefersAMemberThatTakesWritesOverAReplica() throws Exception {
    checks.answerAs("orders-b", HealthReport.REPLICA);
    checks.answerAs("orders-c", HealthReport.PRIMARY);
    try (FailoverGroup group = group(AUTOMATIC)) {
      failServingMember(group, a);

      assertThat(group.status().serving()).isEqualTo("orders-c");
      assertThat(checks.calls("orders-b")).as("b answered, but as a replica").isEqualTo(1);
    }
  }

  @Test
  void aReplicaServesWhenNoPrimaryAnswersAndFailbackNeedsNoHold() throws Exception {
    checks.answerAs("orders-b", HealthReport.REPLICA);
    checks.fail("orders-c");
    try (FailoverGroup group = group(AUTOMATIC)) {
      failServingMember(group, a);
      assertThat(group.status().serving()).isEqualTo("orders-b");
      assertThat(group.status().member("orders-b").lastHealth().isReplica()).isTrue();

      // a returns before anyone promoted b: b took no writes, so going back loses nothing.
      group.onReport(upAs(a, HealthReport.PRIMARY));
      clock.advance(HYSTERESIS);
      group.onReport(upAs(a, HealthReport.PRIMARY));

      assertThat(group.status().serving()).isEqualTo("orders-a");
      assertThat(group.status().failbackHeld()).isEmpty();
    }
  }

  @Test
  void failbackIsHeldOnceTheServingReplicaWasPromotedUntilDoneByHand() throws Exception {
    checks.answerAs("orders-b", HealthReport.REPLICA);
    checks.fail("orders-c");
    try (FailoverGroup group = group(AUTOMATIC)) {
      failServingMember(group, a);
      group.onReport(upAs(b, HealthReport.PRIMARY)); // the DBA promoted b

      group.onReport(upAs(a, HealthReport.PRIMARY)); // a is back, with its old data
      clock.advance(HYSTERESIS.multipliedBy(3));
      group.onReport(upAs(a, HealthReport.PRIMARY));

      FailoverStatus status = group.status();
      assertThat(status.serving()).isEqualTo("orders-b");
      assertThat(status.failbackHeld().orElseThrow())
          .isEqualTo(
              "orders-b was promoted to primary while serving, and orders-a takes writes too but"
                  + " lacks those made since the switch: rebuild orders-a as a replica of orders-b"
                  + " and promote it, or fail back by hand");

      checks.answerAs("orders-a", HealthReport.PRIMARY);
      assertThat(group.failBack()).isPresent();
      assertThat(group.status().serving()).isEqualTo("orders-a");
      assertThat(group.status().failbackHeld()).isEmpty();
    }
  }

  @Test
  void failbackWaitsWhileThePrimaryIsAReplicaAndRefusesByHand() throws Exception {
    checks.answerAs("orders-b", HealthReport.PRIMARY);
    try (FailoverGroup group = group(AUTOMATIC)) {
      failServingMember(group, a);
      assertThat(group.status().serving()).isEqualTo("orders-b");

      // a was rebuilt as a replica of b: it answers, but takes no writes.
      group.onReport(upAs(a, HealthReport.REPLICA));
      clock.advance(HYSTERESIS.multipliedBy(2));
      group.onReport(upAs(a, HealthReport.REPLICA));
      assertThat(group.status().serving()).isEqualTo("orders-b");
      assertThat(group.status().failbackHeld().orElseThrow())
          .startsWith("orders-a is a replica (in recovery or read-only) and takes no writes");

      checks.answerAs("orders-a", HealthReport.REPLICA);
      assertThatThrownBy(group::failBack)
          .isInstanceOf(NoHealthyMemberException.class)
          .hasMessageContaining("promote it first");
      assertThat(group.status().serving()).isEqualTo("orders-b");

      // Promoted (the switchover): back to a once it has been a healthy primary for the hysteresis.
      group.onReport(upAs(a, HealthReport.PRIMARY));
      assertThat(group.status().failbackHeld()).isEmpty();
      clock.advance(HYSTERESIS);
      group.onReport(upAs(a, HealthReport.PRIMARY));
      assertThat(group.status().serving()).isEqualTo("orders-a");
    }
  }

  // --- helpers ------------------------------------------------------------------------------

  private FailoverGroup group(FailoverPolicy policy) {
    FailoverGroup group =
        new FailoverGroup("orders", a, List.of(b, c), policy, registry, clock, checks);
    group.addListener(heard::add);
    return group;
  }

  private void failServingMember(FailoverGroup group, ConnectionProfile member) {
    for (int i = 0; i < group.policy().failuresBeforeSwitch(); i++) {
      group.onReport(down(member));
    }
  }

  private ConnectionProfile member(String name) {
    return ConnectionProfile.sqlite(name, dir.resolve(name + ".db"))
        .withPool(PoolSettings.DESKTOP.toBuilder().poolSize(0).maxOverflow(2).build());
  }

  private HealthReport up(ConnectionProfile member) {
    return HealthReport.up(member.name(), Duration.ofMillis(1), "3.50", clock.instant());
  }

  private HealthReport upAs(ConnectionProfile member, String role) {
    return HealthReport.up(
        member.name(), Duration.ofMillis(1), "17.6", Optional.of(role), clock.instant());
  }

  private HealthReport down(ConnectionProfile member) {
    return HealthReport.down(
        member.name(),
        Duration.ofMillis(1),
        "cannot reach " + member.name() + " (test)",
        clock.instant());
  }

  /** The check a group runs before switching: passes unless the test says otherwise. */
  private final class ScriptedChecks implements Function<ConnectionProfile, HealthReport> {
    private final Map<String, String> behaviour = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    void fail(String profile) {
      behaviour.put(profile, "fail");
    }

    void pass(String profile) {
      behaviour.remove(profile);
    }

    void explode(String profile) {
      behaviour.put(profile, "explode");
    }

    /** Passes, saying the server is a {@code primary} or a {@code replica}. */
    void answerAs(String profile, String role) {
      behaviour.put(profile, role);
    }

    int calls(String profile) {
      return calls.computeIfAbsent(profile, key -> new AtomicInteger()).get();
    }

    @Override
    public HealthReport apply(ConnectionProfile member) {
      calls.computeIfAbsent(member.name(), key -> new AtomicInteger()).incrementAndGet();
      return switch (behaviour.getOrDefault(member.name(), "pass")) {
        case "fail" -> down(member);
        case "explode" -> throw new IllegalStateException("no password for " + member.name());
        case HealthReport.PRIMARY, HealthReport.REPLICA ->
            upAs(member, behaviour.get(member.name()));
        default -> up(member);
      };
    }
  }
}
