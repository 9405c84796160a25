package io.clipdeck.api.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.Provider;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ElevenLabs under {@code /v1/text-to-speech/{voice_id}} and {@code /v1/voices}: a few silent MP3
 * frames per request, three voices.
 */
final class ElevenLabsSimulation extends SimulatedProvider {

  private static final List<Map<String, Object>> VOICES =
      List.of(
          voice(ProviderSimulator.DEMO_VOICE_ID, "Harper", "female"),
          voice("Jd8sK2pQw4Lz6Xr0Tn5M", "Milo", "male"),
          voice("Vb3kQ9mXz2LpR7tN1wYc", "Ada", "female"));

  ElevenLabsSimulation(SimulatorSettings settings, Journal journal, Faults faults) {
    super(Provider.ELEVENLABS, settings, journal, faults);
  }

  private static Map<String, Object> voice(String id, String name, String gender) {
    return Map.of(
        "voice_id",
        id,
        "name",
        name,
        "category",
        "premade",
        "labels",
        Map.of("accent", "american", "gender", gender, "use_case", "narration"),
        "description",
        "A simulated voice.",
        "preview_url",
        "https://example.invalid/" + id + ".mp3",
        "high_quality_base_model_ids",
        List.of("eleven_multilingual_v2"),
        "is_owner",
        false);
  }

  @Override
  void serve(HttpExchange exchange, Map<String, String> query, byte[] body, Instant now)
      throws IOException {
    String path = exchange.getRequestURI().getPath();
    if (path.equals("/v1/voices")) {
      sendJson(exchange, 200, Map.of("voices", VOICES), Map.of());
      return;
    }
    String voiceId = path.substring("/v1/text-to-speech/".length());
    if (VOICES.stream().noneMatch(voice -> voice.get("voice_id").equals(voiceId))) {
      sendDetail(
          exchange,
          400,
          "voice_not_found",
          "A voice with the voice_id " + voiceId + " was not found.");
      return;
    }
    JsonNode request;
    try {
      request = JsonSupport.MAPPER.readTree(body);
    } catch (IOException e) {
      request = null;
    }
    if (request == null
        || !request.path("text").isTextual()
        || request.path("text").asText().isEmpty()) {
      sendJson(
          exchange,
          422,
          Map.of(
              "detail",
              List.of(
                  Map.of(
                      "loc", List.of("body", "text"), "msg", "Field required", "type", "missing"))),
          Map.of());
      return;
    }
    byte[] frames = new byte[417 * 4];
    for (int offset = 0; offset < frames.length; offset += 417) {
      // MPEG-1 Layer III frame headers, 128 kbit/s, 44.1 kHz; the rest is silence.
      frames[offset] = (byte) 0xFF;
      frames[offset + 1] = (byte) 0xFB;
      frames[offset + 2] = (byte) 0x90;
      frames[offset + 3] = (byte) 0x64;
    }
    send(
        exchange,
        200,
        "audio/mpeg",
        frames,
        Map.of(
            "request-id",
            UUID.randomUUID().toString().replace("-", "").substring(0, 20),
            "character-cost",
            String.valueOf(request.path("text").asText().length()),
            "current-concurrent-requests",
            "1",
            "maximum-concurrent-requests",
            "5"));
  }

  private static void sendDetail(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    sendJson(
        exchange, status, Map.of("detail", Map.of("status", code, "message", message)), Map.of());
  }

  @Override
  String presentedKey(HttpExchange exchange, Map<String, String> query) {
    String key = exchange.getRequestHeaders().getFirst("xi-api-key");
    return key == null ? "" : key;
  }

  @Override
  void sendRateLimited(HttpExchange exchange, Duration retryAfter) throws IOException {
    exchange.getResponseHeaders().set("Retry-After", retryAfterSeconds(retryAfter));
    sendDetail(
        exchange,
        429,
        "system_busy",
        "The system is under heavy load. Please retry in a little while.");
  }

  @Override
  void sendQuotaExceeded(HttpExchange exchange) throws IOException {
    sendDetail(exchange, 401, "quota_exceeded", "This request exceeds your quota of 30000.");
  }

  @Override
  void sendUnauthorized(HttpExchange exchange) throws IOException {
    sendDetail(exchange, 401, "invalid_api_key", "Invalid API key");
  }

  @Override
  void sendServerError(HttpExchange exchange, int status) throws IOException {
    sendDetail(exchange, status, "internal_server_error", "Something went wrong.");
  }
}
