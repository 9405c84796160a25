package io.clipdeck.api.openai;

import java.util.List;
import java.util.Map;

/** JSON schemas for Structured Outputs ({@code strict}: every property required, no extras). */
final class StructuredSchemas {

  private StructuredSchemas() {}

  private static Map<String, Object> object(Map<String, Object> properties) {
    return Map.of(
        "type",
        "object",
        "properties",
        properties,
        "required",
        List.copyOf(new java.util.TreeSet<>(properties.keySet())),
        "additionalProperties",
        false);
  }

  private static Map<String, Object> array(Map<String, Object> items) {
    return Map.of("type", "array", "items", items);
  }

  private static final Map<String, Object> NUMBER = Map.of("type", "number");
  private static final Map<String, Object> STRING = Map.of("type", "string");

  static final Map<String, Object> CAPTIONS =
      Map.of(
          "name",
          "captions",
          "strict",
          true,
          "schema",
          object(
              Map.of(
                  "captions",
                  array(object(Map.of("start_s", NUMBER, "end_s", NUMBER, "text", STRING))))));

  static final Map<String, Object> ANALYSIS =
      Map.of(
          "name",
          "video_analysis",
          "strict",
          true,
          "schema",
          object(
              Map.of(
                  "topics",
                  array(STRING),
                  "hook",
                  STRING,
                  "clips",
                  array(
                      object(
                          Map.of(
                              "start_s", NUMBER, "end_s", NUMBER, "title", STRING, "reason",
                              STRING))))));
}
