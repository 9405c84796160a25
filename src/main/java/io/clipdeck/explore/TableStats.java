package io.clipdeck.explore;

import java.time.Instant;

/**
 * A table's size from the catalog's statistics, never from counting its rows: an estimate, as fresh
 * as the server's last analyse.
 *
 * @param estimatedRows null when the catalog has no figure yet
 * @param sizeBytes table plus indexes (and TOAST on PostgreSQL); null when unknown
 * @param lastVacuum PostgreSQL only, manual or automatic, whichever came later; else null
 * @param lastAnalyze PostgreSQL only, manual or automatic, whichever came later; else null
 */
public record TableStats(
    String schema,
    String name,
    Long estimatedRows,
    Long sizeBytes,
    Instant lastVacuum,
    Instant lastAnalyze) {}
