package io.clipdeck.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A provider's answer, read fully and bounded in size.
 *
 * @param headers names in lower case
 */
public record ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {

  public ApiResponse {
    TreeMap<String, List<String>> lower = new TreeMap<>();
    headers.forEach((name, values) -> lower.put(name.toLowerCase(java.util.Locale.ROOT), values));
    headers = Map.copyOf(lower);
    body = body.clone();
  }

  @Override
  public byte[] body() {
    return body.clone();
  }

  public int size() {
    return body.length;
  }

  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  public String contentType() {
    return header("content-type").orElse("");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ApiResponse that
        && status == that.status
        && headers.equals(that.headers)
        && java.util.Arrays.equals(body, that.body);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * status + headers.hashCode()) + java.util.Arrays.hashCode(body);
  }

  @Override
  public String toString() {
    return "HTTP " + status + " " + contentType() + " (" + body.length + " bytes)";
  }
}
