package io.clipdeck.data;

import io.clipdeck.data.repo.ClipRepository;
import io.clipdeck.data.repo.ModelUsageRepository;
import io.clipdeck.data.repo.UserRepository;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.db.PooledDatabase;
import java.time.Clock;
import java.time.Duration;

/**
 * One profile's data layer: its executor (cache, metrics) and the four repositories sharing it.
 * Made by the composition root per open pool; holds no resources of its own (the pool does).
 */
public final class DataLayer {

  /** How long repository reads stay cached by default. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofSeconds(30);

  private final QueryExecutor executor;
  private final UserRepository users;
  private final VideoRepository videos;
  private final ClipRepository clips;
  private final ModelUsageRepository usage;

  public DataLayer(
      PooledDatabase database, QueryExecutor.Settings settings, Clock clock, Duration cacheTtl) {
    this.executor = new QueryExecutor(database, settings);
    this.users = new UserRepository(executor, clock, cacheTtl);
    this.videos = new VideoRepository(executor, clock, cacheTtl);
    this.clips = new ClipRepository(executor, clock, cacheTtl);
    this.usage = new ModelUsageRepository(executor, clock, cacheTtl);
  }

  public DataLayer(PooledDatabase database, Clock clock) {
    this(database, QueryExecutor.Settings.DEFAULTS, clock, DEFAULT_CACHE_TTL);
  }

  public QueryExecutor executor() {
    return executor;
  }

  public Jdbc jdbc() {
    return executor.jdbc();
  }

  public UserRepository users() {
    return users;
  }

  public VideoRepository videos() {
    return videos;
  }

  public ClipRepository clips() {
    return clips;
  }

  public ModelUsageRepository usage() {
    return usage;
  }
}
