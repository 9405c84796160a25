package io.clipdeck.db;

/** JSON text to bind; a type of its own so the dialect can cast it (PostgreSQL's jsonb). */
public record JsonText(String json) {}
