package io.clipdeck.api.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiException;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.InMemoryQuotaLedger;
import io.clipdeck.api.Provider;
import io.clipdeck.api.SharedCache;
import io.clipdeck.api.SimulatorFixture;
import io.clipdeck.api.Spend;
import io.clipdeck.api.simulator.Fault;
import io.clipdeck.api.simulator.Fault.AnswerShape;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every documented chat completion answer, served by the simulator: the typed result, the usage
 * kept, and the number of requests the server received. A paid answer that arrived is never sent
 * for again, whatever its shape.
 */
class ChatAnswersOnTheSimulatorTest {

  /** The usage the simulator puts on every answer shape (see OpenAiSimulation). */
  private static final Spend SHAPE_USAGE = Spend.tokens(211, 37);

  private final SimulatorFixture fixture = new SimulatorFixture();
  private final OpenAiClient openAi =
      OpenAiClient.create(
          fixture.config(Provider.OPENAI).build(),
          ChatSettings.openAi("sim-chat-1"),
          new InMemoryQuotaLedger(),
          SharedCache.none());

  @AfterEach
  void close() {
    openAi.close();
    fixture.close();
  }

  private long requests() {
    return fixture.simulator.journal().count(Provider.OPENAI);
  }

  private ChatResult chat() {
    return openAi.generateText("Be brief.", "What is a starter?", 50, CallOptions.uncached());
  }

  @Test
  void textIsTypedWithItsUsage() {
    ChatResult result = chat();

    assertThat(result.answer()).isInstanceOf(ChatAnswer.Text.class);
    assertThat(result.text()).startsWith("Simulated answer to: What is a starter?");
    assertThat(result.finishReason()).isEqualTo("stop");
    assertThat(result.usage().inputTokens()).isPositive();
    assertThat(result.usage().outputTokens()).isPositive();
    assertThat(openAi.api().metrics().spend()).isEqualTo(result.usage());
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void toolCallsComeWithTheirArgumentStringAndNoContent() throws Exception {
    fixture.simulator.inject(Provider.OPENAI, Fault.answer(AnswerShape.TOOL_CALLS), 1);

    ChatResult result = chat();

    assertThat(result.answer()).isInstanceOf(ChatAnswer.ToolCalls.class);
    assertThat(result.finishReason()).isEqualTo("tool_calls");
    assertThat(result.text()).isEmpty();
    ToolCall call = result.toolCalls().getFirst();
    assertThat(call.id()).isEqualTo("call_Sim4b7Kq2Vw9");
    assertThat(call.name()).isEqualTo("cut_clip");
    assertThat(call.arguments())
        .isEqualTo("{\"start_s\":12.5,\"end_s\":42,\"title\":\"The starter\"}");
    assertThat(call.parsedArguments().path("end_s").asDouble()).isEqualTo(42.0);
    assertThat(result.usage()).isEqualTo(SHAPE_USAGE);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void theDeprecatedFunctionCallIsATypedToolCall() {
    fixture.simulator.inject(Provider.OPENAI, Fault.answer(AnswerShape.FUNCTION_CALL), 1);

    ChatResult result = chat();

    assertThat(result.toolCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.id()).isEmpty();
              assertThat(call.name()).isEqualTo("cut_clip");
            });
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void aRefusalHasNoContentKeyAndIsTyped() {
    fixture.simulator.inject(Provider.OPENAI, Fault.answer(AnswerShape.REFUSAL), 1);

    ChatResult result = chat();

    assertThat(result.answer())
        .isEqualTo(new ChatAnswer.Refusal("I'm sorry, I can't help with that request."));
    assertThat(result.refusal()).contains("I'm sorry, I can't help with that request.");
    assertThat(result.text()).isEmpty();
    assertThat(result.usage()).isEqualTo(SHAPE_USAGE);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void aCutAnswerIsTruncatedWithWhatCame() {
    fixture.simulator.inject(Provider.OPENAI, Fault.answer(AnswerShape.LENGTH), 1);

    ChatResult result = chat();

    assertThat(result.answer()).isInstanceOf(ChatAnswer.Truncated.class);
    assertThat(result.text()).startsWith("{\"captions\":[");
    assertThat(result.finishReason()).isEqualTo("length");
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void aFilteredAnswerIsTyped() {
    fixture.simulator.inject(Provider.OPENAI, Fault.answer(AnswerShape.CONTENT_FILTER), 1);

    ChatResult result = chat();

    assertThat(result.answer()).isEqualTo(new ChatAnswer.Filtered(""));
    assertThat(result.finishReason()).isEqualTo("content_filter");
    assertThat(requests()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(AnswerShape.class)
  void aStructuredCallFailsOnceForEveryOtherShapeAndKeepsItsUsage(AnswerShape shape) {
    fixture.simulator.inject(Provider.OPENAI, Fault.answer(shape), 1);

    ApiException failure =
        catchThrowableOfType(
            ApiException.class, () -> openAi.analyseVideoMetered("Sourdough", "A loaf"));

    ApiErrorKind expected =
        switch (shape) {
          case REFUSAL, CONTENT_FILTER -> ApiErrorKind.REJECTED;
          case TOOL_CALLS, FUNCTION_CALL, LENGTH, OFF_SCHEMA -> ApiErrorKind.UNEXPECTED_ANSWER;
        };
    assertThat(failure.kind()).isEqualTo(expected);
    assertThat(failure.status()).isEqualTo(200);
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(failure.spent()).isEqualTo(SHAPE_USAGE);
    assertThat(requests()).as("a paid answer is never sent for again").isEqualTo(1);
    assertThat(openAi.api().metrics().spend()).isEqualTo(SHAPE_USAGE);
    assertThat(openAi.api().metrics().errors()).containsEntry(expected, 1L);
    assertThat(openAi.api().metrics().retries()).isZero();
  }

  @Test
  void jsonThatIsNotACompletionIsSentOnce() {
    fixture.simulator.inject(Provider.OPENAI, Fault.wrongShape(), 4);

    ApiException failure = catchThrowableOfType(ApiException.class, this::chat);

    assertThat(failure.kind()).isEqualTo(ApiErrorKind.UNEXPECTED_ANSWER);
    assertThat(failure.reason()).isEqualTo("no choices");
    assertThat(failure.spent().inputTokens()).isEqualTo(211);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void aCutOffBodyOfAPaidCallIsNotSentAgain() {
    fixture.simulator.inject(Provider.OPENAI, Fault.malformedJson(), 4);

    ApiException failure =
        catchThrowableOfType(
            ApiException.class,
            () -> openAi.generateCaptionsMetered("a transcript", "plain", "en"));

    assertThat(failure.kind()).isEqualTo(ApiErrorKind.MALFORMED_RESPONSE);
    assertThat(requests()).isEqualTo(1);
  }

  @Test
  void jsonContentOutsideTheSchemaIsTextForAChatAndSentOnceForCaptions() {
    fixture.simulator.inject(Provider.OPENAI, Fault.answer(AnswerShape.OFF_SCHEMA), 1);
    assertThat(chat().answer()).isEqualTo(new ChatAnswer.Text("{\"answer\":\"simulated\"}"));

    fixture.simulator.inject(Provider.OPENAI, Fault.answer(AnswerShape.OFF_SCHEMA), 4);
    ApiException failure =
        catchThrowableOfType(
            ApiException.class,
            () -> openAi.generateCaptionsMetered("a transcript", "plain", "en"));

    assertThat(failure.kind()).isEqualTo(ApiErrorKind.UNEXPECTED_ANSWER);
    assertThat(failure.reason()).isEqualTo("no captions");
    assertThat(failure.spent()).isEqualTo(SHAPE_USAGE);
    assertThat(requests()).isEqualTo(2);
  }

  @Test
  void aServerErrorOfAPaidCallIsRetriedOnceAtMost() {
    fixture.simulator.inject(Provider.OPENAI, Fault.serverError(), 1);

    Metered<VideoAnalysis> analysis = openAi.analyseVideoMetered("Sourdough", "A loaf");

    assertThat(analysis.value().topics()).contains("baking");
    assertThat(requests()).isEqualTo(2);

    fixture.simulator.inject(Provider.OPENAI, Fault.serverError(), 5);
    ApiException failure =
        catchThrowableOfType(
            ApiException.class, () -> openAi.analyseVideoMetered("Sourdough", "A loaf"));
    assertThat(failure.kind()).isEqualTo(ApiErrorKind.SERVER_ERROR);
    assertThat(requests()).isEqualTo(4);
  }
}
