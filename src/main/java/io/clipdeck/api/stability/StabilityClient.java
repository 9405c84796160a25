package io.clipdeck.api.stability;

import io.clipdeck.api.ApiClient;
import io.clipdeck.api.ApiClientConfig;
import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiException;
import io.clipdeck.api.ApiRequest;
import io.clipdeck.api.ApiResponse;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.MalformedResponseException;
import io.clipdeck.api.Provider;
import io.clipdeck.api.QuotaLedger;
import io.clipdeck.api.SharedCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stability AI v2beta Stable Image Core: a thumbnail from a prompt, saved as a file. Generation is
 * paid, so a call goes out at most twice, and an image the moderation blurred ({@code
 * finish-reason: CONTENT_FILTERED}) is refused rather than saved.
 */
public final class StabilityClient implements AutoCloseable {

  private final ApiClient api;

  public StabilityClient(ApiClient api) {
    if (api.config().provider() != Provider.STABILITY) {
      throw new IllegalArgumentException("a Stability client needs a Stability ApiClient");
    }
    this.api = api;
  }

  public static StabilityClient create(
      ApiClientConfig config, QuotaLedger ledger, SharedCache shared) {
    return new StabilityClient(
        new ApiClient(
            config,
            new StabilityErrors(config.defaultPark()),
            ledger,
            shared,
            // Credits are billed per image, a blurred (CONTENT_FILTERED) one included.
            (request, response) ->
                response.contentType().startsWith("image/")
                    ? io.clipdeck.api.Spend.images(1)
                    : io.clipdeck.api.Spend.NONE));
  }

  public ApiClient api() {
    return api;
  }

  /** Generates the image and writes it into {@code directory} under a fresh name. */
  public Thumbnail generateThumbnail(ThumbnailRequest request, Path directory) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("prompt", request.prompt());
    if (!request.negativePrompt().isEmpty()) {
      fields.put("negative_prompt", request.negativePrompt());
    }
    fields.put("aspect_ratio", request.aspectRatio());
    fields.put("output_format", request.outputFormat());
    Multipart multipart = Multipart.ofFields(fields);
    ApiResponse image =
        api.call(
            ApiRequest.post(
                "stable-image.core",
                "/v2beta/stable-image/generate/core",
                Map.of("Content-Type", multipart.contentType(), "Accept", "image/*"),
                multipart.body()),
            StabilityClient::imageOnly,
            CallOptions.paidGeneration());
    if ("CONTENT_FILTERED".equals(image.header("finish-reason").orElse(""))) {
      throw new ApiException(
          Provider.STABILITY,
          ApiErrorKind.REJECTED,
          200,
          "CONTENT_FILTERED",
          1,
          "The image was blurred by moderation and not saved; change the prompt",
          null);
    }
    Path file = directory.resolve("thumbnail-" + UUID.randomUUID() + "." + request.outputFormat());
    write(image.body(), file);
    return new Thumbnail(
        file,
        image.contentType(),
        parseSeed(image.header("seed").orElse("0")),
        image.header("x-request-id").orElse(""));
  }

  /** Errors come back as JSON; only an image content type is an image. */
  private static ApiResponse imageOnly(ApiResponse response) throws MalformedResponseException {
    if (!response.contentType().startsWith("image/") || response.size() == 0) {
      throw MalformedResponseException.unreadable(
          "expected an image, got '"
              + response.contentType()
              + "' of "
              + response.size()
              + " bytes");
    }
    return response;
  }

  static void write(byte[] bytes, Path file) {
    try {
      Files.createDirectories(file.getParent());
      Path partial = file.resolveSibling(file.getFileName() + ".part");
      Files.write(partial, bytes);
      // Readers never see a half-written file.
      Files.move(
          partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save " + file, e);
    }
  }

  private static long parseSeed(String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void close() {
    api.close();
  }
}
