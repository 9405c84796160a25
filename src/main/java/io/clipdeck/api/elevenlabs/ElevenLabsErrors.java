package io.clipdeck.api.elevenlabs;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiFailure;
import io.clipdeck.api.ApiResponse;
import io.clipdeck.api.ErrorClassifier;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.RetryAfter;
import java.time.Duration;
import java.time.Instant;

/**
 * ElevenLabs' {@code {"detail":{"status","message"}}} or, on 422, {@code {"detail":[...]}};
 * dispatched on {@code detail.status}. Quota exhaustion is a 401 {@code quota_exceeded}, not a 429:
 * it parks the provider; every other 401 is a bad key.
 */
public final class ElevenLabsErrors implements ErrorClassifier {

  private final Duration park;

  public ElevenLabsErrors(Duration park) {
    this.park = park;
  }

  @Override
  public ApiFailure classify(ApiResponse response, Instant now) {
    int status = response.status();
    JsonNode detail = JsonSupport.tree(response).path("detail");
    String code =
        detail.isArray()
            ? "validation_error"
            : detail.path("status").asText(detail.path("code").asText(""));
    String reason = code.isEmpty() ? "HTTP " + status : code;
    if ("quota_exceeded".equals(code) || status == 402) {
      return ApiFailure.park(status, reason, now.plus(park));
    }
    if (status == 429) {
      return ApiFailure.retryAfter(
          ApiErrorKind.RATE_LIMITED, status, reason, RetryAfter.from(response, now));
    }
    if (status >= 500) {
      return ApiFailure.retry(ApiErrorKind.SERVER_ERROR, status, reason);
    }
    ApiErrorKind kind =
        switch (code) {
          case "voice_not_found", "model_not_found" -> ApiErrorKind.NOT_FOUND;
          default ->
              switch (status) {
                case 401 -> ApiErrorKind.UNAUTHORIZED;
                case 403 -> ApiErrorKind.REJECTED;
                case 404 -> ApiErrorKind.NOT_FOUND;
                default -> ApiErrorKind.BAD_REQUEST;
              };
        };
    return ApiFailure.fail(kind, status, reason);
  }
}
