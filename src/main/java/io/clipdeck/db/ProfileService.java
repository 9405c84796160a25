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
 * The user's profiles and which one is active. On first start it creates a local SQLite profile so
 * the console works with no server and no network.
 */
public final class ProfileService {

  /** The name of the profile Clipdeck creates on first start. */
  public static final String DEFAULT_PROFILE = "Local SQLite";

  private static final Logger log = LoggerFactory.getLogger(ProfileService.class);

  private final ProfileStore store;
  private final List<Consumer<ConnectionProfile>> activeListeners = new CopyOnWriteArrayList<>();
  private final Optional<String> loadProblem;
  private volatile List<ConnectionProfile> profiles;
  private volatile ConnectionProfile active;

  /**
   * Loads the stored profiles. With no profile file yet, saves the default SQLite profile at {@code
   * defaultSqliteFile}; with an unreadable one, keeps the file untouched and runs on the default in
   * memory.
   */
  public ProfileService(ProfileStore store, Path defaultSqliteFile) {
    this.store = store;
    boolean firstStart = !store.exists();
    ProfileStore.Loaded loaded = store.load();
    this.loadProblem = loaded.problem();
    loadProblem.ifPresent(problem -> log.error("Profiles not loaded: {}", problem));
    List<ConnectionProfile> found = loaded.profiles();
    if (found.isEmpty()) {
      found = List.of(ConnectionProfile.sqlite(DEFAULT_PROFILE, defaultSqliteFile));
      if (firstStart) {
        store.save(found);
        log.info("Created the default profile '{}' at {}", DEFAULT_PROFILE, defaultSqliteFile);
      }
    }
    this.profiles = List.copyOf(found);
    this.active = profiles.getFirst();
  }

  public List<ConnectionProfile> profiles() {
    return profiles;
  }

  /** Why the profile file could not be read at start, if it could not. */
  public Optional<String> loadProblem() {
    return loadProblem;
  }

  public ConnectionProfile active() {
    return active;
  }

  public Optional<ConnectionProfile> find(String name) {
    return profiles.stream().filter(profile -> profile.name().equals(name)).findFirst();
  }

  /** Makes the named profile the active one and tells the listeners. */
  public void activate(String name) {
    ConnectionProfile chosen =
        find(name)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No profile named '" + name + "': run 'clipdeck profiles list'"));
    active = chosen;
    activeListeners.forEach(listener -> listener.accept(chosen));
  }

  /** Adds or replaces a profile (matched by name) and saves the list. */
  public synchronized void put(ConnectionProfile profile) {
    List<ConnectionProfile> next = new ArrayList<>(profiles);
    next.removeIf(existing -> existing.name().equals(profile.name()));
    next.add(profile);
    store.save(next);
    profiles = List.copyOf(next);
  }

  public void addActiveListener(Consumer<ConnectionProfile> listener) {
    activeListeners.add(listener);
  }

  public void removeActiveListener(Consumer<ConnectionProfile> listener) {
    activeListeners.remove(listener);
  }
}
