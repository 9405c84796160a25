package io.clipdeck.api;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builds provider answers from the documented example bodies. */
public final class Responses {

  private Responses() {}

  public static ApiResponse json(int status, String body, String... headerPairs) {
    Map<String, List<String>> headers =
        java.util.stream.IntStream.range(0, headerPairs.length / 2)
            .boxed()
            .collect(
                Collectors.toMap(i -> headerPairs[2 * i], i -> List.of(headerPairs[2 * i + 1])));
    headers = new java.util.HashMap<>(headers);
    headers.putIfAbsent("content-type", List.of("application/json"));
    return new ApiResponse(status, headers, body.getBytes(StandardCharsets.UTF_8));
  }
}
