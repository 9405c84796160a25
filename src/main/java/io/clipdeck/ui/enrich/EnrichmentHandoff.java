package io.clipdeck.ui.enrich;

import io.clipdeck.data.repo.VideoFilter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Carries what the browser chose to the enrichment view, which may not exist yet: its selection
 * ("Enrich selected") or its current filter ("Enrich all matching", never the matching ids, which
 * may be millions: the service walks them itself). A hand-over made before the view is built waits
 * here until it asks for it.
 */
public final class EnrichmentHandoff {

  /** What the browser handed over. */
  public sealed interface Choice permits Selection, Matching {}

  /**
   * @param videos the {@code videos.id} rows with their external ids, in the order chosen
   */
  public record Selection(Map<Long, String> videos) implements Choice {
    public Selection {
      videos = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(videos));
    }
  }

  /** Every video matching {@code filter} when the run starts. */
  public record Matching(VideoFilter filter) implements Choice {}

  private Choice waiting;
  private Consumer<Choice> receiver;

  /**
   * @param videos the {@code videos.id} rows with their external ids, in the order chosen
   */
  public void hand(Map<Long, String> videos) {
    hand(new Selection(videos));
  }

  /** The browser's filter: its matches are counted and enqueued by the service. */
  public void handMatching(VideoFilter filter) {
    hand(new Matching(filter));
  }

  private synchronized void hand(Choice choice) {
    if (receiver != null) {
      receiver.accept(choice);
    } else {
      waiting = choice;
    }
  }

  /** Told every hand-over from now on, and at once of one that was waiting. */
  synchronized void receive(Consumer<Choice> target) {
    receiver = target;
    if (waiting != null) {
      target.accept(waiting);
      waiting = null;
    }
  }
}
