package io.clipdeck.api;

/**
 * What answers cost, in the units providers bill: tokens (OpenAI), characters (ElevenLabs), images
 * (Stability). YouTube's cost is its quota units, counted by the limiter instead.
 */
public record Spend(long inputTokens, long outputTokens, long characters, long images) {

  public static final Spend NONE = new Spend(0, 0, 0, 0);

  public Spend {
    if (inputTokens < 0 || outputTokens < 0 || characters < 0 || images < 0) {
      throw new IllegalArgumentException("a spend is never negative");
    }
  }

  public static Spend tokens(long input, long output) {
    return new Spend(input, output, 0, 0);
  }

  public static Spend characters(long count) {
    return new Spend(0, 0, count, 0);
  }

  public static Spend images(long count) {
    return new Spend(0, 0, 0, count);
  }

  public long totalTokens() {
    return inputTokens + outputTokens;
  }

  public boolean isNone() {
    return equals(NONE);
  }

  public Spend plus(Spend other) {
    return new Spend(
        inputTokens + other.inputTokens,
        outputTokens + other.outputTokens,
        characters + other.characters,
        images + other.images);
  }
}
