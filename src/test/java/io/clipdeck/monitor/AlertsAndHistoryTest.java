package io.clipdeck.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.PoolStats;
import io.clipdeck.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Alerts raised on crossings and the dashboard history that outlives a restart. */
class AlertsAndHistoryTest {

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.startingAtNewYear();
  private final ConnectionProfile profile =
      ConnectionProfile.sqlite("orders", Path.of("orders.db"));

  @Test
  void anAlertIsRaisedOnceWhenCrossedAndAgainOnlyAfterAcknowledgedAndCrossedAnew() {
    try (HistoryStore store = SqliteHistoryStore.open(dir.resolve("monitor.db"), day(), clock)) {
      AlertTracker alerts = new AlertTracker(AlertRules.DEFAULTS, store);

      assertThat(alerts.evaluate(card(1, 10))).isEmpty();
      List<Alert> raised = alerts.evaluate(card(10, 10));
      assertThat(raised)
          .singleElement()
          .satisfies(
              alert -> {
                assertThat(alert.kind()).isEqualTo(AlertRules.Kind.POOL_SATURATED);
                assertThat(alert.message())
                    .isEqualTo(
                        "The pool of orders is saturated: 10 of 10 connections lent out"
                            + " (threshold 90 %).");
              });
      assertThat(alerts.evaluate(card(10, 10))).as("still crossed: no new alert").isEmpty();
      assertThat(alerts.evaluate(card(2, 10))).isEmpty();
      assertThat(alerts.evaluate(card(10, 10)))
          .as("crossed again, but the first is not acknowledged")
          .isEmpty();
      assertThat(alerts.active()).hasSize(1);

      alerts.acknowledge(alerts.active().getFirst());
      assertThat(alerts.active()).isEmpty();
      alerts.evaluate(card(2, 10));
      assertThat(alerts.evaluate(card(9, 10))).hasSize(1);
      assertThat(alerts.history(10)).hasSize(2);
    }
  }

  @Test
  void aDownDatabaseAndTimeoutsRaiseTheirOwnAlerts() {
    AlertTracker alerts = new AlertTracker(AlertRules.DEFAULTS, HistoryStore.MEMORY);
    DatabaseCard down =
        new DatabaseCard(
            profile,
            HealthReport.down(
                "orders", Duration.ofSeconds(5), "cannot reach orders", clock.instant()),
            new PoolStats(0, 0, 0, 0, 5, 0, 10, 2, Duration.ZERO, Duration.ofSeconds(5)),
            Optional.empty(),
            Map.of(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            clock.instant());

    assertThat(alerts.evaluate(down))
        .extracting(Alert::kind)
        .containsExactly(AlertRules.Kind.DOWN, AlertRules.Kind.BORROW_TIMEOUTS);
  }

  @Test
  void theChartsComeBackAfterARestartWithinTheWindowAndOldSamplesArePruned() throws Exception {
    Path file = dir.resolve("monitor.db");
    ConnectionProfile local = ConnectionProfile.sqlite("local", dir.resolve("local.db"));
    try (HistoryStore store = SqliteHistoryStore.open(file, Duration.ofHours(1), clock);
        DatabaseRegistry databases = new DatabaseRegistry(clock)) {
      DatabaseMonitor monitor =
          new DatabaseMonitor(
              databases, clock, Duration.ofMinutes(15), 5, store, QueryFigures.NONE);
      for (int i = 0; i < 5; i++) {
        monitor.sample(local);
        clock.advance(Duration.ofSeconds(2));
      }
    }

    try (HistoryStore store = SqliteHistoryStore.open(file, Duration.ofHours(1), clock);
        DatabaseRegistry databases = new DatabaseRegistry(clock)) {
      DatabaseMonitor restarted =
          new DatabaseMonitor(
              databases, clock, Duration.ofMinutes(15), 5, store, QueryFigures.NONE);
      assertThat(restarted.history("local")).hasSize(5);
      assertThat(restarted.history("local").getFirst().values()).containsKeys("active", "idle");
    }

    clock.advance(Duration.ofHours(2));
    try (HistoryStore store = SqliteHistoryStore.open(file, Duration.ofHours(1), clock)) {
      assertThat(store.load("local", clock.instant().minus(Duration.ofDays(1))))
          .as("pruned past the retention on open")
          .isEmpty();
    }
  }

  @Test
  void aDamagedHistoryFileIsLeftAsItIsAndTheConsoleGoesOnInMemory() throws Exception {
    Path file = dir.resolve("monitor.db");
    byte[] garbage = "this is not a SQLite database, it was edited by hand".repeat(100).getBytes();
    Files.write(file, garbage);

    try (HistoryStore store = SqliteHistoryStore.open(file, day(), clock)) {
      assertThat(store).isSameAs(HistoryStore.MEMORY);
    }

    assertThat(Files.readAllBytes(file)).isEqualTo(garbage);
  }

  @Test
  void aRoleChangeRaisesOnceAndAReplicaServingAGroupRaisesUntilAcknowledged() {
    AlertTracker alerts = new AlertTracker(AlertRules.DEFAULTS, HistoryStore.MEMORY);
    assertThat(alerts.evaluate(card(1, 5, "primary", null, null))).isEmpty();
    assertThat(alerts.evaluate(card(1, 5, "primary", "primary", null))).isEmpty();

    List<Alert> demoted = alerts.evaluate(card(1, 5, "replica", "primary", null));
    assertThat(demoted).extracting(Alert::kind).containsExactly(AlertRules.Kind.ROLE_CHANGED);
    assertThat(demoted.getFirst().message())
        .isEqualTo(
            "orders changed role: it was a primary and is now a replica. Check that writes go"
                + " where they should.");
    // Still a replica at the next tick: no new change.
    assertThat(alerts.evaluate(card(1, 5, "replica", "replica", null))).isEmpty();

    // Now a failover group serves from it, and expects a primary.
    List<Alert> unexpected = alerts.evaluate(card(1, 5, "replica", "replica", "primary"));
    assertThat(unexpected).extracting(Alert::kind).containsExactly(AlertRules.Kind.ROLE_UNEXPECTED);
    assertThat(unexpected.getFirst().message())
        .startsWith("orders is a replica but should be a primary (it serves a failover group)");
    assertThat(alerts.evaluate(card(1, 5, "replica", "replica", "primary"))).isEmpty();
    assertThat(alerts.active())
        .extracting(Alert::kind)
        .containsExactly(AlertRules.Kind.ROLE_CHANGED, AlertRules.Kind.ROLE_UNEXPECTED);

    // Promoted: a change again (the earlier one was acknowledged), and what was expected now.
    alerts.acknowledge(demoted.getFirst());
    assertThat(alerts.evaluate(card(1, 5, "primary", "replica", "primary")))
        .extracting(Alert::message)
        .containsExactly(
            "orders changed role: it was a replica and is now a primary. Check that writes go"
                + " where they should.");
  }

  private DatabaseCard card(int active, int max) {
    return card(active, max, null, null, null);
  }

  private DatabaseCard card(int active, int max, String role, String before, String expected) {
    return new DatabaseCard(
        profile,
        HealthReport.up("orders", Duration.ofMillis(1), "3.54", clock.instant()),
        new PoolStats(active, 0, active, 0, max, 0, 100, 0, Duration.ZERO, Duration.ZERO),
        Optional.empty(),
        Map.of(),
        Optional.empty(),
        List.of(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        List.of(),
        Optional.ofNullable(role),
        Optional.ofNullable(before),
        Optional.ofNullable(expected),
        clock.instant());
  }

  private static Duration day() {
    return Duration.ofDays(1);
  }
}
