package io.clipdeck.data;

/**
 * Where a keyset page ended: the last row's sort value and id. The next page starts after it, in
 * one index range scan however deep the page, where OFFSET reads and throws away every row before.
 */
public record Cursor(Object sortValue, long id) {}
