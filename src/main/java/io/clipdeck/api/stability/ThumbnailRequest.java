package io.clipdeck.api.stability;

import java.util.Objects;
import java.util.Set;

/**
 * A thumbnail to generate with Stable Image Core.
 *
 * @param aspectRatio one of Stability's nine ratios, e.g. {@code 16:9}
 * @param outputFormat {@code png}, {@code jpeg} or {@code webp}
 */
public record ThumbnailRequest(
    String prompt, String negativePrompt, String aspectRatio, String outputFormat) {

  private static final Set<String> RATIOS =
      Set.of("21:9", "16:9", "3:2", "5:4", "1:1", "4:5", "2:3", "9:16", "9:21");
  private static final Set<String> FORMATS = Set.of("png", "jpeg", "webp");

  public ThumbnailRequest {
    Objects.requireNonNull(prompt, "prompt");
    if (prompt.isBlank() || prompt.length() > 10_000) {
      throw new IllegalArgumentException("a prompt has 1 to 10,000 characters");
    }
    negativePrompt = negativePrompt == null ? "" : negativePrompt;
    if (!RATIOS.contains(aspectRatio)) {
      throw new IllegalArgumentException(
          "aspect ratio is one of " + RATIOS + ", not " + aspectRatio);
    }
    if (!FORMATS.contains(outputFormat)) {
      throw new IllegalArgumentException(
          "output format is one of " + FORMATS + ", not " + outputFormat);
    }
  }

  /** A 16:9 PNG, the shape of a video thumbnail. */
  public static ThumbnailRequest of(String prompt) {
    return new ThumbnailRequest(prompt, "", "16:9", "png");
  }
}
