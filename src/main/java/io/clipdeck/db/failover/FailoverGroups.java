package io.clipdeck.db.failover;

import io.clipdeck.db.DatabaseRegistry;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.ProfileService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running failover groups, one per saved {@link GroupDefinition}: each checks its members on
 * its own schedule. When the user edits groups or profiles, the changed groups are rebuilt.
 */
public final class FailoverGroups implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(FailoverGroups.class);

  private final ProfileService profiles;
  private final DatabaseRegistry registry;
  private final Clock clock;
  private final ScheduledExecutorService scheduler;
  private final ExecutorService workers;
  private final Map<String, Running> running = new LinkedHashMap<>();
  private final List<Consumer<FailoverEvent>> listeners = new CopyOnWriteArrayList<>();
  private final Consumer<FailoverEvent> relay = event -> listeners.forEach(l -> l.accept(event));
  private final Runnable onChange = this::sync;
  private final SwitchRequests requests;
  private final Map<String, java.time.Instant> applied =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.concurrent.ScheduledFuture<?> requestPoll;
  private long requestsSeen = -1;

  private record Running(GroupDefinition definition, FailoverGroup group) {}

  public FailoverGroups(
      ProfileService profiles,
      DatabaseRegistry registry,
      Clock clock,
      ScheduledExecutorService scheduler,
      ExecutorService workers,
      SwitchRequests requests) {
    this.profiles = profiles;
    this.registry = registry;
    this.clock = clock;
    this.scheduler = scheduler;
    this.workers = workers;
    this.requests = requests;
    profiles.addChangeListener(onChange);
    sync();
    this.requestPoll =
        scheduler.scheduleWithFixedDelay(
            () -> workers.execute(this::applyRequests),
            0,
            REQUEST_POLL.toMillis(),
            java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** How often the switch requests file is looked at (a stat; read only when it changed). */
  public static final java.time.Duration REQUEST_POLL = java.time.Duration.ofSeconds(1);

  /**
   * Applies each switch request ({@code clipdeck groups switch|failback}) once: a request the
   * member cannot serve (down, or a replica while another member takes writes) is logged and
   * dropped; the group's own checks go on deciding.
   */
  void applyRequests() {
    long modified = requests.lastModified();
    synchronized (this) {
      if (modified == requestsSeen) {
        return;
      }
      requestsSeen = modified;
    }
    requests
        .read()
        .forEach(
            (name, request) -> {
              java.time.Instant before = applied.put(name, request.at());
              if (request.at().equals(before)) {
                return;
              }
              group(name).ifPresent(group -> apply(group, request));
            });
  }

  private static void apply(FailoverGroup group, SwitchRequests.Request request) {
    try {
      if (request.member().equals(group.primary().name())) {
        group.failBack();
      } else {
        group.switchTo(request.member(), request.reason());
      }
    } catch (NoHealthyMemberException | IllegalArgumentException e) {
      log.warn("Failover group '{}': switch request not applied: {}", group.name(), e.getMessage());
    } catch (IllegalStateException closed) {
      // Rebuilt meanwhile: the new group applies nothing old, its checks decide.
    }
  }

  /** The policy a saved definition stands for. */
  public static FailoverPolicy policyOf(GroupDefinition definition) {
    return new FailoverPolicy(
        definition.failuresBeforeSwitch(),
        definition.checkInterval(),
        definition.automaticFailback()
            ? FailoverPolicy.Failback.AUTOMATIC
            : FailoverPolicy.Failback.MANUAL,
        definition.hysteresis());
  }

  public synchronized List<FailoverStatus> statuses() {
    return running.values().stream().map(r -> r.group().status()).toList();
  }

  public synchronized Optional<FailoverGroup> group(String name) {
    return Optional.ofNullable(running.get(name)).map(Running::group);
  }

  /** Told of every switch in every group, on the checking thread. */
  public void addListener(Consumer<FailoverEvent> listener) {
    listeners.add(listener);
  }

  public void removeListener(Consumer<FailoverEvent> listener) {
    listeners.remove(listener);
  }

  /** Starts new groups, rebuilds changed ones, stops removed ones. */
  private synchronized void sync() {
    Map<String, GroupDefinition> wanted = new LinkedHashMap<>();
    profiles.groups().forEach(definition -> wanted.put(definition.name(), definition));
    for (String name : List.copyOf(running.keySet())) {
      Running current = running.get(name);
      if (!current.definition().equals(wanted.get(name)) || membersChanged(current)) {
        current.group().close();
        running.remove(name);
      }
    }
    wanted.forEach(
        (name, definition) -> {
          if (!running.containsKey(name)) {
            start(definition);
          }
        });
  }

  private boolean membersChanged(Running current) {
    return current.group().members().stream()
        .anyMatch(member -> !profiles.find(member.name()).map(member::equals).orElse(false));
  }

  private void start(GroupDefinition definition) {
    try {
      FailoverGroup group =
          new FailoverGroup(
              definition.name(),
              profiles.require(definition.primary()),
              definition.members().stream().skip(1).map(profiles::require).toList(),
              policyOf(definition),
              registry,
              clock);
      group.addListener(relay);
      group.start(scheduler, workers);
      running.put(definition.name(), new Running(definition, group));
    } catch (IllegalArgumentException e) {
      log.error("Failover group '{}' not started: {}", definition.name(), e.getMessage());
    }
  }

  @Override
  public synchronized void close() {
    profiles.removeChangeListener(onChange);
    requestPoll.cancel(false);
    running.values().forEach(r -> r.group().close());
    running.clear();
    listeners.clear();
  }
}
