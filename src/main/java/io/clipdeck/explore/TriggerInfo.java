package io.clipdeck.explore;

/**
 * One trigger of a table.
 *
 * @param definition when it fires, as the catalog says it
 */
public record TriggerInfo(String name, String definition) {}
