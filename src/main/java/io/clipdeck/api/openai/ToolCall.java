package io.clipdeck.api.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.clipdeck.api.JsonSupport;
import io.clipdeck.api.MalformedResponseException;
import java.io.IOException;
import java.util.Objects;

/**
 * A function the model asks to call.
 *
 * @param id the call's id ({@code call_…}), to answer it with a {@code tool} message; empty for the
 *     deprecated {@code function_call}
 * @param name the function's name
 * @param arguments the arguments exactly as sent: a JSON object in a string, which the model may
 *     have got wrong (parse it with {@link #parsedArguments()})
 */
public record ToolCall(String id, String name, String arguments) {

  public ToolCall {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arguments, "arguments");
  }

  /** The arguments as a JSON object; the model does not always produce valid JSON. */
  public JsonNode parsedArguments() throws MalformedResponseException {
    try {
      JsonNode node = JsonSupport.MAPPER.readTree(arguments);
      if (node == null || !node.isObject()) {
        throw MalformedResponseException.unexpected(
            "tool arguments", "the arguments of " + name + " are not a JSON object");
      }
      return node;
    } catch (IOException e) {
      throw MalformedResponseException.unexpected(
          "the arguments of " + name + " are not valid JSON", e);
    }
  }
}
