package io.clipdeck.ui.enrich;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.ProfileService;
import io.clipdeck.enrich.EnrichmentService;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active profile's enrichment service, made on first use (it reads the database and builds the
 * provider clients: call {@link #get()} from a worker). A profile switched away from keeps its
 * service, so a run there goes on; all are closed with the view.
 */
public final class EnrichmentServices implements Supplier<EnrichmentService>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EnrichmentServices.class);

  private final ProfileService profiles;
  private final Function<ConnectionProfile, EnrichmentService> factory;
  private final Map<String, EnrichmentService> made = new HashMap<>();

  public EnrichmentServices(
      ProfileService profiles, Function<ConnectionProfile, EnrichmentService> factory) {
    this.profiles = profiles;
    this.factory = factory;
  }

  /** The profile whose enrichment {@link #get()} gives now: the active one. */
  public ConnectionProfile active() {
    return profiles.active();
  }

  @Override
  public synchronized EnrichmentService get() {
    ConnectionProfile active = profiles.active();
    return made.computeIfAbsent(active.name(), name -> factory.apply(active));
  }

  @Override
  public synchronized void close() {
    for (Map.Entry<String, EnrichmentService> entry : made.entrySet()) {
      try {
        entry.getValue().close();
      } catch (RuntimeException e) {
        LOG.warn("Enrichment of {} did not stop cleanly: {}", entry.getKey(), e.getMessage());
      }
    }
    made.clear();
  }
}
