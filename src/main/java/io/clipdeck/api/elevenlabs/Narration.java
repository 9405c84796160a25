package io.clipdeck.api.elevenlabs;

import java.nio.file.Path;

/**
 * Speech saved to disk.
 *
 * @param characterCost what ElevenLabs billed ({@code character-cost}), or the text length when the
 *     header is missing
 */
public record Narration(Path file, long characterCost, String requestId) {}
