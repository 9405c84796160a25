package io.clipdeck.api;

/** What went wrong with a call, and what a person (or the caller) can do about it. */
public enum ApiErrorKind {
  RATE_LIMITED("rate limited", "slow down; the call can be retried later", false),
  QUOTA_EXHAUSTED(
      "quota exhausted",
      "the provider is parked until its quota resets or billing is fixed",
      false),
  UNAUTHORIZED("unauthorized", "check the API key stored in the vault for this provider", false),
  BAD_REQUEST("bad request", "the request was refused as sent; retrying will not help", false),
  NOT_FOUND("not found", "the requested item does not exist or is not visible", false),
  REJECTED("rejected", "the provider refused the content or permission; change the input", false),
  SERVER_ERROR("server error", "the provider is failing; try again later", true),
  TIMEOUT("timeout", "the provider did not answer in time; try again later", true),
  NETWORK("network error", "the connection failed; check the base URL and the network", true),
  MALFORMED_RESPONSE(
      "malformed response", "the provider answered something unreadable; try again later", true),
  UNEXPECTED_ANSWER(
      "unexpected answer",
      "the provider answered, but not in the shape asked for; the answer was paid and is not sent"
          + " again, so change the request or the model",
      false),
  CIRCUIT_OPEN(
      "circuit open", "calls are suspended after repeated failures; they resume shortly", false);

  private final String label;
  private final String advice;
  private final boolean tripsBreaker;

  ApiErrorKind(String label, String advice, boolean tripsBreaker) {
    this.label = label;
    this.advice = advice;
    this.tripsBreaker = tripsBreaker;
  }

  public String label() {
    return label;
  }

  public String advice() {
    return advice;
  }

  /**
   * Whether this failure says the provider is unhealthy. Quota, auth and request errors come from a
   * healthy server, so they must not open the circuit.
   */
  public boolean tripsBreaker() {
    return tripsBreaker;
  }
}
