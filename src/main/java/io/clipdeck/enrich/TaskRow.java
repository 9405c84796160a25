package io.clipdeck.enrich;

import java.time.Instant;

/**
 * One row of {@code enrichment_task} as stored.
 *
 * @param videoId the {@code videos.id} row
 * @param leaseUntil null unless running
 * @param lastError the latest failure or reason for waiting, null when there is none
 */
public record TaskRow(
    long id,
    long videoId,
    Step step,
    TaskState state,
    int attempt,
    Instant nextAttemptAt,
    Instant leaseUntil,
    String lastError) {}
