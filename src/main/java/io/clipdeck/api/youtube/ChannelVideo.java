package io.clipdeck.api.youtube;

import java.time.Instant;
import java.util.Optional;

/**
 * A video of a channel's uploads playlist. {@code publishedAt} is the video's publish time, which
 * private and deleted items lack.
 */
public record ChannelVideo(String videoId, String title, Optional<Instant> publishedAt) {}
