package io.clipdeck.explore;

/**
 * One column of a table or view.
 *
 * @param type the declared type as the server spells it ({@code character varying(40)})
 * @param defaultValue the default expression, or null
 */
public record ColumnInfo(String name, String type, boolean nullable, String defaultValue) {}
