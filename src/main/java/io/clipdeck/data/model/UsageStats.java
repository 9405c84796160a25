package io.clipdeck.data.model;

import java.math.BigDecimal;

/** A user's model usage over the last {@code days} days. */
public record UsageStats(
    long userId,
    int days,
    long calls,
    long tokens,
    BigDecimal cost,
    Double averageProcessingTimeS,
    Double averageMemoryMb,
    Double averageGpuPercent) {}
