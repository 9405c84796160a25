package io.clipdeck.api;

import java.time.Instant;

/**
 * Turns a provider's non-2xx answer into a decision. Each provider has its own: they signal quota,
 * rate limits and bad keys with different statuses and codes (see docs/api-clients.md).
 */
@FunctionalInterface
public interface ErrorClassifier {

  ApiFailure classify(ApiResponse response, Instant now);
}
