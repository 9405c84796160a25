package io.clipdeck.api;

/**
 * What one request spends of each window: one call by default; YouTube's daily windows count units
 * instead ({@code videos.list} 1, {@code captions.list} 50, searches in their own bucket). Zero
 * means the window does not count that request.
 */
@FunctionalInterface
public interface QuotaCost {

  /** Every request spends one of every window. */
  QuotaCost ONE_PER_CALL = (window, operation) -> 1;

  /**
   * @param operation the request's {@link ApiRequest#operation()}, e.g. {@code videos.list}
   */
  long units(QuotaWindow window, String operation);
}
