package io.clipdeck.api.openai;

import java.util.Objects;

/**
 * The dialect of one OpenAI-compatible endpoint.
 *
 * @param model e.g. {@code gpt-4.1-mini}, or the tag a local server knows ({@code llama3.2:3b})
 * @param tokenLimitField {@code max_completion_tokens} (OpenAI) or {@code max_tokens} (Ollama and
 *     older servers, which ignore the newer name)
 * @param instructionRole {@code developer} (OpenAI) or {@code system} (local servers)
 * @param jsonSchema whether {@code response_format: json_schema} is understood; otherwise {@code
 *     json_object} is sent and the shape is checked on arrival
 */
public record ChatSettings(
    String model, String tokenLimitField, String instructionRole, boolean jsonSchema) {

  public ChatSettings {
    Objects.requireNonNull(model, "model");
    if (!tokenLimitField.equals("max_completion_tokens") && !tokenLimitField.equals("max_tokens")) {
      throw new IllegalArgumentException(
          "token limit field is max_completion_tokens or max_tokens, not " + tokenLimitField);
    }
    if (!instructionRole.equals("developer") && !instructionRole.equals("system")) {
      throw new IllegalArgumentException(
          "instruction role is developer or system, not " + instructionRole);
    }
  }

  public static ChatSettings openAi(String model) {
    return new ChatSettings(model, "max_completion_tokens", "developer", true);
  }

  /** llama.cpp, Ollama, vLLM: the lowest common denominator of the dialect. */
  public static ChatSettings localServer(String model) {
    return new ChatSettings(model, "max_tokens", "system", false);
  }
}
