package io.clipdeck.data.model;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Model usage of all users on one UTC day. */
public record DailyUsage(LocalDate day, long calls, long tokens, BigDecimal cost) {}
