package io.clipdeck.api.youtube;

import java.time.Instant;
import java.util.Optional;

/**
 * A caption track from {@code captions.list}: metadata only, since downloading the text needs OAuth
 * as the video's owner.
 *
 * @param kind {@code standard}, {@code asr} (automatic) or {@code forced}
 */
public record CaptionTrack(
    String id,
    String videoId,
    String language,
    String name,
    String kind,
    String status,
    Optional<Instant> lastUpdated) {}
