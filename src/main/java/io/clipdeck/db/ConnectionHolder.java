package io.clipdeck.db;

import java.time.Duration;

/**
 * A connection lent out now: what borrowed it and for how long it has held it.
 *
 * @param operation the named work ({@link Operation}) and the code that borrowed it, e.g.
 *     "Exporting videos of Local SQLite · VideoRepository.export"
 * @param thread the borrowing thread's name
 * @param held time since the borrow
 */
public record ConnectionHolder(String operation, String thread, Duration held) {}
