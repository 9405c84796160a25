package io.clipdeck.api;

/** The external APIs Clipdeck talks to; each gets its own client, limits, breaker and metrics. */
public enum Provider {
  YOUTUBE("YouTube", "youtube"),
  OPENAI("OpenAI", "openai"),
  STABILITY("Stability AI", "stability"),
  ELEVENLABS("ElevenLabs", "elevenlabs");

  private final String displayName;
  private final String id;

  Provider(String displayName, String id) {
    this.displayName = displayName;
    this.id = id;
  }

  /** For people: "Stability AI". */
  public String displayName() {
    return displayName;
  }

  /** For keys, metrics and secret references: "stability". */
  public String id() {
    return id;
  }
}
