package io.clipdeck.data.model;

/**
 * Videos in one status.
 *
 * @param averageProcessingTimeS mean processing time of those that have one; null when none has
 */
public record StatusStats(VideoStatus status, long count, Double averageProcessingTimeS) {}
