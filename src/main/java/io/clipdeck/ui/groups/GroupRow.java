package io.clipdeck.ui.groups;

/** One failover group in the list, in display form. */
public record GroupRow(String name, String members, String serving, String state, String last) {}
