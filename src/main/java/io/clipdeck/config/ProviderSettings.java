package io.clipdeck.config;

import java.net.URI;
import java.util.Locale;

/**
 * One external provider as the user configured it. The key is not here: {@code keyRef} names where
 * it is kept in the secret store (e.g. {@code api/openai/key}), and is what the shared quota is
 * counted under. A value missing from the file takes the provider's default.
 *
 * @param baseUrl where its API lives: the public one, or an OpenAI-compatible local server
 * @param model the model asked for, where the provider has a choice (chat, speech); may be empty
 * @param requestsPerMinute client-side limit shared by every console and worker on the key; 0 for
 *     none
 * @param requestsPerHour likewise, per hour; 0 for none
 * @param unitsPerDay YouTube only: quota units per Pacific day (10,000 by default); 0 for none
 * @param searchesPerDay YouTube only: {@code search.list} calls per Pacific day, their own bucket
 * @param maxConnections requests the client has open to the provider at once (1 to 1,000); each
 *     holds a connection over HTTP/1.1
 */
public record ProviderSettings(
    Boolean enabled,
    String baseUrl,
    String model,
    Long requestsPerMinute,
    Long requestsPerHour,
    Long unitsPerDay,
    Long searchesPerDay,
    String keyRef,
    Long maxConnections) {

  /** Requests open at once per provider unless set: above what the runner sends to one. */
  public static final long DEFAULT_MAX_CONNECTIONS = 16;

  public ProviderSettings {
    enabled = enabled == null || enabled;
    model = model == null ? "" : model.strip();
    requestsPerMinute = requestsPerMinute == null ? 0 : requestsPerMinute;
    requestsPerHour = requestsPerHour == null ? 0 : requestsPerHour;
    unitsPerDay = unitsPerDay == null ? 0 : unitsPerDay;
    searchesPerDay = searchesPerDay == null ? 0 : searchesPerDay;
    maxConnections = maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections;
  }

  /** The same settings with the defaults of provider {@code id} wherever a value is missing. */
  ProviderSettings completedFrom(ProviderSettings defaults) {
    return new ProviderSettings(
        enabled,
        baseUrl == null || baseUrl.isBlank() ? defaults.baseUrl : baseUrl.strip(),
        model.isEmpty() ? defaults.model : model,
        requestsPerMinute,
        requestsPerHour,
        unitsPerDay,
        searchesPerDay,
        keyRef == null || keyRef.isBlank() ? defaults.keyRef : keyRef,
        maxConnections);
  }

  /** Checks every value; the message names the setting and what to type instead. */
  void validate(String id) {
    String at = "providers." + id + ".";
    URI uri;
    try {
      uri = URI.create(baseUrl);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          at
              + "base_url '"
              + baseUrl
              + "' is not a URL: type one such as https://api.openai.com/v1");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          at
              + "base_url '"
              + baseUrl
              + "' needs http:// or https:// and a host, e.g. http://127.0.0.1:11434/v1 for Ollama");
    }
    if (uri.getUserInfo() != null || uri.getQuery() != null) {
      // A key in the URL would be saved in settings.json; it belongs in the secret store.
      throw new IllegalArgumentException(
          at
              + "base_url must not carry a user, password or query: set the key with"
              + " 'clipdeck providers set-key "
              + id
              + "' instead");
    }
    nonNegative(at + "requests_per_minute", requestsPerMinute);
    nonNegative(at + "requests_per_hour", requestsPerHour);
    nonNegative(at + "units_per_day", unitsPerDay);
    nonNegative(at + "searches_per_day", searchesPerDay);
    if (maxConnections < 1 || maxConnections > 1_000) {
      throw new IllegalArgumentException(
          at + "max_connections is " + maxConnections + ": use 1 to 1000, e.g. 16");
    }
    if (keyRef.length() > 200
        || !keyRef.strip().equals(keyRef)
        || keyRef.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          at
              + "key_ref must be 1 to 200 characters without blanks at its ends, e.g. api/"
              + id
              + "/key");
    }
  }

  private static void nonNegative(String name, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(name + " is " + value + ": use 0 (no limit) or more");
    }
  }

  public ProviderSettings withEnabled(boolean value) {
    return new ProviderSettings(
        value,
        baseUrl,
        model,
        requestsPerMinute,
        requestsPerHour,
        unitsPerDay,
        searchesPerDay,
        keyRef,
        maxConnections);
  }

  public ProviderSettings withBaseUrl(String value) {
    return new ProviderSettings(
        enabled,
        value,
        model,
        requestsPerMinute,
        requestsPerHour,
        unitsPerDay,
        searchesPerDay,
        keyRef,
        maxConnections);
  }

  public ProviderSettings withModel(String value) {
    return new ProviderSettings(
        enabled,
        baseUrl,
        value,
        requestsPerMinute,
        requestsPerHour,
        unitsPerDay,
        searchesPerDay,
        keyRef,
        maxConnections);
  }

  /** Requests per minute and per hour; 0 for no limit. */
  public ProviderSettings withLimits(long perMinute, long perHour) {
    return new ProviderSettings(
        enabled,
        baseUrl,
        model,
        perMinute,
        perHour,
        unitsPerDay,
        searchesPerDay,
        keyRef,
        maxConnections);
  }

  /** YouTube's daily budgets: quota units and searches per Pacific day; 0 for no limit. */
  public ProviderSettings withDailyQuota(long units, long searches) {
    return new ProviderSettings(
        enabled,
        baseUrl,
        model,
        requestsPerMinute,
        requestsPerHour,
        units,
        searches,
        keyRef,
        maxConnections);
  }

  public ProviderSettings withKeyRef(String value) {
    return new ProviderSettings(
        enabled,
        baseUrl,
        model,
        requestsPerMinute,
        requestsPerHour,
        unitsPerDay,
        searchesPerDay,
        value,
        maxConnections);
  }

  /** Requests the client has open at once, 1 to 1,000. */
  public ProviderSettings withMaxConnections(long value) {
    return new ProviderSettings(
        enabled,
        baseUrl,
        model,
        requestsPerMinute,
        requestsPerHour,
        unitsPerDay,
        searchesPerDay,
        keyRef,
        value);
  }
}
