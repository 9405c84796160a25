package io.clipdeck.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The user's settings, as kept in {@code settings.json}: immutable, validated on construction with
 * messages naming the setting and what to type instead. A value missing from the file takes its
 * default, so a file written by an older Clipdeck still loads. No secret is ever part of it: API
 * keys are named by their vault reference only.
 *
 * @param version the file format; a newer one than this Clipdeck knows is refused, not overwritten
 * @param redisUrl {@code redis://[user@]host:port/db} or {@code rediss://} (TLS) for the shared
 *     caches (query results and API answers), or empty for in-process caches only; the password is
 *     kept in the secret store ({@link RedisEndpoint#PASSWORD_REF}), never here
 * @param providers per provider id ({@code youtube}, {@code openai}, {@code stability}, {@code
 *     elevenlabs})
 * @param demoProviders use the loopback simulator instead of the real providers (no keys needed)
 * @param prices per model name (as in {@code providers.*.model}): what the console estimates the
 *     answers cost with
 * @param alerts the thresholds of the provider and query-error alerts
 */
public record Settings(
    Integer version,
    DashboardSettings dashboard,
    String redisUrl,
    Map<String, ProviderSettings> providers,
    Boolean demoProviders,
    DataPaths paths,
    Map<String, ModelPrice> prices,
    AlertSettings alerts) {

  public static final int CURRENT_VERSION = 1;

  /** The providers Clipdeck knows, with what a new console starts with. */
  static final Map<String, ProviderSettings> DEFAULT_PROVIDERS = defaultProviders();

  public static final Settings DEFAULTS =
      new Settings(
          CURRENT_VERSION,
          DashboardSettings.DEFAULTS,
          "",
          DEFAULT_PROVIDERS,
          false,
          DataPaths.DEFAULTS,
          defaultPrices(),
          AlertSettings.DEFAULTS);

  public Settings {
    version = version == null ? CURRENT_VERSION : version;
    if (version < 1 || version > CURRENT_VERSION) {
      throw new IllegalArgumentException(
          "version is "
              + version
              + ": this Clipdeck reads settings version 1 to "
              + CURRENT_VERSION
              + " (a newer Clipdeck wrote this file; update Clipdeck or move the file away)");
    }
    dashboard = dashboard == null ? DashboardSettings.DEFAULTS : dashboard;
    redisUrl = checkedRedisUrl(redisUrl);
    providers = completed(providers);
    demoProviders = demoProviders != null && demoProviders;
    paths = paths == null ? DataPaths.DEFAULTS : paths;
    prices = checkedPrices(prices);
    alerts = alerts == null ? AlertSettings.DEFAULTS : alerts;
  }

  /** The price of {@code model}; free when none is set. */
  public ModelPrice price(String model) {
    return prices.getOrDefault(model, ModelPrice.FREE);
  }

  /** The provider ids Clipdeck knows, in the order they are shown. */
  public static java.util.Set<String> providerIds() {
    return DEFAULT_PROVIDERS.keySet();
  }

  /** The Redis URL, when one is configured. */
  public Optional<URI> redis() {
    return redisUrl.isEmpty() ? Optional.empty() : Optional.of(URI.create(redisUrl));
  }

  /** One provider's settings; {@code id} is one of {@link #providerIds()}. */
  public ProviderSettings provider(String id) {
    ProviderSettings found = providers.get(id);
    if (found == null) {
      throw new IllegalArgumentException(unknownProvider(id));
    }
    return found;
  }

  public Settings withDashboard(DashboardSettings value) {
    return new Settings(version, value, redisUrl, providers, demoProviders, paths, prices, alerts);
  }

  public Settings withRedisUrl(String value) {
    return new Settings(version, dashboard, value, providers, demoProviders, paths, prices, alerts);
  }

  public Settings withProvider(String id, ProviderSettings value) {
    provider(id);
    Map<String, ProviderSettings> changed = new LinkedHashMap<>(providers);
    changed.put(id, value);
    return new Settings(
        version, dashboard, redisUrl, changed, demoProviders, paths, prices, alerts);
  }

  public Settings withDemoProviders(boolean value) {
    return new Settings(version, dashboard, redisUrl, providers, value, paths, prices, alerts);
  }

  public Settings withPaths(DataPaths value) {
    return new Settings(
        version, dashboard, redisUrl, providers, demoProviders, value, prices, alerts);
  }

  /** The same settings with {@code model} priced at {@code value}. */
  public Settings withPrice(String model, ModelPrice value) {
    Map<String, ModelPrice> changed = new LinkedHashMap<>(prices);
    changed.put(model, value);
    return new Settings(
        version, dashboard, redisUrl, providers, demoProviders, paths, changed, alerts);
  }

  public Settings withAlerts(AlertSettings value) {
    return new Settings(
        version, dashboard, redisUrl, providers, demoProviders, paths, prices, value);
  }

  private static Map<String, ModelPrice> checkedPrices(Map<String, ModelPrice> given) {
    if (given == null) {
      return defaultPrices();
    }
    Map<String, ModelPrice> result = new LinkedHashMap<>();
    given.forEach(
        (model, price) -> {
          if (model == null || model.isBlank()) {
            throw new IllegalArgumentException(
                "prices has an entry without a model name: name it as in providers.*.model");
          }
          ModelPrice checked = price == null ? ModelPrice.FREE : price;
          checked.validate(model);
          result.put(model.strip(), checked);
        });
    return java.util.Collections.unmodifiableMap(result);
  }

  /**
   * The default models' list prices in US dollars when this Clipdeck was written; the user edits
   * them in Settings when the providers change theirs.
   */
  private static Map<String, ModelPrice> defaultPrices() {
    Map<String, ModelPrice> map = new LinkedHashMap<>();
    map.put("gpt-4o-mini", new ModelPrice(0.15, 0.60, 0.0, 0.0));
    map.put("core", new ModelPrice(0.0, 0.0, 0.0, 0.03));
    map.put("eleven_multilingual_v2", new ModelPrice(0.0, 0.0, 0.30, 0.0));
    return java.util.Collections.unmodifiableMap(map);
  }

  static String unknownProvider(String id) {
    return "providers."
        + id
        + " is not a provider Clipdeck knows: use one of "
        + String.join(", ", DEFAULT_PROVIDERS.keySet());
  }

  private static Map<String, ProviderSettings> completed(Map<String, ProviderSettings> given) {
    Map<String, ProviderSettings> source = given == null ? Map.of() : given;
    for (String id : source.keySet()) {
      if (!DEFAULT_PROVIDERS.containsKey(id)) {
        throw new IllegalArgumentException(unknownProvider(id));
      }
    }
    Map<String, ProviderSettings> result = new LinkedHashMap<>();
    DEFAULT_PROVIDERS.forEach(
        (id, defaults) -> {
          ProviderSettings entry =
              Optional.ofNullable(source.get(id))
                  .map(set -> set.completedFrom(defaults))
                  .orElse(defaults);
          entry.validate(id);
          result.put(id, entry);
        });
    return java.util.Collections.unmodifiableMap(result);
  }

  private static String checkedRedisUrl(String value) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      return "";
    }
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "redis_url '" + text + "' is not a URL: type one such as redis://127.0.0.1:6379/0");
    }
    String scheme = Objects.requireNonNullElse(uri.getScheme(), "").toLowerCase(Locale.ROOT);
    if (!(scheme.equals("redis") || scheme.equals("rediss")) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "redis_url '"
              + (uri.getRawUserInfo() == null ? text : "(a URL with a user)")
              + "' needs the form redis://host:port/db, e.g. redis://127.0.0.1:6379/0,"
              + " or rediss:// for TLS, or leave it empty for no shared cache");
    }
    // settings.json holds no secrets: a password is refused here and kept in the secret store.
    RedisEndpoint.of(uri);
    return text;
  }

  private static Map<String, ProviderSettings> defaultProviders() {
    Map<String, ProviderSettings> map = new LinkedHashMap<>();
    map.put(
        "youtube",
        new ProviderSettings(
            true,
            "https://www.googleapis.com/youtube/v3",
            "",
            600L,
            0L,
            10_000L,
            100L,
            "api/youtube/key",
            ProviderSettings.DEFAULT_MAX_CONNECTIONS));
    map.put(
        "openai",
        new ProviderSettings(
            true,
            "https://api.openai.com/v1",
            "gpt-4o-mini",
            60L,
            1_000L,
            0L,
            0L,
            "api/openai/key",
            ProviderSettings.DEFAULT_MAX_CONNECTIONS));
    map.put(
        "stability",
        new ProviderSettings(
            true,
            "https://api.stability.ai",
            "core",
            60L,
            0L,
            0L,
            0L,
            "api/stability/key",
            ProviderSettings.DEFAULT_MAX_CONNECTIONS));
    map.put(
        "elevenlabs",
        new ProviderSettings(
            true,
            "https://api.elevenlabs.io",
            "eleven_multilingual_v2",
            60L,
            0L,
            0L,
            0L,
            "api/elevenlabs/key",
            ProviderSettings.DEFAULT_MAX_CONNECTIONS));
    return java.util.Collections.unmodifiableMap(map);
  }
}
