package io.clipdeck.api;

/**
 * Per-call choices.
 *
 * @param useCache read and fill the response cache (for reads; generation calls pass false)
 * @param maxAttempts requests for this call, 0 for the client's setting; paid generation calls
 *     lower it, since a timed-out request may already have been billed
 */
public record CallOptions(boolean useCache, int maxAttempts) {

  public static CallOptions cached() {
    return new CallOptions(true, 0);
  }

  /**
   * A paid generation (an image, a narration): never cached, and retried once at most, since a lost
   * answer may already have been billed.
   */
  public static CallOptions paidGeneration() {
    return uncached().withMaxAttempts(2);
  }

  public static CallOptions uncached() {
    return new CallOptions(false, 0);
  }

  public CallOptions withUseCache(boolean value) {
    return new CallOptions(value, maxAttempts);
  }

  public CallOptions withMaxAttempts(int value) {
    return new CallOptions(useCache, value);
  }
}
