package io.clipdeck.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.clipdeck.api.Spend;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * OpenAI-compatible chat ({@code POST /chat/completions} under the base URL): free text, captions
 * for a transcript in a style and language, and an analysis of a video's title and description.
 *
 * <p>Every answer is typed ({@link ChatAnswer}) and its usage kept, whatever its shape. Structured
 * answers are parsed and checked; one that does not fit (a refusal, a tool call, a cut answer, JSON
 * outside the schema) fails the call at once: it was paid, and the same prompt would cost again.
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
        new ApiClient(
            config, new OpenAiErrors(config.defaultPark()), ledger, shared, OpenAiClient::usage),
        settings);
  }

  /** The usage of any completion, read leniently: an answer that is then rejected is paid too. */
  static Spend usage(ApiRequest request, ApiResponse response) {
    JsonNode usage = JsonSupport.tree(response).path("usage");
    long prompt = Math.max(0, usage.path("prompt_tokens").asLong(0));
    long completion = Math.max(0, usage.path("completion_tokens").asLong(0));
    return Spend.tokens(prompt, completion);
  }

  public ApiClient api() {
    return api;
  }

  /**
   * A completion for a prompt, with optional instructions: whatever shape the model answers in
   * (text, a cut or filtered text, a refusal) is returned typed, not thrown.
   */
  public ChatResult generateText(
      String instructions, String prompt, int maxTokens, CallOptions options) {
    return withDialectFallback(
        () ->
            api.call(
                post("chat.text", requestBody(instructions, prompt, maxTokens, null)),
                OpenAiClient::completion,
                // A completion is billed: an answer that arrived is never sent for again.
                options.withPaid(true)));
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
            throw MalformedResponseException.unexpected(
                "no captions", "the model returned no captions");
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
            throw MalformedResponseException.unexpected("no topics", "the analysis has no topics");
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
    return withDialectFallback(() -> structuredCall(operation, body.get(), decoder));
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

  /**
   * One structured call. Every answer but JSON content that fits is final: the call fails at once
   * (never re-sent, since it was paid), its usage on the exception ({@link ApiException#spent()}).
   */
  private <T> Metered<T> structuredCall(String operation, byte[] body, ContentDecoder<T> decoder) {
    return api.call(
        post(operation, body),
        response -> {
          ChatResult chat = completion(response);
          T value =
              switch (chat.answer()) {
                case ChatAnswer.Text text -> decoder.decode(text.content());
                case ChatAnswer.Refusal refusal ->
                    throw MalformedResponseException.refused(
                        "refusal", "The model refused to answer");
                case ChatAnswer.Filtered filtered ->
                    throw MalformedResponseException.refused(
                        "content_filter", "The provider's content filter stopped the answer");
                case ChatAnswer.Truncated truncated ->
                    throw MalformedResponseException.unexpected(
                        "finish_reason length",
                        "The answer was cut at the token limit (finish_reason length)");
                case ChatAnswer.ToolCalls calls ->
                    throw MalformedResponseException.unexpected(
                        "tool_calls",
                        "The model asked to call "
                            + calls.calls().getFirst().name()
                            + " instead of answering in JSON");
              };
          return new Metered<>(value, chat.id(), chat.promptTokens(), chat.completionTokens());
        },
        // The same prompt gives a different answer each time (caching it would freeze one), and
        // each answer is paid.
        CallOptions.paidGeneration());
  }

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

  /**
   * Types a completion body. A body that is JSON but has no {@code choices[0].message}, or a
   * message with no answer in it, is an unexpected answer.
   */
  static ChatResult completion(ApiResponse response) throws MalformedResponseException {
    ChatWire.Completion completion = JsonSupport.read(response, ChatWire.Completion.class);
    if (completion.choices() == null
        || completion.choices().isEmpty()
        || completion.choices().getFirst().message() == null) {
      throw MalformedResponseException.unexpected(
          "no choices", "the completion has no choices[0].message");
    }
    ChatWire.Choice choice = completion.choices().getFirst();
    String finish = choice.finish_reason() == null ? "" : choice.finish_reason();
    ChatWire.Usage usage = completion.usage();
    Spend spend =
        Spend.tokens(
            usage == null || usage.prompt_tokens() == null ? 0 : Math.max(0, usage.prompt_tokens()),
            usage == null || usage.completion_tokens() == null
                ? 0
                : Math.max(0, usage.completion_tokens()));
    return new ChatResult(
        completion.id() == null ? "" : completion.id(),
        completion.model() == null ? "" : completion.model(),
        answer(choice.message(), finish),
        finish,
        spend);
  }

  private static ChatAnswer answer(ChatWire.Message message, String finish)
      throws MalformedResponseException {
    String content = message.content() == null ? "" : message.content();
    if (message.refusal() != null && !message.refusal().isBlank()) {
      return new ChatAnswer.Refusal(message.refusal());
    }
    List<ToolCall> calls = toolCalls(message);
    if (!calls.isEmpty()) {
      return new ChatAnswer.ToolCalls(calls, content);
    }
    return switch (finish) {
      case "length" -> new ChatAnswer.Truncated(content);
      case "content_filter" -> new ChatAnswer.Filtered(content);
      case "tool_calls", "function_call" ->
          throw MalformedResponseException.unexpected(
              "no tool calls", "finish_reason " + finish + " without any call in the message");
      default -> {
        if (message.content() == null) {
          throw MalformedResponseException.unexpected(
              "no content", "the completion has neither content, refusal nor tool calls");
        }
        yield new ChatAnswer.Text(content);
      }
    };
  }

  private static List<ToolCall> toolCalls(ChatWire.Message message)
      throws MalformedResponseException {
    List<ToolCall> calls = new ArrayList<>();
    if (message.tool_calls() != null) {
      for (ChatWire.ToolCallWire call : message.tool_calls()) {
        if (call == null || call.function() == null) {
          throw MalformedResponseException.unexpected(
              "tool call without function", "a tool call has no function");
        }
        calls.add(function(call.id() == null ? "" : call.id(), call.function()));
      }
    }
    if (calls.isEmpty() && message.function_call() != null) {
      calls.add(function("", message.function_call()));
    }
    return calls;
  }

  private static ToolCall function(String id, ChatWire.FunctionWire function)
      throws MalformedResponseException {
    if (function.name() == null || function.name().isBlank()) {
      throw MalformedResponseException.unexpected(
          "tool call without name", "a tool call names no function");
    }
    JsonNode arguments = function.arguments();
    String text =
        arguments == null || arguments.isNull()
            ? "{}"
            : arguments.isTextual() ? arguments.asText() : arguments.toString();
    return new ToolCall(id, function.name(), text);
  }

  private static <T> T parse(String content, Class<T> type) throws MalformedResponseException {
    try {
      T value = JsonSupport.MAPPER.readValue(content, type);
      if (value == null) {
        throw MalformedResponseException.unexpected(
            "empty JSON", "the model's JSON is empty, not " + type.getSimpleName());
      }
      return value;
    } catch (IOException e) {
      throw MalformedResponseException.unexpected(
          "the model's JSON does not fit " + type.getSimpleName(), e);
    }
  }

  private static void requireSpan(Double start, Double end, String what)
      throws MalformedResponseException {
    if (start == null || end == null || start < 0 || end <= start) {
      throw MalformedResponseException.unexpected(
          "bad span", "a " + what + " needs 0 <= start_s < end_s, got " + start + " to " + end);
    }
  }

  private static void requireText(String text, String what) throws MalformedResponseException {
    if (text == null || text.isBlank()) {
      throw MalformedResponseException.unexpected("empty " + what, "the " + what + " is empty");
    }
  }

  @Override
  public void close() {
    api.close();
  }
}
