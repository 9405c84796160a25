package io.clipdeck.api.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What every simulated provider does before answering: journal the request, play an injected fault,
 * apply its own per-minute limit, check the key, wait the configured latency.
 */
abstract class SimulatedProvider implements HttpHandler {

  final Provider provider;
  final SimulatorSettings settings;
  private final Journal journal;
  private final Faults faults;
  private final ReentrantLock windowLock = new ReentrantLock();
  private long windowMinute = Long.MIN_VALUE;
  private int windowCount;

  SimulatedProvider(Provider provider, SimulatorSettings settings, Journal journal, Faults faults) {
    this.provider = provider;
    this.settings = settings;
    this.journal = journal;
    this.faults = faults;
  }

  @Override
  public final void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Instant now = settings.clock().instant();
      Map<String, String> query = query(exchange);
      journal.add(
          new JournalEntry(
              now, provider, exchange.getRequestMethod(), withoutKey(exchange, query)));
      byte[] body = exchange.getRequestBody().readAllBytes();
      Optional<Fault> fault = faults.next(provider);
      if (fault.isPresent() && play(exchange, fault.get(), body, now)) {
        return;
      }
      Optional<Duration> limited = overLimit(now);
      if (limited.isPresent()) {
        sendRateLimited(exchange, limited.get());
        return;
      }
      Optional<String> expected = settings.key(provider);
      if (expected.isPresent() && !expected.get().equals(presentedKey(exchange, query))) {
        sendUnauthorized(exchange);
        return;
      }
      pause(randomLatency());
      serve(exchange, query, body, now);
    }
  }

  /** Plays a fault; false when the request should then be served normally (slow answers). */
  private boolean play(HttpExchange exchange, Fault fault, byte[] body, Instant now)
      throws IOException {
    switch (fault.type()) {
      case TOO_MANY_REQUESTS -> sendRateLimited(exchange, fault.delay());
      case QUOTA_EXCEEDED -> sendQuotaExceeded(exchange);
      case UNAUTHORIZED -> sendUnauthorized(exchange);
      case SERVER_ERROR -> sendServerError(exchange, 500);
      case UNAVAILABLE -> {
        if (fault.delay().isPositive()) {
          exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds(fault.delay()));
        }
        sendServerError(exchange, 503);
      }
      case SLOW -> {
        pause(fault.delay());
        return false;
      }
      case RESET_CONNECTION -> {
        // Closing the exchange before any response header drops the TCP connection.
      }
      case MALFORMED_JSON ->
          send(
              exchange,
              200,
              "application/json",
              "{\"items\": [{\"id\": ".getBytes(StandardCharsets.UTF_8),
              Map.of());
      case WRONG_SHAPE -> send(exchange, 200, "application/json", wrongShape(), Map.of());
      case ANSWER_SHAPE -> {
        return !sendAnswer(exchange, fault.shape(), body, now);
      }
      case OVERSIZED_BODY -> {
        byte[] big = new byte[fault.bytes()];
        Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        send(exchange, 200, "application/json", big, Map.of());
      }
    }
    return true;
  }

  private Optional<Duration> overLimit(Instant now) {
    Optional<Integer> limit = settings.perMinute(provider);
    if (limit.isEmpty()) {
      return Optional.empty();
    }
    long minute = Math.floorDiv(now.toEpochMilli(), 60_000L);
    windowLock.lock();
    try {
      if (minute != windowMinute) {
        windowMinute = minute;
        windowCount = 0;
      }
      if (++windowCount <= limit.get()) {
        return Optional.empty();
      }
    } finally {
      windowLock.unlock();
    }
    long endMillis = (minute + 1) * 60_000L;
    return Optional.of(Duration.ofMillis(endMillis - now.toEpochMilli()));
  }

  private Duration randomLatency() {
    long min = settings.minLatency().toNanos();
    long max = settings.maxLatency().toNanos();
    return Duration.ofNanos(max <= min ? min : ThreadLocalRandom.current().nextLong(min, max + 1));
  }

  private static void pause(Duration duration) {
    if (!duration.isPositive()) {
      return;
    }
    try {
      // Real latency on the server's virtual thread: it stands for the provider's work.
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A 200 body that is JSON but not this provider's documented shape. */
  byte[] wrongShape() {
    return "{\"items\":{\"not\":\"a list\"}}".getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Sends one of the documented answers of another shape; false when this provider has none (the
   * request is then served normally).
   */
  boolean sendAnswer(HttpExchange exchange, Fault.AnswerShape shape, byte[] body, Instant now)
      throws IOException {
    return false;
  }

  abstract void serve(HttpExchange exchange, Map<String, String> query, byte[] body, Instant now)
      throws IOException;

  abstract String presentedKey(HttpExchange exchange, Map<String, String> query);

  abstract void sendRateLimited(HttpExchange exchange, Duration retryAfter) throws IOException;

  abstract void sendQuotaExceeded(HttpExchange exchange) throws IOException;

  abstract void sendUnauthorized(HttpExchange exchange) throws IOException;

  abstract void sendServerError(HttpExchange exchange, int status) throws IOException;

  static String bearer(HttpExchange exchange) {
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    return header != null && header.startsWith("Bearer ") ? header.substring(7) : "";
  }

  static String retryAfterSeconds(Duration wait) {
    // Retry-After is whole seconds: round up, so a client that honours it is never early.
    return String.valueOf((wait.toMillis() + 999) / 1000);
  }

  static void sendJson(HttpExchange exchange, int status, Object body, Map<String, String> headers)
      throws IOException {
    send(exchange, status, "application/json", JsonSupport.write(body), headers);
  }

  static void send(
      HttpExchange exchange,
      int status,
      String contentType,
      byte[] body,
      Map<String, String> headers)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    headers.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new LinkedHashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null || raw.isEmpty()) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  private static String withoutKey(HttpExchange exchange, Map<String, String> query) {
    StringBuilder target = new StringBuilder(exchange.getRequestURI().getPath());
    String separator = "?";
    for (Map.Entry<String, String> param : query.entrySet()) {
      if (!param.getKey().equals("key")) {
        target.append(separator).append(param.getKey()).append('=').append(param.getValue());
        separator = "&";
      }
    }
    return target.toString();
  }
}
