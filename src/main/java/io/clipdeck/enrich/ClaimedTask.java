package io.clipdeck.enrich;

/**
 * A task this worker holds. {@code attempt} is the fencing token: every claim raises it, so a
 * worker whose lease ran out and whose task was claimed again can no longer commit it.
 *
 * @param videoId the {@code videos.id} row, not the platform's id
 */
public record ClaimedTask(long id, long videoId, Step step, int attempt) {}
