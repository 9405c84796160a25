package io.clipdeck.api.simulator;

import com.sun.net.httpserver.HttpExchange;
import io.clipdeck.api.Provider;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Stability AI v2beta under {@code /v2beta/stable-image/generate/{core,ultra,sd3}}: a multipart
 * request with a {@code prompt} part gets a small PNG; a prompt containing {@code blur-me} comes
 * back {@code CONTENT_FILTERED}.
 */
final class StabilitySimulation extends SimulatedProvider {

  /** A valid 1x1 PNG. */
  static final byte[] PNG =
      Base64.getDecoder()
          .decode(
              "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

  StabilitySimulation(SimulatorSettings settings, Journal journal, Faults faults) {
    super(Provider.STABILITY, settings, journal, faults);
  }

  @Override
  void serve(HttpExchange exchange, Map<String, String> query, byte[] body, Instant now)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (!List.of(
            "/v2beta/stable-image/generate/core",
            "/v2beta/stable-image/generate/ultra",
            "/v2beta/stable-image/generate/sd3")
        .contains(path)) {
      sendError(exchange, 404, "not_found", "path: no such endpoint");
      return;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    String form = new String(body, StandardCharsets.UTF_8);
    if (contentType == null
        || !contentType.startsWith("multipart/form-data")
        || !form.contains("name=\"prompt\"")) {
      sendError(exchange, 400, "bad_request", "prompt: is required");
      return;
    }
    String finish = form.contains("blur-me") ? "CONTENT_FILTERED" : "SUCCESS";
    send(
        exchange,
        200,
        "image/png",
        PNG,
        Map.of(
            "finish-reason", finish,
            "seed", String.valueOf(Math.abs(form.hashCode())),
            "x-request-id", UUID.randomUUID().toString().replace("-", "")));
  }

  private static void sendError(HttpExchange exchange, int status, String name, String error)
      throws IOException {
    sendJson(
        exchange,
        status,
        Map.of(
            "id",
            UUID.randomUUID().toString().replace("-", ""),
            "name",
            name,
            "errors",
            List.of(error)),
        Map.of());
  }

  @Override
  String presentedKey(HttpExchange exchange, Map<String, String> query) {
    return bearer(exchange);
  }

  @Override
  void sendRateLimited(HttpExchange exchange, Duration retryAfter) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds(retryAfter));
    sendJson(
        exchange,
        429,
        Map.of(
            "id", "rate_limit_exceeded",
            "name", "rate_limit_exceeded",
            "errors",
                List.of(
                    "You have exceeded the rate limit of 150 requests within a 10 second period, and have been timed out for 60 seconds.")),
        Map.of());
  }

  @Override
  void sendQuotaExceeded(HttpExchange exchange) throws IOException {
    sendError(
        exchange, 402, "payment_required", "You lack sufficient credits to make this request.");
  }

  @Override
  void sendUnauthorized(HttpExchange exchange) throws IOException {
    sendError(exchange, 401, "unauthorized", "authorization: invalid or missing API key");
  }

  @Override
  void sendServerError(HttpExchange exchange, int status) throws IOException {
    sendError(
        exchange,
        status,
        "internal_error",
        "An unexpected server error has occurred, please try again later.");
  }
}
