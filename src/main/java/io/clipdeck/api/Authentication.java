package io.clipdeck.api;

import java.net.http.HttpRequest;

/** How each provider wants its key: YouTube in the query, OpenAI and Stability as a bearer. */
public enum Authentication {
  /** {@code ?key=...} (YouTube Data API). */
  QUERY_KEY,
  /** {@code Authorization: Bearer ...} (OpenAI and compatible servers, Stability AI). */
  BEARER,
  /** {@code xi-api-key: ...} (ElevenLabs). */
  XI_API_KEY;

  /** The query suffix to append, empty unless the key goes in the query. */
  String querySuffix(String key, boolean queryAlreadyStarted) {
    if (this != QUERY_KEY) {
      return "";
    }
    return (queryAlreadyStarted ? "&" : "?") + "key=" + ApiRequest.encode(key);
  }

  void applyHeader(HttpRequest.Builder builder, String key) {
    switch (this) {
      case BEARER -> builder.header("Authorization", "Bearer " + key);
      case XI_API_KEY -> builder.header("xi-api-key", key);
      case QUERY_KEY -> {
        // Carried in the URL instead, see querySuffix.
      }
    }
  }
}
