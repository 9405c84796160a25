package io.clipdeck.ui.dashboard;

/** One number on the dashboard, with what it means. */
public record Figure(String name, String value, String meaning) {}
