package io.clipdeck.ui.enrich;

/**
 * One progress bar: all steps, or one.
 *
 * @param fraction done or failed, 0 to 1
 * @param counts "40 done · 2 failed · 58 remaining"
 */
public record ProgressRow(String label, double fraction, String counts) {}
