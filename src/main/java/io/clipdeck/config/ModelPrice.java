package io.clipdeck.config;

/**
 * What one model costs, in US dollars, as the user enters it from the provider's price page: the
 * console multiplies it by what the answers cost (tokens, characters, images) into an estimate. A
 * value missing from the file is 0 (not billed in that unit).
 *
 * @param inputPerMillionTokens per million prompt tokens (chat models)
 * @param outputPerMillionTokens per million completion tokens (chat models)
 * @param perThousandCharacters per thousand characters spoken (speech models)
 * @param perImage per image made (image models)
 */
public record ModelPrice(
    Double inputPerMillionTokens,
    Double outputPerMillionTokens,
    Double perThousandCharacters,
    Double perImage) {

  public static final ModelPrice FREE = new ModelPrice(0.0, 0.0, 0.0, 0.0);

  public ModelPrice {
    inputPerMillionTokens = orZero(inputPerMillionTokens);
    outputPerMillionTokens = orZero(outputPerMillionTokens);
    perThousandCharacters = orZero(perThousandCharacters);
    perImage = orZero(perImage);
  }

  private static double orZero(Double value) {
    return value == null ? 0 : value;
  }

  /** Checks every value; the message names the setting and what to type instead. */
  void validate(String model) {
    String at = "prices." + model + ".";
    notNegative(at + "input_per_million_tokens", inputPerMillionTokens);
    notNegative(at + "output_per_million_tokens", outputPerMillionTokens);
    notNegative(at + "per_thousand_characters", perThousandCharacters);
    notNegative(at + "per_image", perImage);
  }

  private static void notNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(
          name + " is " + value + ": type a price in US dollars of 0 or more, e.g. 0.15");
    }
  }
}
