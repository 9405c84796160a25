package io.clipdeck.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Settings by their dotted names as in {@code settings.json} ({@code dashboard.refresh_interval},
 * {@code providers.openai.base_url}): what {@code clipdeck settings show} lists and {@code settings
 * set} changes. Values are typed the way people write them ("2s", "true", "60"); the result is
 * validated like a file would be.
 */
public final class SettingKeys {

  private static final ObjectMapper MAPPER = PrivateJsonFile.mapper();

  private SettingKeys() {}

  /** Every setting and its value, in file order; durations as "2s", "15m". */
  public static Map<String, String> list(Settings settings) {
    Map<String, String> values = new LinkedHashMap<>();
    flatten("", MAPPER.valueToTree(settings), values);
    values.remove("version");
    return values;
  }

  /**
   * The settings with {@code key} set to {@code text}.
   *
   * @throws IllegalArgumentException naming the key and what to type when it is unknown or the
   *     value is not valid
   */
  public static Settings set(Settings settings, String key, String text) {
    ObjectNode root = MAPPER.valueToTree(settings);
    String[] parts = key.strip().split("\\.");
    JsonNode parent = root;
    for (int i = 0; i < parts.length - 1; i++) {
      parent = parent.path(parts[i]);
    }
    String field = parts[parts.length - 1];
    if (!(parent instanceof ObjectNode object) || !object.has(field) || key.equals("version")) {
      throw new IllegalArgumentException(
          "'" + key + "' is not a setting: 'clipdeck settings show' lists them");
    }
    JsonNode current = object.get(field);
    String value = text == null ? "" : text.strip();
    if (isDuration(key)) {
      object.put(field, Durations.parse(key, value).toString());
    } else if (current.isBoolean()) {
      if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
        throw new IllegalArgumentException(key + " is '" + value + "': type true or false");
      }
      object.put(field, Boolean.parseBoolean(value.toLowerCase(Locale.ROOT)));
    } else if (current.isNumber()) {
      try {
        if (current.isIntegralNumber()) {
          object.put(field, Long.parseLong(value));
        } else {
          object.put(field, Double.parseDouble(value));
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(key + " is '" + value + "': type a number");
      }
    } else {
      object.put(field, value);
    }
    try {
      return MAPPER.treeToValue(root, Settings.class);
    } catch (com.fasterxml.jackson.core.JacksonException | IllegalArgumentException e) {
      throw new IllegalArgumentException(PrivateJsonFile.rootMessage(e), e);
    }
  }

  private static boolean isDuration(String key) {
    return (key.startsWith("dashboard.") && !key.equals("dashboard.pool_saturation"))
        || key.equals("alerts.error_window");
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              entry ->
                  flatten(
                      prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(),
                      entry.getValue(),
                      into));
    } else if (isDuration(prefix)) {
      into.put(prefix, Durations.words(Duration.parse(node.asText())));
    } else {
      into.put(prefix, node.isNull() ? "" : node.asText());
    }
  }
}
