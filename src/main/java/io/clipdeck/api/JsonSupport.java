package io.clipdeck.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;

/** One Jackson mapper for every provider: unknown fields ignored, since all four add fields. */
public final class JsonSupport {

  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private JsonSupport() {}

  /**
   * Reads a success body as {@code type}: a body that is not JSON (or is cut off) is unreadable,
   * JSON that does not fit {@code type} is an unexpected answer.
   */
  public static <T> T read(ApiResponse response, Class<T> type) throws MalformedResponseException {
    if (response.size() == 0) {
      throw MalformedResponseException.unreadable("the body is empty, not " + type.getSimpleName());
    }
    JsonNode tree;
    try {
      // Syntax first: a body cut off or not JSON at all may be the network's doing.
      tree = MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw MalformedResponseException.unreadable(
          "the body is not readable as " + type.getSimpleName() + " JSON: " + reasonOf(e), e);
    }
    if (tree == null || tree.isMissingNode()) {
      throw MalformedResponseException.unreadable("the body is empty, not " + type.getSimpleName());
    }
    try {
      return MAPPER.treeToValue(tree, type);
    } catch (IOException e) {
      // JSON, but not the documented shape: the provider would send the same again.
      throw MalformedResponseException.unexpected(
          "the body is not the expected " + type.getSimpleName() + " JSON: " + reasonOf(e), e);
    }
  }

  private static String reasonOf(IOException e) {
    return e instanceof com.fasterxml.jackson.core.JsonProcessingException json
        ? json.getOriginalMessage()
        : e.getMessage();
  }

  /** Error bodies are polymorphic across providers: read them as a tree, tolerating anything. */
  public static JsonNode tree(ApiResponse response) {
    try {
      JsonNode node = MAPPER.readTree(response.body());
      return node == null ? MAPPER.missingNode() : node;
    } catch (IOException notJson) {
      return MAPPER.missingNode();
    }
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot write JSON for " + value.getClass(), e);
    }
  }
}
