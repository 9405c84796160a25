package io.clipdeck.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One request as a provider client means it, before authentication. The key is added by the
 * transport at send time, so nothing built from a request (cache key, log line, toString) can hold
 * it.
 *
 * @param path relative to the provider's base URL, e.g. {@code /videos}
 * @param query parameters, sorted so equal requests have equal cache keys
 * @param body the request body, empty for GET
 */
public record ApiRequest(
    String method,
    String path,
    SortedMap<String, String> query,
    Map<String, String> headers,
    byte[] body,
    String operation) {

  public ApiRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    query = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(query));
    headers = Map.copyOf(headers);
    body = body.clone();
    Objects.requireNonNull(operation, "operation");
  }

  public static ApiRequest get(String operation, String path, Map<String, String> query) {
    return new ApiRequest("GET", path, new TreeMap<>(query), Map.of(), new byte[0], operation);
  }

  public static ApiRequest post(
      String operation, String path, Map<String, String> headers, byte[] body) {
    return new ApiRequest("POST", path, new TreeMap<>(), headers, body, operation);
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  /** Path and encoded query, without any credential. */
  public String pathAndQuery() {
    if (query.isEmpty()) {
      return path;
    }
    return path
        + "?"
        + query.entrySet().stream()
            .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
            .collect(Collectors.joining("&"));
  }

  /**
   * Provider, method, path, sorted query and a digest of the body: equal requests share an entry,
   * and no credential can be part of it because requests never carry one.
   */
  public String cacheKey(Provider provider) {
    String bodyPart = body.length == 0 ? "" : " #" + sha256(body);
    return provider.id() + " " + method + " " + pathAndQuery() + bodyPart;
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiRequest that
        && method.equals(that.method)
        && path.equals(that.path)
        && query.equals(that.query)
        && headers.equals(that.headers)
        && java.util.Arrays.equals(body, that.body)
        && operation.equals(that.operation);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, query, headers, java.util.Arrays.hashCode(body), operation);
  }

  @Override
  public String toString() {
    return operation + " " + method + " " + pathAndQuery() + " (" + body.length + " bytes)";
  }
}
