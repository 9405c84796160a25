package io.clipdeck.sql;

/**
 * A result column.
 *
 * @param typeName the server's type name
 * @param numeric whether its values are numbers (aligned right in a table)
 */
public record Column(String name, String typeName, boolean numeric) {}
