package io.clipdeck.db;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open pools, one per profile, created on first use so that a profile nobody looks at costs
 * nothing.
 */
public final class DatabaseRegistry implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DatabaseRegistry.class);

  private final Clock clock;
  private final PasswordSource passwords;
  private final Map<String, PooledDatabase> open = new HashMap<>();

  public DatabaseRegistry(Clock clock) {
    this(PasswordSource.NONE, clock);
  }

  public DatabaseRegistry(PasswordSource passwords, Clock clock) {
    this.passwords = passwords;
    this.clock = clock;
  }

  public Clock clock() {
    return clock;
  }

  /**
   * The pool for this profile, opened if needed. A profile whose settings changed gets a new pool;
   * the old one is closed.
   */
  public synchronized PooledDatabase open(ConnectionProfile profile) {
    PooledDatabase current = open.get(profile.name());
    if (current != null && current.profile().equals(profile)) {
      return current;
    }
    if (current != null) {
      current.close();
    }
    PooledDatabase database = new PooledDatabase(profile, passwords, clock);
    open.put(profile.name(), database);
    log.info("Opened pool for {} ({})", profile.name(), profile.location());
    return database;
  }

  /** Closes one profile's pool, if it is open. */
  public synchronized void close(String profileName) {
    PooledDatabase database = open.remove(profileName);
    if (database != null) {
      database.close();
      log.info("Closed pool for {}", profileName);
    }
  }

  public synchronized List<PooledDatabase> openDatabases() {
    return List.copyOf(open.values());
  }

  @Override
  public synchronized void close() {
    for (String name : new ArrayList<>(open.keySet())) {
      close(name);
    }
  }
}
