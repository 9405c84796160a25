package io.clipdeck.api.stability;

import java.nio.file.Path;

/** A generated image saved to disk, with the seed that reproduces it. */
public record Thumbnail(Path file, String contentType, long seed, String requestId) {}
