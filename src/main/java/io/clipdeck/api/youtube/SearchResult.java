package io.clipdeck.api.youtube;

import java.time.Instant;
import java.util.Optional;

/** A video found by {@code search.list}; its description is truncated by YouTube. */
public record SearchResult(
    String videoId,
    String title,
    String description,
    String channelTitle,
    Optional<Instant> publishedAt) {}
