package io.clipdeck.api.stability;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiFailure;
import io.clipdeck.api.Responses;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Stability's v2beta and v1 error bodies classify on {@code name}. */
class StabilityShapesTest {

  private static final Instant NOW = Instant.parse("2026-03-02T12:00:00Z");
  private final StabilityErrors errors = new StabilityErrors(Duration.ofHours(1));

  @Test
  void aRateLimitWaitsAtLeastTheLockout() {
    ApiFailure failure =
        errors.classify(
            Responses.json(
                429,
                "{\"id\":\"rate_limit_exceeded\",\"name\":\"rate_limit_exceeded\",\"errors\":[\"timed out for 60 seconds\"]}",
                "retry-after",
                "5"),
            NOW);
    assertThat(failure.kind()).isEqualTo(ApiErrorKind.RATE_LIMITED);
    assertThat(failure.retryAfter()).contains(Duration.ofSeconds(60));
  }

  @Test
  void errorsClassifyByName() {
    assertThat(
            errors
                .classify(
                    Responses.json(
                        403,
                        "{\"id\":\"e\",\"name\":\"content_moderation\",\"errors\":[\"flagged\"]}"),
                    NOW)
                .kind())
        .isEqualTo(ApiErrorKind.REJECTED);
    assertThat(
            errors
                .classify(
                    Responses.json(
                        400,
                        "{\"id\":\"e\",\"name\":\"bad_request\",\"errors\":[\"aspect_ratio: bad\"]}"),
                    NOW)
                .kind())
        .isEqualTo(ApiErrorKind.BAD_REQUEST);
    ApiFailure v1 =
        errors.classify(
            Responses.json(
                401, "{\"id\":\"e\",\"name\":\"unauthorized\",\"message\":\"missing key\"}"),
            NOW);
    assertThat(v1.kind()).isEqualTo(ApiErrorKind.UNAUTHORIZED);
    assertThat(v1.reason()).isEqualTo("unauthorized");
    assertThat(errors.classify(Responses.json(402, "{}"), NOW).parkUntil()).isPresent();
    ApiFailure internal =
        errors.classify(
            Responses.json(500, "{\"id\":\"e\",\"name\":\"internal_error\",\"errors\":[\"x\"]}"),
            NOW);
    assertThat(internal.retryable()).isTrue();
  }
}
