package io.clipdeck.data.model;

import java.math.BigDecimal;

/** One user's totals across videos, clips and model usage. */
public record UserStats(
    long userId,
    long videos,
    long completedVideos,
    long failedVideos,
    long clips,
    long modelCalls,
    long tokens,
    BigDecimal cost) {}
