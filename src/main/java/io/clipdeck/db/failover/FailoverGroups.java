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

  private record Running(GroupDefinition definition, FailoverGroup group) {}

  public FailoverGroups(
      ProfileService profiles,
      DatabaseRegistry registry,
      Clock clock,
      ScheduledExecutorService scheduler,
      ExecutorService workers) {
    this.profiles = profiles;
    this.registry = registry;
    this.clock = clock;
    this.scheduler = scheduler;
    this.workers = workers;
    profiles.addChangeListener(onChange);
    sync();
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
    running.values().forEach(r -> r.group().close());
    running.clear();
    listeners.clear();
  }
}
