package io.clipdeck.ui.profiles;

/** One line of the profiles table, already in display form. */
public record ProfileRow(
    String name,
    String kind,
    String environment,
    String location,
    boolean active,
    String health,
    String latency) {}
