package io.clipdeck.ui.enrich;

/** One (video, step) task of the run, in display form. */
public record ItemRow(String video, String step, String state, int attempts, String lastError) {}
