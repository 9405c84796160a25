package io.clipdeck.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiFailure;
import io.clipdeck.api.ApiResponse;
import io.clipdeck.api.ErrorClassifier;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.RetryAfter;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * OpenAI's {@code {"error":{"message","type","param","code"}}} (llama.cpp sends {@code code} as a
 * number), dispatched on status, then {@code code}, then {@code type}. The two 429s differ: {@code
 * rate_limit_exceeded} waits and retries, {@code insufficient_quota} and the billing codes park the
 * provider until a person fixes billing.
 */
public final class OpenAiErrors implements ErrorClassifier {

  private static final Set<String> BILLING =
      Set.of(
          "insufficient_quota",
          "credit_balance_exhausted",
          "organization_spend_limit_exceeded",
          "project_spend_limit_exceeded",
          "organization_usage_limit_exceeded");

  private final Duration park;

  /**
   * @param park how long a billing stop parks the provider (OpenAI says no reset time)
   */
  public OpenAiErrors(Duration park) {
    this.park = park;
  }

  @Override
  public ApiFailure classify(ApiResponse response, Instant now) {
    int status = response.status();
    JsonNode error = JsonSupport.tree(response).path("error");
    String code = error.path("code").isNull() ? "" : error.path("code").asText("");
    String type = error.path("type").asText("");
    String reason = !code.isEmpty() && !code.matches("\\d+") ? code : type;
    if (status == 429 && (BILLING.contains(code) || BILLING.contains(type))) {
      return ApiFailure.park(
          status, reason.isEmpty() ? "insufficient_quota" : reason, now.plus(park));
    }
    ApiFailure byStatus =
        byStatus(response, status, reason.isEmpty() ? "HTTP " + status : reason, now);
    // The official SDKs let the server override the status-based decision.
    Optional<String> shouldRetry = response.header("x-should-retry");
    if (shouldRetry.isPresent() && byStatus.parkUntil().isEmpty()) {
      return byStatus.withRetryable(Boolean.parseBoolean(shouldRetry.get().strip()));
    }
    return byStatus;
  }

  private static ApiFailure byStatus(ApiResponse response, int status, String reason, Instant now) {
    if (status == 429) {
      Optional<Duration> wait = RetryAfter.from(response, now);
      if (wait.isEmpty()) {
        wait = response.header("x-ratelimit-reset-requests").flatMap(RetryAfter::parseGoDuration);
      }
      return ApiFailure.retryAfter(ApiErrorKind.RATE_LIMITED, status, reason, wait);
    }
    if (status >= 500 || status == 408 || status == 409) {
      return ApiFailure.retryAfter(
          status == 408 ? ApiErrorKind.TIMEOUT : ApiErrorKind.SERVER_ERROR,
          status,
          reason,
          RetryAfter.from(response, now));
    }
    ApiErrorKind kind =
        switch (status) {
          case 401 -> ApiErrorKind.UNAUTHORIZED;
          case 403 -> ApiErrorKind.REJECTED;
          case 404 -> ApiErrorKind.NOT_FOUND;
          default -> ApiErrorKind.BAD_REQUEST;
        };
    return ApiFailure.fail(kind, status, reason);
  }
}
