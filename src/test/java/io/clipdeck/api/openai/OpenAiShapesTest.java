package io.clipdeck.api.openai;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiFailure;
import io.clipdeck.api.Responses;
import io.clipdeck.api.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Chat Completions and its error objects, from OpenAI and from local compatible servers. */
class OpenAiShapesTest {

  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private final OpenAiErrors errors = new OpenAiErrors(Duration.ofHours(1));

  @Test
  void aCompletionParsesWithUnknownFields() throws Exception {
    String body =
        """
        {"id":"chatcmpl-C7xq","object":"chat.completion","created":1763822400,
         "model":"gpt-4.1-mini-2025-04-14",
         "choices":[{"index":0,"message":{"role":"assistant","content":"{\\"clips\\":[]}",
           "refusal":null,"annotations":[]},"logprobs":null,"finish_reason":"stop"}],
         "usage":{"prompt_tokens":142,"completion_tokens":48,"total_tokens":190,
           "completion_tokens_details":{"reasoning_tokens":0,"new_counter":3}},
         "service_tier":"default","system_fingerprint":"fp_5e2a91c7d3","timings":{"x":1}}
        """;

    ChatResult result = OpenAiClient.completion(Responses.json(200, body));

    assertThat(result.text()).isEqualTo("{\"clips\":[]}");
    assertThat(result.refusal()).isEmpty();
    assertThat(result.finishReason()).isEqualTo("stop");
    assertThat(result.promptTokens()).isEqualTo(142);
    assertThat(result.model()).isEqualTo("gpt-4.1-mini-2025-04-14");
  }

  @Test
  void aRefusalHasNoContent() throws Exception {
    String body =
        "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":null,\"refusal\":\"I can't help with that.\"},\"finish_reason\":\"stop\"}]}";
    assertThat(OpenAiClient.completion(Responses.json(200, body)).refusal())
        .contains("I can't help with that.");
  }

  @Test
  void aRefusalWithNoContentKeyIsTyped() throws Exception {
    String body =
        "{\"id\":\"c\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"refusal\":\"No.\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}";
    ChatResult result = OpenAiClient.completion(Responses.json(200, body));
    assertThat(result.answer()).isEqualTo(new ChatAnswer.Refusal("No."));
    assertThat(result.usage()).isEqualTo(io.clipdeck.api.Spend.tokens(9, 2));
  }

  @Test
  void toolCallsKeepTheirArgumentStringAsSent() throws Exception {
    String body =
        """
        {"id":"chatcmpl-T1","object":"chat.completion","model":"gpt-4.1-mini",
         "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
           "tool_calls":[{"id":"call_a1","type":"function","function":{"name":"cut_clip",
             "arguments":"{\\"start_s\\":1,\\"end_s\\":2}"}},
            {"id":"call_b2","type":"function","function":{"name":"tag","arguments":"{}"}}]},
           "finish_reason":"tool_calls"}],
         "usage":{"prompt_tokens":80,"completion_tokens":20,"total_tokens":100}}
        """;
    ChatResult result = OpenAiClient.completion(Responses.json(200, body));
    assertThat(result.toolCalls())
        .containsExactly(
            new ToolCall("call_a1", "cut_clip", "{\"start_s\":1,\"end_s\":2}"),
            new ToolCall("call_b2", "tag", "{}"));
    assertThat(result.text()).isEmpty();
    assertThat(result.promptTokens()).isEqualTo(80);
  }

  @Test
  void aLocalServerSendingArgumentsAsAnObjectIsRead() throws Exception {
    String body =
        "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"\",\"tool_calls\":"
            + "[{\"id\":\"0\",\"type\":\"function\",\"function\":{\"name\":\"f\","
            + "\"arguments\":{\"a\":1}}}]},\"finish_reason\":\"tool_calls\"}]}";
    ToolCall call = OpenAiClient.completion(Responses.json(200, body)).toolCalls().getFirst();
    assertThat(call.parsedArguments().path("a").asInt()).isEqualTo(1);
  }

  @Test
  void invalidToolArgumentsAreAnUnexpectedAnswerWhenParsed() {
    ToolCall call = new ToolCall("call_x", "f", "{\"a\":");
    assertThat(
            org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.clipdeck.api.MalformedResponseException.class, call::parsedArguments)
                .kind())
        .isEqualTo(ApiErrorKind.UNEXPECTED_ANSWER);
  }

  @Test
  void finishReasonsAreTyped() throws Exception {
    assertThat(answerOf("\"content\":\"{\\\"a\\\":\"", "length"))
        .isEqualTo(new ChatAnswer.Truncated("{\"a\":"));
    assertThat(answerOf("\"content\":null", "content_filter"))
        .isEqualTo(new ChatAnswer.Filtered(""));
    assertThat(answerOf("\"content\":\"hi\"", "stop")).isEqualTo(new ChatAnswer.Text("hi"));
  }

  @Test
  void shapesWithNoAnswerAreUnexpected() {
    for (String body :
        java.util.List.of(
            "{\"choices\":[]}",
            "{\"choices\":[{\"message\":{\"role\":\"assistant\"},\"finish_reason\":\"stop\"}]}",
            "{\"choices\":[{\"message\":{\"content\":null},\"finish_reason\":\"tool_calls\"}]}",
            "{\"choices\":\"none\"}")) {
      io.clipdeck.api.MalformedResponseException thrown =
          org.assertj.core.api.Assertions.catchThrowableOfType(
              io.clipdeck.api.MalformedResponseException.class,
              () -> OpenAiClient.completion(Responses.json(200, body)));
      assertThat(thrown).as(body).isNotNull();
      assertThat(thrown.kind()).as(body).isEqualTo(ApiErrorKind.UNEXPECTED_ANSWER);
    }
    io.clipdeck.api.MalformedResponseException cut =
        org.assertj.core.api.Assertions.catchThrowableOfType(
            io.clipdeck.api.MalformedResponseException.class,
            () -> OpenAiClient.completion(Responses.json(200, "{\"choices\":[{\"mess")));
    assertThat(cut.kind()).isEqualTo(ApiErrorKind.MALFORMED_RESPONSE);
  }

  private static ChatAnswer answerOf(String messageFields, String finish) throws Exception {
    String body =
        "{\"choices\":[{\"message\":{\"role\":\"assistant\","
            + messageFields
            + "},\"finish_reason\":\""
            + finish
            + "\"}]}";
    return OpenAiClient.completion(Responses.json(200, body)).answer();
  }

  private static String error(String type, String code) {
    return "{\"error\":{\"message\":\"m\",\"type\":\""
        + type
        + "\",\"param\":null,\"code\":"
        + (code == null ? "null" : "\"" + code + "\"")
        + "}}";
  }

  @Test
  void theTwo429sDiffer() {
    ApiFailure limited =
        errors.classify(
            Responses.json(429, error("tokens", "rate_limit_exceeded"), "retry-after-ms", "515"),
            NOW);
    assertThat(limited.kind()).isEqualTo(ApiErrorKind.RATE_LIMITED);
    assertThat(limited.retryAfter()).contains(Duration.ofMillis(515));

    ApiFailure quota =
        errors.classify(
            Responses.json(429, error("insufficient_quota", "insufficient_quota")), NOW);
    assertThat(quota.parkUntil()).contains(NOW.plus(Duration.ofHours(1)));
    assertThat(quota.retryable()).isFalse();

    ApiFailure billing =
        errors.classify(
            Responses.json(429, error("insufficient_quota", "project_spend_limit_exceeded")), NOW);
    assertThat(billing.parkUntil()).isPresent();
  }

  @Test
  void resetHeadersAreGoDurations() {
    ApiFailure limited =
        errors.classify(
            Responses.json(
                429,
                error("requests", "rate_limit_exceeded"),
                "x-ratelimit-reset-requests",
                "6m0s"),
            NOW);
    assertThat(limited.retryAfter()).contains(Duration.ofMinutes(6));
    assertThat(RetryAfter.parseGoDuration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
    assertThat(RetryAfter.parseGoDuration("12ms")).contains(Duration.ofMillis(12));
    assertThat(RetryAfter.parseGoDuration("soon")).isEmpty();
  }

  @Test
  void otherStatusesClassify() {
    assertThat(
            errors
                .classify(
                    Responses.json(401, error("invalid_request_error", "invalid_api_key")), NOW)
                .kind())
        .isEqualTo(ApiErrorKind.UNAUTHORIZED);
    assertThat(
            errors
                .classify(
                    Responses.json(404, error("invalid_request_error", "model_not_found")), NOW)
                .kind())
        .isEqualTo(ApiErrorKind.NOT_FOUND);
    assertThat(
            errors
                .classify(
                    Responses.json(400, error("invalid_request_error", "unsupported_parameter")),
                    NOW)
                .retryable())
        .isFalse();
    ApiFailure server = errors.classify(Responses.json(500, error("server_error", null)), NOW);
    assertThat(server.retryable()).isTrue();
    assertThat(server.reason()).isEqualTo("server_error");
    assertThat(
            errors
                .classify(
                    Responses.json(503, error("service_unavailable_error", "server_is_overloaded")),
                    NOW)
                .retryable())
        .isTrue();
  }

  @Test
  void llamaCppSendsANumericCode() {
    ApiFailure loading =
        errors.classify(
            Responses.json(
                503,
                "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}"),
            NOW);
    assertThat(loading.reason()).isEqualTo("unavailable_error");
    assertThat(loading.retryable()).isTrue();
  }

  @Test
  void xShouldRetryOverridesTheStatus() {
    ApiFailure failure =
        errors.classify(
            Responses.json(500, error("server_error", null), "x-should-retry", "false"), NOW);
    assertThat(failure.retryable()).isFalse();
  }
}
