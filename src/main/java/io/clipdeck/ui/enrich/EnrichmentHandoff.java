package io.clipdeck.ui.enrich;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries the videos the browser chose ("Enrich selected") to the enrichment view, which may not
 * exist yet: ids handed over before it is built wait here until it asks for them.
 */
public final class EnrichmentHandoff {

  private Map<Long, String> waiting;
  private Consumer<Map<Long, String>> receiver;

  /**
   * @param videos the {@code videos.id} rows with their external ids, in the order chosen
   */
  public synchronized void hand(Map<Long, String> videos) {
    Map<Long, String> copy = new LinkedHashMap<>(videos);
    if (receiver != null) {
      receiver.accept(copy);
    } else {
      waiting = copy;
    }
  }

  /** Told every hand-over from now on, and at once of one that was waiting. */
  synchronized void receive(Consumer<Map<Long, String>> target) {
    receiver = target;
    if (waiting != null) {
      target.accept(waiting);
      waiting = null;
    }
  }
}
