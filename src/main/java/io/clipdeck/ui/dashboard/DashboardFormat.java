package io.clipdeck.ui.dashboard;

import io.clipdeck.data.QueryMetrics;
import io.clipdeck.db.HealthReport;
import io.clipdeck.db.HealthReport.Health;
import io.clipdeck.db.PoolStats;
import io.clipdeck.db.failover.FailoverStatus;
import io.clipdeck.monitor.Alert;
import io.clipdeck.monitor.DatabaseCard;
import io.clipdeck.ui.fx.Format;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** How the dashboard shows a tick: the figures, the server line, the cards, in words. */
final class DashboardFormat {

  private DashboardFormat() {}

  static List<Figure> figuresOf(PoolStats stats) {
    return List.of(
        new Figure("Active", String.valueOf(stats.active()), "connections lent out now"),
        new Figure("Idle", String.valueOf(stats.idle()), "open, waiting in the pool"),
        new Figure("Waiting", String.valueOf(stats.waiting()), "threads waiting for a connection"),
        new Figure("Total", stats.total() + " / " + stats.max(), "open of the pool's maximum"),
        new Figure("Overflow", String.valueOf(stats.overflow()), "open above pool_size"),
        new Figure("Borrows", String.valueOf(stats.borrows()), "connections handed out"),
        new Figure(
            "Avg borrow", Format.millis(stats.averageBorrow()), "mean wait for a connection"),
        new Figure("Max borrow", Format.millis(stats.maxBorrow()), "longest wait for a connection"),
        new Figure(
            "Timeouts", String.valueOf(stats.borrowTimeouts()), "borrowers that gave up waiting"));
  }

  /** The connection held longest now and what holds it (leak detection). */
  static Figure heldLongestOf(DatabaseCard card) {
    if (card.holders().isEmpty()) {
      return new Figure("Held longest", "–", "no connection lent out now");
    }
    return new Figure(
        "Held longest",
        seconds(card.holders().getFirst().held()),
        card.holders().stream()
            .map(
                holder ->
                    seconds(holder.held())
                        + "  "
                        + holder.operation()
                        + "  ("
                        + holder.thread()
                        + ")")
            .collect(java.util.stream.Collectors.joining("\n")));
  }

  /** Clipdeck's own statements on this profile: rate, times, cache, errors. */
  static List<Figure> statementFiguresOf(DatabaseCard card) {
    if (card.queries().isEmpty()) {
      return List.of();
    }
    QueryMetrics metrics = card.queries().get();
    return List.of(
        new Figure(
            "Queries/s",
            card.queriesPerSecond()
                .map(rate -> String.format(Locale.ROOT, "%.1f", rate))
                .orElse("–"),
            "Clipdeck's statements per second since the last tick"),
        new Figure(
            "Avg query",
            String.format(Locale.ROOT, "%.2f ms", metrics.averageMillis()),
            "mean time of Clipdeck's statements"),
        new Figure(
            "p95 query",
            String.format(Locale.ROOT, "%.2f ms", metrics.p95Millis()),
            "95th percentile of Clipdeck's recent statements"),
        new Figure(
            "Query cache",
            String.format(Locale.ROOT, "%.0f %%", metrics.hitRate() * 100),
            "reads answered from Clipdeck's cache"),
        new Figure(
            "Query errors", String.valueOf(metrics.errors()), "statements the database failed"));
  }

  static List<Figure> serverFiguresOf(DatabaseCard card) {
    if (card.server().isEmpty()) {
      return List.of();
    }
    var server = card.server().get();
    List<Figure> shown = new ArrayList<>();
    shown.add(
        new Figure(
            "Sessions",
            server.sessions() + " / " + server.maxConnections(),
            "connected, of max_connections"));
    shown.add(new Figure("Running", String.valueOf(server.running()), "running a statement now"));
    card.rates()
        .forEach(
            (name, rate) ->
                shown.add(
                    new Figure(
                        capitalised(name) + "/s",
                        String.format(Locale.ROOT, "%.1f", rate),
                        "per second since the last tick")));
    card.cacheHitRate()
        .ifPresent(
            rate ->
                shown.add(
                    new Figure(
                        "Cache hits",
                        String.format(Locale.ROOT, "%.1f %%", rate * 100),
                        "blocks found in shared buffers")));
    return shown;
  }

  static String capitalised(String name) {
    return Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  static String serverLineOf(DatabaseCard card) {
    if (card.serverProblem().isPresent()) {
      return card.serverProblem().get();
    }
    if (card.server().isEmpty()) {
      return card.profile().kind().isFileBased()
          ? "A SQLite file has no server side: no sessions or server counters to show."
          : "The server side is read while the database answers.";
    }
    var server = card.server().get();
    return card.sessions().size()
        + " other sessions; "
        + server.running()
        + " running a statement; "
        + server.sessions()
        + " of max_connections "
        + server.maxConnections()
        + " in use.";
  }

  static CardRow profileCard(DatabaseCard card, List<Alert> open) {
    PoolStats pool = card.pool();
    return new CardRow(
        card.profile().name(),
        card.profile().kind().displayName(),
        describe(card.health()),
        poolLine(pool) + card.diagnosis().map(words -> " · " + words).orElse(""),
        card.health().isUp(),
        open.stream().anyMatch(alert -> alert.profile().equals(card.profile().name())));
  }

  static CardRow groupCard(FailoverStatus status) {
    FailoverStatus.Member serving = status.member(status.serving());
    return new CardRow(
        status.group(),
        "Failover group",
        "Serving from "
            + status.serving()
            + (status.onPrimary() ? " (primary)" : " (failover)")
            + (serving.lastHealth().isReplica() ? ", a replica: writes are refused" : "")
            + " · "
            + serving.lastHealth().health().name().toLowerCase(Locale.ROOT),
        status
            .failbackHeld()
            .map(reason -> "Failback held: " + reason)
            .or(
                () ->
                    status
                        .lastEvent()
                        .map(
                            event ->
                                "Last switch: "
                                    + event.from()
                                    + " → "
                                    + event.to()
                                    + ", "
                                    + event.reason()))
            .orElse("No switch yet"),
        serving.lastHealth().health() == Health.UP,
        false);
  }

  /**
   * One card per member of a group, in the group's order, shown beside the group's card: its place
   * and role (primary or replica, from its last check), whether it serves, its health, and its pool
   * when this console has it open ({@code cards}: the active and other open profiles).
   */
  static List<CardRow> memberCards(FailoverStatus status, List<DatabaseCard> cards) {
    List<CardRow> rows = new ArrayList<>();
    for (FailoverStatus.Member member : status.members()) {
      HealthReport health = member.lastHealth();
      String role =
          health.isUp()
              ? health.role().orElse(HealthReport.PRIMARY)
              : health.health().name().toLowerCase(Locale.ROOT);
      String pool =
          cards.stream()
              .filter(card -> card.profile().name().equals(member.profile()))
              .findFirst()
              .map(card -> poolLine(card.pool()))
              .orElse("pool not open in this console");
      rows.add(
          new CardRow(
              status.group() + " · " + member.profile(),
              member.role() == FailoverStatus.Role.PRIMARY ? "Group primary" : "Group failover",
              role + (member.serving() ? " · serving" : "") + " · " + describe(health),
              pool,
              health.isUp(),
              false));
    }
    return rows;
  }

  private static String poolLine(PoolStats pool) {
    return "pool "
        + pool.active()
        + " active, "
        + pool.idle()
        + " idle, "
        + pool.waiting()
        + " waiting of "
        + pool.max();
  }

  static String describe(HealthReport report) {
    return switch (report.health()) {
      case UP ->
          "Up · round trip "
              + Format.millis(report.latency())
              + " · server "
              + report.serverVersion();
      case DOWN -> "Down · " + report.problem().orElse("no answer");
      case UNKNOWN -> "Health not checked yet";
    };
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
