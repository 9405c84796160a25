package io.clipdeck.api;

/**
 * Per-call choices.
 *
 * @param useCache read and fill the response cache (for reads; generation calls pass false)
 * @param maxAttempts requests for this call, 0 for the client's setting; paid generation calls
 *     lower it, since a timed-out request may already have been billed
 * @param paid whether an answer is billed: a 2xx answer of a paid call is never sent again, even
 *     when its body cannot be read
 */
public record CallOptions(boolean useCache, int maxAttempts, boolean paid) {

  public static CallOptions cached() {
    return new CallOptions(true, 0, false);
  }

  /**
   * A paid generation (a completion, an image, a narration): never cached, retried once at most
   * (for a failure with no answer), since a lost answer may already have been billed, and never
   * re-sent for an answer that arrived.
   */
  public static CallOptions paidGeneration() {
    return new CallOptions(false, 2, true);
  }

  public static CallOptions uncached() {
    return new CallOptions(false, 0, false);
  }

  public CallOptions withUseCache(boolean value) {
    return new CallOptions(value, maxAttempts, paid);
  }

  public CallOptions withMaxAttempts(int value) {
    return new CallOptions(useCache, value, paid);
  }

  public CallOptions withPaid(boolean value) {
    return new CallOptions(useCache, maxAttempts, value);
  }
}
