package io.clipdeck.api.openai;

import io.clipdeck.api.ApiClient;
import io.clipdeck.api.ApiClientConfig;
import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiException;
import io.clipdeck.api.ApiRequest;
import io.clipdeck.api.ApiResponse;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.MalformedResponseException;
import io.clipdeck.api.Provider;
import io.clipdeck.api.QuotaLedger;
import io.clipdeck.api.SharedCache;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * OpenAI-compatible chat ({@code POST /chat/completions} under the base URL): free text, captions
 * for a transcript in a style and language, and an analysis of a video's title and description.
 * Structured answers are parsed and checked; one that does not fit is retried like a malformed
 * body.
 */
public final class OpenAiClient implements AutoCloseable {

  private static final int MAX_CAPTION_TOKENS = 1200;
  private static final int MAX_ANALYSIS_TOKENS = 900;

  private final ApiClient api;
  private final ChatSettings settings;

  /** Starts as configured; flips once if the server refuses it (older or stricter dialects). */
  private final AtomicReference<String> tokenLimitField;

  public OpenAiClient(ApiClient api, ChatSettings settings) {
    if (api.config().provider() != Provider.OPENAI) {
      throw new IllegalArgumentException("an OpenAI client needs an OpenAI ApiClient");
    }
    this.api = api;
    this.settings = settings;
    this.tokenLimitField = new AtomicReference<>(settings.tokenLimitField());
  }

  public static OpenAiClient create(
      ApiClientConfig config, ChatSettings settings, QuotaLedger ledger, SharedCache shared) {
    return new OpenAiClient(
        new ApiClient(config, new OpenAiErrors(config.defaultPark()), ledger, shared), settings);
  }

  public ApiClient api() {
    return api;
  }

  /** Plain text for a prompt, with optional instructions. */
  public ChatResult generateText(
      String instructions, String prompt, int maxTokens, CallOptions options) {
    return withDialectFallback(
        () ->
            api.call(
                post("chat.text", requestBody(instructions, prompt, maxTokens, null)),
                OpenAiClient::completion,
                options));
  }

  /**
   * Captions for a transcript or description, in a style ("engaging", "plain") and a language (ISO
   * 639-1). Each caption has 0 <= start < end and some text.
   */
  public List<Caption> generateCaptions(String transcript, String style, String language) {
    return generateCaptionsMetered(transcript, style, language).value();
  }

  /** {@link #generateCaptions} with the completion's id and token counts, for usage records. */
  public Metered<List<Caption>> generateCaptionsMetered(
      String transcript, String style, String language) {
    String instructions =
        "You write short video captions in the style '"
            + style
            + "' and the language '"
            + language
            + "'. Answer as JSON: {\"captions\":[{\"start_s\":number,\"end_s\":number,"
            + "\"text\":string}]}, times in seconds.";
    return structured(
        "chat.captions",
        () -> requestBody(instructions, transcript, MAX_CAPTION_TOKENS, StructuredSchemas.CAPTIONS),
        response -> {
          ChatWire.CaptionsPayload payload = parse(response, ChatWire.CaptionsPayload.class);
          if (payload.captions() == null || payload.captions().isEmpty()) {
            throw new MalformedResponseException("the model returned no captions");
          }
          List<Caption> captions = new ArrayList<>();
          for (ChatWire.CaptionPayload line : payload.captions()) {
            requireSpan(line.start_s(), line.end_s(), "caption");
            requireText(line.text(), "caption text");
            captions.add(new Caption(line.start_s(), line.end_s(), line.text().strip()));
          }
          return List.copyOf(captions);
        });
  }

  /** Topics, a hook and suggested clips (start/end in seconds) for a video. */
  public VideoAnalysis analyseVideo(String title, String description) {
    return analyseVideoMetered(title, description).value();
  }

  /** {@link #analyseVideo} with the completion's id and token counts, for usage records. */
  public Metered<VideoAnalysis> analyseVideoMetered(String title, String description) {
    String instructions =
        "You analyse videos for short-form clips. Answer as JSON: {\"topics\":[string],"
            + "\"hook\":string,\"clips\":[{\"start_s\":number,\"end_s\":number,\"title\":string,"
            + "\"reason\":string}]}.";
    String prompt = "Title: " + title + "\nDescription: " + description;
    return structured(
        "chat.analysis",
        () -> requestBody(instructions, prompt, MAX_ANALYSIS_TOKENS, StructuredSchemas.ANALYSIS),
        response -> {
          ChatWire.AnalysisPayload payload = parse(response, ChatWire.AnalysisPayload.class);
          requireText(payload.hook(), "hook");
          if (payload.topics() == null || payload.topics().isEmpty()) {
            throw new MalformedResponseException("the analysis has no topics");
          }
          List<SuggestedClip> clips = new ArrayList<>();
          for (ChatWire.ClipPayload clip :
              payload.clips() == null ? List.<ChatWire.ClipPayload>of() : payload.clips()) {
            requireSpan(clip.start_s(), clip.end_s(), "clip");
            clips.add(
                new SuggestedClip(
                    clip.start_s(),
                    clip.end_s(),
                    clip.title() == null ? "" : clip.title(),
                    clip.reason() == null ? "" : clip.reason()));
          }
          return new VideoAnalysis(payload.topics(), payload.hook(), clips);
        });
  }

  /** A decoder for the structured content of a completion. */
  @FunctionalInterface
  private interface ContentDecoder<T> {
    T decode(String content) throws MalformedResponseException;
  }

  private <T> Metered<T> structured(
      String operation, Supplier<byte[]> body, ContentDecoder<T> decoder) {
    Refusable<T> result = withDialectFallback(() -> structuredCall(operation, body.get(), decoder));
    ChatResult chat = result.chat();
    return result
        .value()
        .map(value -> new Metered<>(value, chat.id(), chat.promptTokens(), chat.completionTokens()))
        .orElseThrow(
            () ->
                new ApiException(
                    Provider.OPENAI,
                    ApiErrorKind.REJECTED,
                    200,
                    "refusal",
                    1,
                    "The model refused to answer",
                    null));
  }

  /**
   * OpenAI refuses {@code max_tokens} for reasoning models, and some compatible servers know only
   * {@code max_tokens}: on a 400 {@code unsupported_parameter} the other name is tried once, and
   * kept for later calls if it works.
   */
  private <T> T withDialectFallback(Supplier<T> call) {
    String sent = tokenLimitField.get();
    try {
      return call.get();
    } catch (ApiException e) {
      if (e.kind() != ApiErrorKind.BAD_REQUEST || !"unsupported_parameter".equals(e.reason())) {
        throw e;
      }
      String other = sent.equals("max_tokens") ? "max_completion_tokens" : "max_tokens";
      tokenLimitField.compareAndSet(sent, other);
      try {
        return call.get();
      } catch (ApiException again) {
        tokenLimitField.compareAndSet(other, sent);
        throw again;
      }
    }
  }

  private <T> Refusable<T> structuredCall(
      String operation, byte[] body, ContentDecoder<T> decoder) {
    return api.call(
        post(operation, body),
        response -> {
          ChatResult chat = completion(response);
          if (chat.refusal().isPresent()) {
            return new Refusable<T>(Optional.empty(), chat);
          }
          if ("length".equals(chat.finishReason())) {
            throw new MalformedResponseException("the answer was cut short (finish_reason length)");
          }
          return new Refusable<>(Optional.of(decoder.decode(chat.text())), chat);
        },
        // The same prompt gives a different answer each time: caching it would freeze one.
        CallOptions.uncached());
  }

  private record Refusable<T>(Optional<T> value, ChatResult chat) {}

  private byte[] requestBody(
      String instructions, String prompt, int maxTokens, Map<String, Object> schema) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", settings.model());
    List<Map<String, String>> messages = new ArrayList<>();
    if (instructions != null && !instructions.isBlank()) {
      messages.add(Map.of("role", settings.instructionRole(), "content", instructions));
    }
    messages.add(Map.of("role", "user", "content", prompt));
    body.put("messages", messages);
    body.put(tokenLimitField.get(), maxTokens);
    if (schema != null) {
      body.put(
          "response_format",
          settings.jsonSchema()
              ? Map.of("type", "json_schema", "json_schema", schema)
              : Map.of("type", "json_object"));
    }
    return JsonSupport.write(body);
  }

  private static ApiRequest post(String operation, byte[] body) {
    return ApiRequest.post(
        operation, "/chat/completions", Map.of("Content-Type", "application/json"), body);
  }

  static ChatResult completion(ApiResponse response) throws MalformedResponseException {
    ChatWire.Completion completion = JsonSupport.read(response, ChatWire.Completion.class);
    if (completion.choices() == null
        || completion.choices().isEmpty()
        || completion.choices().getFirst().message() == null) {
      throw new MalformedResponseException("the completion has no choices[0].message");
    }
    ChatWire.Choice choice = completion.choices().getFirst();
    ChatWire.Message message = choice.message();
    Optional<String> refusal =
        Optional.ofNullable(message.refusal()).filter(text -> !text.isBlank());
    if (message.content() == null && refusal.isEmpty()) {
      throw new MalformedResponseException("the completion has neither content nor refusal");
    }
    ChatWire.Usage usage = completion.usage();
    return new ChatResult(
        completion.id() == null ? "" : completion.id(),
        completion.model() == null ? "" : completion.model(),
        message.content() == null ? "" : message.content(),
        refusal,
        choice.finish_reason() == null ? "" : choice.finish_reason(),
        usage == null || usage.prompt_tokens() == null ? 0 : usage.prompt_tokens(),
        usage == null || usage.completion_tokens() == null ? 0 : usage.completion_tokens());
  }

  private static <T> T parse(String content, Class<T> type) throws MalformedResponseException {
    try {
      return JsonSupport.MAPPER.readValue(content, type);
    } catch (IOException e) {
      throw new MalformedResponseException(
          "the model's JSON does not fit " + type.getSimpleName(), e);
    }
  }

  private static void requireSpan(Double start, Double end, String what)
      throws MalformedResponseException {
    if (start == null || end == null || start < 0 || end <= start) {
      throw new MalformedResponseException(
          "a " + what + " needs 0 <= start_s < end_s, got " + start + " to " + end);
    }
  }

  private static void requireText(String text, String what) throws MalformedResponseException {
    if (text == null || text.isBlank()) {
      throw new MalformedResponseException("the " + what + " is empty");
    }
  }

  @Override
  public void close() {
    api.close();
  }
}
