package io.clipdeck.db;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The user's profiles and failover groups, and which profile is active. On first start it creates a
 * local SQLite profile so the console works with no server and no network. A profile described by
 * {@code DATABASE_*} variables is listed too, read-only.
 */
public final class ProfileService {

  /** The name of the profile Clipdeck creates on first start. */
  public static final String DEFAULT_PROFILE = "Local SQLite";

  private static final Logger log = LoggerFactory.getLogger(ProfileService.class);

  private final ProfileStore store;
  private final Optional<EnvironmentProfile> environment;
  private final List<Consumer<ConnectionProfile>> activeListeners = new CopyOnWriteArrayList<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private final Optional<String> loadProblem;
  private volatile List<ConnectionProfile> saved;
  private volatile List<GroupDefinition> groups;
  private volatile ConnectionProfile active;

  /**
   * Loads the stored profiles. With no profile file yet, saves the default SQLite profile at {@code
   * defaultSqliteFile}; with an unreadable one, keeps the file untouched and runs on what could be
   * read, or the default in memory.
   */
  public ProfileService(
      ProfileStore store, Path defaultSqliteFile, Optional<EnvironmentProfile> environment) {
    this.store = store;
    this.environment = environment;
    boolean firstStart = !store.exists();
    ProfileStore.Loaded loaded = store.load();
    this.loadProblem = loaded.problem();
    loadProblem.ifPresent(problem -> log.error("Profiles not fully loaded: {}", problem));
    List<ConnectionProfile> found = loaded.profiles();
    if (found.isEmpty()) {
      found = List.of(ConnectionProfile.sqlite(DEFAULT_PROFILE, defaultSqliteFile));
      if (firstStart) {
        store.save(found, List.of());
        log.info("Created the default profile '{}' at {}", DEFAULT_PROFILE, defaultSqliteFile);
      }
    }
    this.saved = List.copyOf(found);
    this.groups = loaded.groups();
    this.active = environment.map(EnvironmentProfile::profile).orElse(saved.getFirst());
  }

  public ProfileService(ProfileStore store, Path defaultSqliteFile) {
    this(store, defaultSqliteFile, Optional.empty());
  }

  /** Every profile: the saved ones, then the environment's if there is one. */
  public List<ConnectionProfile> profiles() {
    List<ConnectionProfile> all = new ArrayList<>(saved);
    environment.ifPresent(env -> all.add(env.profile()));
    return List.copyOf(all);
  }

  public List<GroupDefinition> groups() {
    return groups;
  }

  public Optional<GroupDefinition> findGroup(String name) {
    return groups.stream().filter(group -> group.name().equals(name)).findFirst();
  }

  /** Why the profile file could not be read (fully) at start, if it could not. */
  public Optional<String> loadProblem() {
    return loadProblem;
  }

  /**
   * Whether the console checks this profile's health by itself: always, except for the environment
   * profile when {@code DATABASE_HEALTH_CHECK_ENABLED=false}.
   */
  public boolean isHealthChecked(String name) {
    return !isReadOnly(name)
        || environment.map(EnvironmentProfile::healthCheckEnabled).orElse(true);
  }

  /** Whether the profile comes from the environment and cannot be changed here. */
  public boolean isReadOnly(String name) {
    return environment.map(env -> env.profile().name().equals(name)).orElse(false);
  }

  public ConnectionProfile active() {
    return active;
  }

  public Optional<ConnectionProfile> find(String name) {
    return profiles().stream().filter(profile -> profile.name().equals(name)).findFirst();
  }

  /** The named profile, or an error that says how to list them. */
  public ConnectionProfile require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "No profile named '" + name + "': run 'clipdeck profiles list'"));
  }

  /** Makes the named profile the active one and tells the listeners. */
  public void activate(String name) {
    ConnectionProfile chosen = require(name);
    active = chosen;
    activeListeners.forEach(listener -> listener.accept(chosen));
  }

  /**
   * Saves a new or edited profile. {@code previousName} is the name it had before an edit (so a
   * rename replaces it), or empty for a new one.
   */
  public synchronized void save(ConnectionProfile profile, Optional<String> previousName) {
    String replaced = previousName.orElse(profile.name());
    refuseReadOnly(replaced);
    boolean nameTaken =
        profiles().stream()
            .anyMatch(
                existing ->
                    existing.name().equals(profile.name()) && !existing.name().equals(replaced));
    if (nameTaken || (previousName.isEmpty() && find(profile.name()).isPresent())) {
      throw new IllegalArgumentException(
          "A profile named '" + profile.name() + "' exists already: choose another name");
    }
    List<ConnectionProfile> next = new ArrayList<>(saved);
    int at = indexOf(next, replaced);
    if (at >= 0) {
      next.set(at, profile);
    } else {
      next.add(profile);
    }
    List<GroupDefinition> nextGroups =
        groups.stream().map(group -> renamed(group, replaced, profile.name())).toList();
    persist(next, nextGroups);
    if (active.name().equals(replaced)) {
      activate(profile.name());
    }
  }

  /** Adds or replaces a profile of the same name. */
  public void put(ConnectionProfile profile) {
    save(profile, find(profile.name()).map(ConnectionProfile::name));
  }

  /** Saves a copy under a free name ("name (copy)") and returns it. */
  public synchronized ConnectionProfile duplicate(String name) {
    ConnectionProfile original = require(name);
    String copyName = name + " (copy)";
    for (int n = 2; find(copyName).isPresent(); n++) {
      copyName = name + " (copy " + n + ")";
    }
    ConnectionProfile copy = original.toBuilder().name(copyName).passwordRef(null).build();
    save(copy, Optional.empty());
    return copy;
  }

  /** Deletes a profile; refused while a group uses it or when it is the last one. */
  public synchronized void remove(String name) {
    refuseReadOnly(name);
    require(name);
    groups.stream()
        .filter(group -> group.members().contains(name))
        .findFirst()
        .ifPresent(
            group -> {
              throw new IllegalStateException(
                  "Profile '"
                      + name
                      + "' is a member of group '"
                      + group.name()
                      + "': remove it from the group first");
            });
    List<ConnectionProfile> next = new ArrayList<>(saved);
    next.remove(indexOf(next, name));
    if (next.isEmpty() && environment.isEmpty()) {
      throw new IllegalStateException("'" + name + "' is the only profile: add another first");
    }
    persist(next, groups);
    if (active.name().equals(name)) {
      activate(profiles().getFirst().name());
    }
  }

  /** Saves a new or edited group; every member must be a profile. */
  public synchronized void saveGroup(GroupDefinition group, Optional<String> previousName) {
    for (String member : group.members()) {
      require(member);
    }
    String replaced = previousName.orElse(group.name());
    if (groups.stream()
        .anyMatch(g -> g.name().equals(group.name()) && !g.name().equals(replaced))) {
      throw new IllegalArgumentException(
          "A group named '" + group.name() + "' exists already: choose another name");
    }
    List<GroupDefinition> next = new ArrayList<>(groups);
    next.removeIf(g -> g.name().equals(replaced));
    next.add(group);
    persist(saved, next);
  }

  public synchronized void removeGroup(String name) {
    List<GroupDefinition> next = new ArrayList<>(groups);
    if (!next.removeIf(g -> g.name().equals(name))) {
      throw new IllegalArgumentException("No group named '" + name + "'");
    }
    persist(saved, next);
  }

  public void addActiveListener(Consumer<ConnectionProfile> listener) {
    activeListeners.add(listener);
  }

  public void removeActiveListener(Consumer<ConnectionProfile> listener) {
    activeListeners.remove(listener);
  }

  /** Called after profiles or groups were added, changed or removed. */
  public void addChangeListener(Runnable listener) {
    changeListeners.add(listener);
  }

  public void removeChangeListener(Runnable listener) {
    changeListeners.remove(listener);
  }

  private void persist(List<ConnectionProfile> nextProfiles, List<GroupDefinition> nextGroups) {
    store.save(nextProfiles, nextGroups);
    saved = List.copyOf(nextProfiles);
    groups = List.copyOf(nextGroups);
    changeListeners.forEach(Runnable::run);
  }

  private void refuseReadOnly(String name) {
    if (isReadOnly(name)) {
      throw new IllegalStateException(
          "'" + name + "' comes from the DATABASE_* environment variables: change them instead");
    }
  }

  private static int indexOf(List<ConnectionProfile> profiles, String name) {
    for (int i = 0; i < profiles.size(); i++) {
      if (profiles.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static GroupDefinition renamed(GroupDefinition group, String from, String to) {
    if (from.equals(to) || !group.members().contains(from)) {
      return group;
    }
    return new GroupDefinition(
        group.name(),
        group.members().stream().map(member -> member.equals(from) ? to : member).toList(),
        group.failuresBeforeSwitch(),
        group.checkInterval(),
        group.automaticFailback(),
        group.hysteresis());
  }
}
