package io.clipdeck.api.elevenlabs;

import io.clipdeck.api.ApiClient;
import io.clipdeck.api.ApiClientConfig;
import io.clipdeck.api.ApiRequest;
import io.clipdeck.api.ApiResponse;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.MalformedResponseException;
import io.clipdeck.api.Provider;
import io.clipdeck.api.QuotaLedger;
import io.clipdeck.api.SharedCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** ElevenLabs text to speech (an MP3 saved as a file) and the list of voices. */
public final class ElevenLabsClient implements AutoCloseable {

  private final ApiClient api;

  public ElevenLabsClient(ApiClient api) {
    if (api.config().provider() != Provider.ELEVENLABS) {
      throw new IllegalArgumentException("an ElevenLabs client needs an ElevenLabs ApiClient");
    }
    this.api = api;
  }

  public static ElevenLabsClient create(
      ApiClientConfig config, QuotaLedger ledger, SharedCache shared) {
    return new ElevenLabsClient(
        new ApiClient(
            config,
            new ElevenLabsErrors(config.defaultPark()),
            ledger,
            shared,
            ElevenLabsClient::characters));
  }

  public ApiClient api() {
    return api;
  }

  /** Speaks {@code text} with a voice and model, saving {@code narration-*.mp3} in {@code dir}. */
  public Narration speak(String voiceId, String text, String modelId, Path directory) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("there is no text to speak");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("text", text);
    body.put("model_id", modelId);
    ApiResponse audio =
        api.call(
            new ApiRequest(
                "POST",
                "/v1/text-to-speech/" + ApiRequestPaths.segment(voiceId),
                new java.util.TreeMap<>(Map.of("output_format", "mp3_44100_128")),
                Map.of("Content-Type", "application/json", "Accept", "audio/mpeg"),
                JsonSupport.write(body),
                "text-to-speech"),
            ElevenLabsClient::audioOnly,
            CallOptions.paidGeneration());
    Path file = directory.resolve("narration-" + UUID.randomUUID() + ".mp3");
    write(audio.body(), file);
    long cost =
        audio
            .header("character-cost")
            .map(String::strip)
            .filter(s -> s.matches("\\d+"))
            .map(Long::parseLong)
            .orElse((long) text.length());
    return new Narration(file, cost, audio.header("request-id").orElse(""));
  }

  /** All voices of the account (cached: the list changes rarely). */
  public List<Voice> voices() {
    VoicesWire wire =
        api.call(
            ApiRequest.get("voices", "/v1/voices", Map.of()),
            response -> JsonSupport.read(response, VoicesWire.class),
            CallOptions.cached());
    return (wire.voices() == null ? List.<VoicesWire.VoiceWire>of() : wire.voices())
        .stream()
            .filter(voice -> voice.voice_id() != null)
            .map(
                voice ->
                    new Voice(
                        voice.voice_id(),
                        voice.name() == null ? voice.voice_id() : voice.name(),
                        voice.category() == null ? "" : voice.category(),
                        voice.labels() == null ? Map.of() : voice.labels()))
            .toList();
  }

  /** Characters billed: the {@code character-cost} header, else the text's length. */
  static io.clipdeck.api.Spend characters(
      io.clipdeck.api.ApiRequest request, io.clipdeck.api.ApiResponse response) {
    if (!response.contentType().startsWith("audio/")) {
      return io.clipdeck.api.Spend.NONE;
    }
    return io.clipdeck.api.Spend.characters(
        response
            .header("character-cost")
            .map(String::strip)
            .filter(value -> value.matches("\\d{1,18}"))
            .map(Long::parseLong)
            .orElseGet(
                () -> {
                  try {
                    return (long)
                        JsonSupport.MAPPER
                            .readTree(request.body())
                            .path("text")
                            .asText("")
                            .length();
                  } catch (java.io.IOException notJson) {
                    return 0L;
                  }
                }));
  }

  private static ApiResponse audioOnly(ApiResponse response) throws MalformedResponseException {
    if (!response.contentType().startsWith("audio/") || response.size() == 0) {
      throw MalformedResponseException.unreadable(
          "expected audio, got '" + response.contentType() + "' of " + response.size() + " bytes");
    }
    return response;
  }

  private static void write(byte[] bytes, Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".part");
      Files.write(partial, bytes);
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + file, e);
    }
  }

  @Override
  public void close() {
    api.close();
  }
}
