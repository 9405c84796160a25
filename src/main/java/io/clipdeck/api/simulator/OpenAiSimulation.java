package io.clipdeck.api.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.Provider;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * OpenAI Chat Completions under {@code /v1}: {@code POST /chat/completions} and {@code GET
 * /models}. With a {@code response_format} it answers JSON: captions when the instructions ask for
 * captions, an analysis when they ask for one.
 */
final class OpenAiSimulation extends SimulatedProvider {

  OpenAiSimulation(SimulatorSettings settings, Journal journal, Faults faults) {
    super(Provider.OPENAI, settings, journal, faults);
  }

  @Override
  void serve(HttpExchange exchange, Map<String, String> query, byte[] body, Instant now)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/v1/models")) {
      sendJson(
          exchange,
          200,
          Map.of(
              "object",
              "list",
              "data",
              List.of(
                  Map.of(
                      "id", "sim-chat-1",
                      "object", "model",
                      "created", 1_763_822_400L,
                      "owned_by", "clipdeck-simulator"))),
          Map.of());
      return;
    }
    JsonNode request;
    try {
      request = JsonSupport.MAPPER.readTree(body);
    } catch (IOException e) {
      sendError(
          exchange,
          400,
          "invalid_request_error",
          null,
          "We could not parse the JSON body of your request.");
      return;
    }
    if (request == null
        || !request.path("messages").isArray()
        || request.path("messages").isEmpty()) {
      sendError(exchange, 400, "invalid_request_error", null, "'messages' is a required property");
      return;
    }
    String refused = settings.openAiRefusedField();
    if (!refused.isEmpty() && request.has(refused)) {
      sendError(
          exchange,
          400,
          "invalid_request_error",
          "unsupported_parameter",
          "Unsupported parameter: '" + refused + "' is not supported with this model.");
      return;
    }
    StringBuilder instructions = new StringBuilder();
    String user = "";
    for (JsonNode message : request.path("messages")) {
      String role = message.path("role").asText();
      if (role.equals("system") || role.equals("developer")) {
        instructions.append(message.path("content").asText());
      } else if (role.equals("user")) {
        user = message.path("content").asText();
      }
    }
    String content = answer(instructions.toString(), user, request.has("response_format"));
    Map<String, Object> message = new HashMap<>();
    message.put("role", "assistant");
    message.put("content", content);
    message.put("refusal", null);
    message.put("annotations", List.of());
    int promptTokens = (instructions.length() + user.length()) / 4 + 1;
    sendCompletion(exchange, request, message, "stop", promptTokens, content.length() / 4 + 1, now);
  }

  /** The fixed usage of the other answer shapes, so tests can check it was kept. */
  static final int SHAPE_PROMPT_TOKENS = 211;

  static final int SHAPE_COMPLETION_TOKENS = 37;

  @Override
  boolean sendAnswer(HttpExchange exchange, Fault.AnswerShape shape, byte[] body, Instant now)
      throws IOException {
    JsonNode request;
    try {
      request = JsonSupport.MAPPER.readTree(body);
    } catch (IOException e) {
      return false;
    }
    if (request == null || !exchange.getRequestURI().getPath().endsWith("/chat/completions")) {
      return false;
    }
    Map<String, Object> message = new HashMap<>();
    message.put("role", "assistant");
    String finish;
    switch (shape) {
      case TOOL_CALLS -> {
        message.put("content", null);
        message.put("refusal", null);
        message.put(
            "tool_calls",
            List.of(
                Map.of(
                    "id",
                    "call_Sim4b7Kq2Vw9",
                    "type",
                    "function",
                    "function",
                    Map.of(
                        "name",
                        "cut_clip",
                        "arguments",
                        "{\"start_s\":12.5,\"end_s\":42,\"title\":\"The starter\"}"))));
        finish = "tool_calls";
      }
      case FUNCTION_CALL -> {
        message.put("content", null);
        message.put(
            "function_call",
            Map.of("name", "cut_clip", "arguments", "{\"start_s\":1,\"end_s\":2}"));
        finish = "function_call";
      }
      case REFUSAL -> {
        // No "content" key at all: only the refusal.
        message.put("refusal", "I'm sorry, I can't help with that request.");
        finish = "stop";
      }
      case LENGTH -> {
        message.put("content", "{\"captions\":[{\"start_s\":0.0,\"end_s\":3.5,\"te");
        message.put("refusal", null);
        finish = "length";
      }
      case CONTENT_FILTER -> {
        message.put("content", null);
        message.put("refusal", null);
        finish = "content_filter";
      }
      case OFF_SCHEMA -> {
        message.put("content", "{\"answer\":\"simulated\"}");
        message.put("refusal", null);
        finish = "stop";
      }
      default -> throw new IllegalStateException("unknown shape " + shape);
    }
    sendCompletion(
        exchange, request, message, finish, SHAPE_PROMPT_TOKENS, SHAPE_COMPLETION_TOKENS, now);
    return true;
  }

  @Override
  byte[] wrongShape() {
    // JSON, even a completion's envelope, but no choice in it.
    return ("{\"id\":\"chatcmpl-simEmpty\",\"object\":\"chat.completion\",\"created\":1763822400,"
            + "\"model\":\"sim-chat-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":"
            + SHAPE_PROMPT_TOKENS
            + ",\"completion_tokens\":0,\"total_tokens\":"
            + SHAPE_PROMPT_TOKENS
            + "}}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void sendCompletion(
      HttpExchange exchange,
      JsonNode request,
      Map<String, Object> message,
      String finish,
      int promptTokens,
      int completionTokens,
      Instant now)
      throws IOException {
    Map<String, Object> choice = new HashMap<>();
    choice.put("index", 0);
    choice.put("message", message);
    choice.put("logprobs", null);
    choice.put("finish_reason", finish);
    sendJson(
        exchange,
        200,
        Map.of(
            "id",
            "chatcmpl-sim" + UUID.randomUUID().toString().replace("-", ""),
            "object",
            "chat.completion",
            "created",
            now.getEpochSecond(),
            "model",
            request.path("model").asText("sim-chat-1"),
            "choices",
            List.of(choice),
            "usage",
            Map.of(
                "prompt_tokens",
                promptTokens,
                "completion_tokens",
                completionTokens,
                "total_tokens",
                promptTokens + completionTokens,
                "prompt_tokens_details",
                Map.of("cached_tokens", 0)),
            "service_tier",
            "default",
            "system_fingerprint",
            "fp_simulator"),
        Map.of(
            "x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""),
            "x-ratelimit-limit-requests", "5000",
            "x-ratelimit-remaining-requests", "4999",
            "x-ratelimit-reset-requests", "12ms",
            "x-ratelimit-limit-tokens", "2000000",
            "x-ratelimit-remaining-tokens", "1999512",
            "x-ratelimit-reset-tokens", "6m0s"));
  }

  private static String answer(String instructions, String user, boolean json) {
    String lower = instructions.toLowerCase(Locale.ROOT);
    if (json && lower.contains("captions")) {
      return JsonSupport.MAPPER
          .valueToTree(
              Map.of(
                  "captions",
                  List.of(
                      Map.of("start_s", 0.0, "end_s", 3.5, "text", "Here is how it starts"),
                      Map.of("start_s", 3.5, "end_s", 7.0, "text", "And this is the twist"))))
          .toString();
    }
    if (json && lower.contains("analyse")) {
      return JsonSupport.MAPPER
          .valueToTree(
              Map.of(
                  "topics", List.of("baking", "sourdough"),
                  "hook", "The one step everyone skips",
                  "clips",
                      List.of(
                          Map.of(
                              "start_s",
                              12.0,
                              "end_s",
                              42.0,
                              "title",
                              "The starter",
                              "reason",
                              "clear payoff"),
                          Map.of(
                              "start_s",
                              95.0,
                              "end_s",
                              125.0,
                              "title",
                              "Overnight rise",
                              "reason",
                              "visual change"))))
          .toString();
    }
    if (json) {
      return "{\"answer\":\"simulated\"}";
    }
    return "Simulated answer to: " + user.substring(0, Math.min(40, user.length()));
  }

  private static void sendError(
      HttpExchange exchange, int status, String type, String code, String message)
      throws IOException {
    Map<String, Object> error = new HashMap<>();
    error.put("message", message);
    error.put("type", type);
    error.put("param", null);
    error.put("code", code);
    sendJson(exchange, status, Map.of("error", error), Map.of());
  }

  @Override
  String presentedKey(HttpExchange exchange, Map<String, String> query) {
    return bearer(exchange);
  }

  @Override
  void sendRateLimited(HttpExchange exchange, Duration retryAfter) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds(retryAfter));
    exchange.getResponseHeaders().set("retry-after-ms", String.valueOf(retryAfter.toMillis()));
    sendError(
        exchange,
        429,
        "requests",
        "rate_limit_exceeded",
        "Rate limit reached for sim-chat-1 on requests per min (RPM). Please try again later.");
  }

  @Override
  void sendQuotaExceeded(HttpExchange exchange) throws IOException {
    sendError(
        exchange,
        429,
        "insufficient_quota",
        "insufficient_quota",
        "You exceeded your current quota, please check your plan and billing details.");
  }

  @Override
  void sendUnauthorized(HttpExchange exchange) throws IOException {
    sendError(
        exchange, 401, "invalid_request_error", "invalid_api_key", "Incorrect API key provided.");
  }

  @Override
  void sendServerError(HttpExchange exchange, int status) throws IOException {
    if (status == 503) {
      sendError(
          exchange,
          503,
          "service_unavailable_error",
          "server_is_overloaded",
          "The server is overloaded. Please try again later.");
    } else {
      sendError(
          exchange,
          status,
          "server_error",
          null,
          "The server had an error while processing your request. Sorry about that!");
    }
  }
}
