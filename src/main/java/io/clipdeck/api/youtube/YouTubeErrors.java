package io.clipdeck.api.youtube;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiFailure;
import io.clipdeck.api.ApiResponse;
import io.clipdeck.api.ErrorClassifier;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.RetryAfter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * YouTube's envelope {@code {"error":{"code","message","errors":[{"domain","reason"}]}}},
 * dispatched on {@code errors[0].reason}. The daily quota resets at midnight Pacific Time.
 */
public final class YouTubeErrors implements ErrorClassifier {

  static final ZoneId QUOTA_ZONE = ZoneId.of("America/Los_Angeles");
  private static final Set<String> DAILY_QUOTA = Set.of("quotaExceeded", "dailyLimitExceeded");
  private static final Set<String> SHORT_TERM =
      Set.of("rateLimitExceeded", "userRateLimitExceeded");
  private static final Set<String> BAD_KEY = Set.of("keyInvalid", "keyExpired");

  @Override
  public ApiFailure classify(ApiResponse response, Instant now) {
    int status = response.status();
    JsonNode error = JsonSupport.tree(response).path("error");
    String reason = error.path("errors").path(0).path("reason").asText("");
    String detailReason = error.path("details").path(0).path("reason").asText("");
    if (status == 403 && DAILY_QUOTA.contains(reason)) {
      return ApiFailure.park(status, reason, nextQuotaReset(now));
    }
    if (status == 429 || (status == 403 && SHORT_TERM.contains(reason))) {
      return ApiFailure.retryAfter(
          ApiErrorKind.RATE_LIMITED,
          status,
          reason.isEmpty() ? "rateLimitExceeded" : reason,
          RetryAfter.from(response, now));
    }
    if (status >= 500) {
      return ApiFailure.retryAfter(
          ApiErrorKind.SERVER_ERROR,
          status,
          orStatus(reason, status),
          RetryAfter.from(response, now));
    }
    if (status == 401 || BAD_KEY.contains(reason) || "API_KEY_INVALID".equals(detailReason)) {
      return ApiFailure.fail(
          ApiErrorKind.UNAUTHORIZED,
          status,
          detailReason.isEmpty() ? orStatus(reason, status) : detailReason);
    }
    ApiErrorKind kind =
        switch (status) {
          case 403 -> ApiErrorKind.REJECTED;
          case 404 -> ApiErrorKind.NOT_FOUND;
          default -> ApiErrorKind.BAD_REQUEST;
        };
    return ApiFailure.fail(kind, status, orStatus(reason, status));
  }

  /** The next midnight in Pacific Time after {@code now}. */
  public static Instant nextQuotaReset(Instant now) {
    LocalDate today = now.atZone(QUOTA_ZONE).toLocalDate();
    return today.plusDays(1).atStartOfDay(QUOTA_ZONE).toInstant();
  }

  private static String orStatus(String reason, int status) {
    return reason.isEmpty() ? "HTTP " + status : reason;
  }
}
