package io.clipdeck.api.elevenlabs;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiFailure;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.Responses;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** ElevenLabs' {@code detail} is an object or an array; a 401 is either a bad key or quota. */
class ElevenLabsShapesTest {

  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private final ElevenLabsErrors errors = new ElevenLabsErrors(Duration.ofHours(2));

  private ApiFailure detail(int status, String code) {
    return errors.classify(
        Responses.json(
            status, "{\"detail\":{\"status\":\"" + code + "\",\"message\":\"m\",\"type\":\"t\"}}"),
        NOW);
  }

  @Test
  void a401IsQuotaOrABadKey() {
    assertThat(detail(401, "quota_exceeded").parkUntil()).contains(NOW.plus(Duration.ofHours(2)));
    assertThat(detail(401, "invalid_api_key").kind()).isEqualTo(ApiErrorKind.UNAUTHORIZED);
  }

  @Test
  void otherErrorsClassify() {
    assertThat(detail(400, "voice_not_found").kind()).isEqualTo(ApiErrorKind.NOT_FOUND);
    assertThat(detail(429, "too_many_concurrent_requests").retryable()).isTrue();
    assertThat(detail(429, "system_busy").kind()).isEqualTo(ApiErrorKind.RATE_LIMITED);
    assertThat(detail(400, "max_character_limit_exceeded").retryable()).isFalse();
    ApiFailure validation =
        errors.classify(
            Responses.json(
                422,
                "{\"detail\":[{\"loc\":[\"body\",\"text\"],\"msg\":\"Field required\",\"type\":\"missing\"}]}"),
            NOW);
    assertThat(validation.kind()).isEqualTo(ApiErrorKind.BAD_REQUEST);
    assertThat(validation.reason()).isEqualTo("validation_error");
    assertThat(errors.classify(Responses.json(502, "bad gateway"), NOW).retryable()).isTrue();
  }

  @Test
  void voicesParseWithUnknownFields() throws Exception {
    String body =
        """
        {"voices":[{"voice_id":"pQ7vX2kLm9RtY4wZb8Nc","name":"Harper","category":"premade",
          "labels":{"accent":"american","gender":"female"},"settings":null,
          "verified_languages":[{"language":"en"}],"is_owner":false,"created_at_unix":null}]}
        """;
    VoicesWire wire = JsonSupport.read(Responses.json(200, body), VoicesWire.class);
    assertThat(wire.voices())
        .singleElement()
        .satisfies(v -> assertThat(v.name()).isEqualTo("Harper"));
  }
}
