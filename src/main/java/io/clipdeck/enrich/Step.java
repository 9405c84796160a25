package io.clipdeck.enrich;

import io.clipdeck.api.Provider;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The enrichment pipeline's steps, in the order a video goes through them. A video's task for a
 * step becomes runnable only when its tasks for every earlier chosen step are done.
 */
public enum Step {
  /** Title, description and duration from YouTube {@code videos.list}, 50 videos a request. */
  METADATA(Provider.YOUTUBE, "Metadata", false),
  /** Captions and clip suggestions from the OpenAI-compatible model, written as clips. */
  CLIPS(Provider.OPENAI, "Captions and clips", false),
  /** A thumbnail image from Stability AI. */
  THUMBNAIL(Provider.STABILITY, "Thumbnail", true),
  /** A spoken narration from ElevenLabs. */
  NARRATION(Provider.ELEVENLABS, "Narration", true);

  private final Provider provider;
  private final String label;
  private final boolean optional;

  Step(Provider provider, String label, boolean optional) {
    this.provider = provider;
    this.label = label;
    this.optional = optional;
  }

  public Provider provider() {
    return provider;
  }

  /** For people: "Captions and clips". */
  public String label() {
    return label;
  }

  /** Whether the step needs a provider a set of clients may lack (Stability, ElevenLabs). */
  public boolean optional() {
    return optional;
  }

  /** The stored text: {@code metadata}, {@code clips}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Step parse(String text) {
    for (Step step : values()) {
      if (step.id().equalsIgnoreCase(text.strip())) {
        return step;
      }
    }
    throw new IllegalArgumentException(
        "Unknown enrichment step '" + text + "': use metadata, clips, thumbnail or narration");
  }

  /** {@code steps} in pipeline order, without repeats. */
  public static List<Step> ordered(Set<Step> steps) {
    return steps.isEmpty()
        ? List.of()
        : EnumSet.copyOf(steps).stream().sorted(Comparator.naturalOrder()).toList();
  }
}
