package io.clipdeck.data;

/**
 * A point-in-time snapshot of one profile's statement figures since its executor was made.
 *
 * @param executed statements sent to the database (failed ones included; cache hits not)
 * @param errors statements the database failed
 * @param averageMillis mean time of the executed statements
 * @param p95Millis 95th percentile time over the most recent statements (a window of the last few
 *     thousand, so an old spike fades out)
 * @param cacheHits reads answered from the cache
 * @param cacheMisses cacheable reads that had to go to the database
 * @param sharedCacheHits the hits answered by the shared (Redis) level, a part of cacheHits
 * @param retries transactions run again after a retryable conflict
 */
public record QueryMetrics(
    String profile,
    long executed,
    long errors,
    double averageMillis,
    double p95Millis,
    long cacheHits,
    long cacheMisses,
    long sharedCacheHits,
    long retries) {

  /** Hits over cacheable reads, 0 to 1; 0 when nothing cacheable ran yet. */
  public double hitRate() {
    long reads = cacheHits + cacheMisses;
    return reads == 0 ? 0 : (double) cacheHits / reads;
  }
}
