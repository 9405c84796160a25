package io.clipdeck.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.clipdeck.db.Dialect;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.db.failover.WorkTarget;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one profile's statements: binds every value, caches reads (Caffeine, keyed by profile,
 * statement and parameters, per-entry TTL), drops cached reads of a table when it is written, times
 * everything, and logs slow statements. Reads inside a transaction never touch the cache: they must
 * see the transaction's own uncommitted writes, and must not publish them.
 */
public final class QueryExecutor {

  private static final Logger LOG = LoggerFactory.getLogger(QueryExecutor.class);

  /** The generation every write bumps: entries whose tables are unknown hang on it. */
  private static final String ANY_TABLE = "*";

  /** Shared results as JSON: records, java.time and BigDecimal round-trip exactly. */
  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).build();

  /**
   * @param cacheMaxEntries the most cached results kept; the least used go first
   * @param slowThreshold statements that take longer are logged at WARN (echo logs them all)
   */
  public record Settings(
      int cacheMaxEntries,
      Duration slowThreshold,
      RetryPolicy retryPolicy,
      Ticker ticker,
      RedisQueryCache sharedCache) {

    public static final Settings DEFAULTS =
        new Settings(
            10_000, Duration.ofMillis(500), RetryPolicy.DEFAULT, Ticker.systemTicker(), null);

    public Settings {
      if (cacheMaxEntries < 0) {
        throw new IllegalArgumentException("cacheMaxEntries must be 0 or more");
      }
      if (slowThreshold == null || slowThreshold.isNegative()) {
        throw new IllegalArgumentException("slowThreshold must be zero or more");
      }
    }

    public Settings withTicker(Ticker value) {
      return new Settings(cacheMaxEntries, slowThreshold, retryPolicy, value, sharedCache);
    }

    public Settings withRetryPolicy(RetryPolicy value) {
      return new Settings(cacheMaxEntries, slowThreshold, value, ticker, sharedCache);
    }

    public Settings withSlowThreshold(Duration value) {
      return new Settings(cacheMaxEntries, value, retryPolicy, ticker, sharedCache);
    }

    /** Results also shared through Redis (the caller closes it); null for in-process only. */
    public Settings withSharedCache(RedisQueryCache value) {
      return new Settings(cacheMaxEntries, slowThreshold, retryPolicy, ticker, value);
    }
  }

  private record CacheKey(String profile, String sql, List<Object> params, List<Long> versions) {}

  private record CacheEntry(Object value, Duration ttl, Set<String> tables) {}

  private final WorkTarget target;
  private final Settings settings;
  private final Jdbc jdbc;
  private final Dialect dialect;
  private final Cache<CacheKey, CacheEntry> cache;
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final StatementTimes times = new StatementTimes();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder sharedHits = new LongAdder();
  private final RedisQueryCache shared;
  private final String namespace;
  private volatile String quoteString;
  // SQLite only (its driver keeps no statements), and not with echo: the logging proxy must see
  // every statement, and the cache prepares under it.
  private final StatementCache statements;

  public QueryExecutor(PooledDatabase database, Settings settings) {
    this(WorkTarget.of(database), settings);
  }

  /** An executor on a profile or a failover group: see {@link Jdbc} for what a group changes. */
  public QueryExecutor(WorkTarget target, Settings settings) {
    this.target = target;
    this.settings = settings;
    this.jdbc = new Jdbc(target, settings.retryPolicy(), this::invalidate);
    this.dialect = Dialect.of(target.kind());
    this.shared = settings.sharedCache();
    this.statements =
        dialect == Dialect.SQLITE && !target.profile().pool().echo() ? new StatementCache() : null;
    // Processes share results when they reach the same database, whatever their profiles' names;
    // a group's members hold one database between them.
    this.namespace =
        target.isGroup()
            ? "group|" + target.name()
            : target.kind().id() + "|" + target.profile().location();
    this.cache =
        Caffeine.newBuilder()
            .maximumSize(settings.cacheMaxEntries())
            .ticker(settings.ticker())
            // Maintenance on the calling thread: no background pool, and tests see evictions now.
            .executor(Runnable::run)
            .expireAfter(
                new Expiry<CacheKey, CacheEntry>() {
                  @Override
                  public long expireAfterCreate(CacheKey key, CacheEntry entry, long now) {
                    return entry.ttl().toNanos();
                  }

                  @Override
                  public long expireAfterUpdate(
                      CacheKey key, CacheEntry entry, long now, long remaining) {
                    return entry.ttl().toNanos();
                  }

                  @Override
                  public long expireAfterRead(
                      CacheKey key, CacheEntry entry, long now, long remaining) {
                    return remaining;
                  }
                })
            .build();
  }

  public QueryExecutor(PooledDatabase database) {
    this(database, Settings.DEFAULTS);
  }

  public Jdbc jdbc() {
    return jdbc;
  }

  public Dialect dialect() {
    return dialect;
  }

  public String profileName() {
    return target.name();
  }

  /** Quotes an allow-listed name with the connection's identifier quote string. */
  public String quote(String name) {
    String quote = quoteString;
    if (quote == null) {
      quote =
          jdbc.withConnection(connection -> connection.getMetaData().getIdentifierQuoteString());
      quoteString = quote.trim();
      quote = quoteString;
    }
    return Columns.quote(quote, name);
  }

  /** Reads rows, from the cache when {@code caching} allows and the result is there. */
  public <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper, Caching caching) {
    return cachedQuery(sql, sql, params, mapper, caching, statements != null);
  }

  @SuppressWarnings("unchecked")
  private <T> List<T> cachedQuery(
      String keyText,
      String sql,
      List<?> params,
      RowMapper<T> mapper,
      Caching caching,
      boolean reuseStatement) {
    if (!caching.enabled() || jdbc.currentTransaction().isPresent()) {
      return load(sql, params, mapper, reuseStatement);
    }
    boolean useShared = shared != null && caching.sharedType() != null;
    List<String> tables = caching.tables().stream().sorted().toList();
    java.util.Optional<List<Long>> sharedVersions =
        useShared && !tables.isEmpty()
            ? shared.generations(namespace, tables)
            : java.util.Optional.empty();
    CacheKey key = key(keyText, params, caching.tables(), sharedVersions);
    CacheEntry entry = cache.getIfPresent(key);
    if (entry != null) {
      hits.increment();
      return (List<T>) entry.value();
    }
    String sharedKey = null;
    if (sharedVersions.isPresent()) {
      sharedKey = sharedKey(keyText, params, sharedVersions.get());
      java.util.Optional<List<T>> found = sharedRead(sharedKey, caching.sharedType());
      if (found.isPresent()) {
        hits.increment();
        sharedHits.increment();
        cache.put(key, new CacheEntry(found.get(), caching.ttl(), caching.tables()));
        return found.get();
      }
    }
    misses.increment();
    List<T> rows = load(sql, params, mapper, reuseStatement);
    cache.put(key, new CacheEntry(rows, caching.ttl(), caching.tables()));
    if (sharedKey != null) {
      sharedWrite(sharedKey, rows, caching.ttl());
    }
    return rows;
  }

  private String sharedKey(String keyText, List<?> params, List<Long> versions) {
    try {
      return RedisQueryCache.digest(
          namespace + "\u0000" + keyText + "\u0000" + JSON.writeValueAsString(params) + versions);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Parameters do not serialize: " + e.getMessage(), e);
    }
  }

  private <T> java.util.Optional<List<T>> sharedRead(String sharedKey, Class<?> type) {
    java.util.Optional<String> json = shared.get(sharedKey);
    if (json.isEmpty()) {
      return java.util.Optional.empty();
    }
    try {
      List<T> rows =
          JSON.readValue(
              json.get(), JSON.getTypeFactory().constructCollectionType(List.class, type));
      return java.util.Optional.of(Collections.unmodifiableList(rows));
    } catch (JsonProcessingException e) {
      // Written by another version of Clipdeck, say: read it from the database instead.
      LOG.debug("[{}] unreadable shared cache entry: {}", profileName(), e.getOriginalMessage());
      return java.util.Optional.empty();
    }
  }

  private void sharedWrite(String sharedKey, List<?> rows, Duration ttl) {
    try {
      shared.put(sharedKey, JSON.writeValueAsString(rows), ttl);
    } catch (JsonProcessingException e) {
      LOG.debug("[{}] result not shareable: {}", profileName(), e.getOriginalMessage());
    }
  }

  public <T> List<T> query(String sql, List<?> params, RowMapper<T> mapper) {
    return query(sql, params, mapper, Caching.NONE);
  }

  /**
   * Runs any read and returns its rows as column label to value maps; cached under the profile,
   * statement and parameters for {@code ttl} when {@code cacheKey} is given (it names the entry in
   * logs and keeps unrelated statements apart), dropped by any write since its tables are unknown.
   */
  public List<Map<String, Object>> execute(
      String sql, List<?> params, String cacheKey, Duration ttl) {
    Caching caching =
        cacheKey == null || ttl == null ? Caching.NONE : new Caching(ttl, Set.of(), null);
    // The name goes into the key only, never into the SQL text.
    String keyText = cacheKey == null ? sql : cacheKey + "\u0000" + sql;
    // Any statement text at all: compiled per call, never kept (see StatementCache).
    return cachedQuery(keyText, sql, params, QueryExecutor::asMap, caching, false);
  }

  /**
   * Runs an INSERT, UPDATE or DELETE and drops the cached reads of {@code tables} (at commit, when
   * inside a transaction). Returns the affected row count.
   */
  public int update(String sql, List<?> params, Set<String> tables) {
    try {
      return timed(
          sql,
          () ->
              jdbc.write(
                  connection -> {
                    try (PreparedStatement statement = connection.prepareStatement(sql)) {
                      dialect.bindAll(statement, params);
                      return statement.executeUpdate();
                    }
                  }));
    } finally {
      wrote(tables);
    }
  }

  /** Runs a single-row INSERT and returns the generated id. */
  public long insert(String sql, List<?> params, Set<String> tables) {
    try {
      return timed(
          sql,
          () ->
              jdbc.write(
                  connection -> {
                    try (PreparedStatement statement = prepareInsert(connection, sql)) {
                      dialect.bindAll(statement, params);
                      return generatedId(statement);
                    }
                  }));
    } finally {
      wrote(tables);
    }
  }

  /** A prepared INSERT that hands back its generated id on this dialect. */
  PreparedStatement prepareInsert(Connection connection, String sql) throws SQLException {
    return dialect.insertReturning()
        ? connection.prepareStatement(sql + " RETURNING " + quote("id"))
        : connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
  }

  /** Executes a statement from {@link #prepareInsert} and reads its id. */
  long generatedId(PreparedStatement statement) throws SQLException {
    if (dialect.insertReturning()) {
      try (ResultSet keys = statement.executeQuery()) {
        keys.next();
        return keys.getLong(1);
      }
    }
    statement.executeUpdate();
    try (ResultSet keys = statement.getGeneratedKeys()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  /**
   * Streams a large result: rows are fetched {@code fetchSize} at a time and never all held, so
   * millions of rows do not grow the heap. Close the stream (try-with-resources): it holds a
   * connection until then.
   */
  public <T> Stream<T> stream(String sql, List<?> params, int fetchSize, RowMapper<T> mapper) {
    Connection borrowed = null;
    boolean restoreAutoCommit = false;
    PreparedStatement statement = null;
    ResultSet rows;
    long start = System.nanoTime();
    try {
      Connection connection;
      if (jdbc.currentTransaction().isPresent()) {
        connection = jdbc.currentTransaction().get().connection();
      } else {
        borrowed = jdbc.borrow();
        connection = borrowed;
        if (dialect.streamingNeedsTransaction(connection)) {
          connection.setAutoCommit(false);
          restoreAutoCommit = true;
        }
      }
      statement =
          connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
      dialect.prepareForStreaming(statement, fetchSize);
      dialect.bindAll(statement, params);
      rows = statement.executeQuery();
    } catch (SQLException e) {
      times.record(System.nanoTime() - start, true);
      closeStream(null, statement, borrowed, restoreAutoCommit);
      throw jdbc.translate(e);
    }
    times.record(System.nanoTime() - start, false);
    ResultSet result = rows;
    Spliterator<T> spliterator =
        new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE, Spliterator.ORDERED) {
          @Override
          public boolean tryAdvance(Consumer<? super T> action) {
            try {
              if (!result.next()) {
                return false;
              }
              action.accept(mapper.map(result));
              return true;
            } catch (SQLException e) {
              throw jdbc.translate(e);
            }
          }
        };
    PreparedStatement opened = statement;
    Connection toReturn = borrowed;
    boolean restore = restoreAutoCommit;
    return StreamSupport.stream(spliterator, false)
        .onClose(() -> closeStream(result, opened, toReturn, restore));
  }

  /** Streams a large result into {@code action}; returns the row count. */
  public <T> long forEach(
      String sql, List<?> params, int fetchSize, RowMapper<T> mapper, Consumer<? super T> action) {
    long[] count = {0};
    try (Stream<T> rows = stream(sql, params, fetchSize, mapper)) {
      rows.forEach(
          row -> {
            action.accept(row);
            count[0]++;
          });
    }
    return count[0];
  }

  /** Drops the cached reads of these tables now (and of reads whose tables are unknown). */
  public void invalidate(Set<String> tables) {
    if (tables.isEmpty()) {
      return;
    }
    if (shared != null) {
      shared.bump(namespace, tables);
    }
    generation(ANY_TABLE).incrementAndGet();
    tables.forEach(table -> generation(table).incrementAndGet());
    cache
        .asMap()
        .values()
        .removeIf(
            entry -> entry.tables().isEmpty() || !Collections.disjoint(entry.tables(), tables));
  }

  public QueryMetrics metrics() {
    return new QueryMetrics(
        profileName(),
        times.executed(),
        times.errors(),
        times.averageMillis(),
        times.p95Millis(),
        hits.sum(),
        misses.sum(),
        sharedHits.sum(),
        jdbc.retries());
  }

  /** Cached results right now (expired ones may linger until the cache's next maintenance). */
  public long cachedEntries() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /** Records a statement run outside this class (batches): counted and logged like the others. */
  void recordExternal(String sql, long nanos, boolean failed) {
    times.record(nanos, failed);
    logIfSlow(sql, nanos);
  }

  void wrote(Set<String> tables) {
    if (jdbc.currentTransaction().isPresent()) {
      jdbc.wrote(tables);
    } else {
      invalidate(tables);
    }
  }

  private <T> List<T> load(
      String sql, List<?> params, RowMapper<T> mapper, boolean reuseStatement) {
    return timed(
        sql,
        () ->
            jdbc.read(
                connection -> {
                  if (reuseStatement) {
                    return statements.with(
                        connection, sql, statement -> read(statement, params, mapper));
                  }
                  try (PreparedStatement statement = connection.prepareStatement(sql)) {
                    return read(statement, params, mapper);
                  }
                }));
  }

  private <T> List<T> read(PreparedStatement statement, List<?> params, RowMapper<T> mapper)
      throws SQLException {
    dialect.bindAll(statement, params);
    try (ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return Collections.unmodifiableList(result);
    }
  }

  private interface Work<T> {
    T run();
  }

  private <T> T timed(String sql, Work<T> work) {
    long start = System.nanoTime();
    boolean failed = true;
    try {
      T result = work.run();
      failed = false;
      return result;
    } finally {
      long nanos = System.nanoTime() - start;
      times.record(nanos, failed);
      logIfSlow(sql, nanos);
    }
  }

  private void logIfSlow(String sql, long nanos) {
    // The statement's text only: bound values may be personal data or key hashes.
    if (target.profile().pool().echo()) {
      LOG.info("[{}] {} ms: {}", profileName(), nanos / 1_000_000, oneLine(sql));
    } else if (nanos > settings.slowThreshold().toNanos()) {
      LOG.warn("[{}] slow statement, {} ms: {}", profileName(), nanos / 1_000_000, oneLine(sql));
    }
  }

  private static String oneLine(String sql) {
    String line = sql.replaceAll("\\s+", " ").trim();
    return line.length() > 500 ? line.substring(0, 500) + "…" : line;
  }

  private CacheKey key(
      String sql, List<?> params, Set<String> tables, java.util.Optional<List<Long>> shared) {
    List<Long> versions = new ArrayList<>();
    versions.add(generation(ANY_TABLE).get());
    if (shared.isPresent()) {
      // The shared generations: a write in another process makes this entry unreachable too.
      versions.clear();
      versions.add(-1L);
      versions.addAll(shared.get());
    } else if (!tables.isEmpty()) {
      versions.clear();
      tables.stream().sorted().forEach(table -> versions.add(generation(table).get()));
    }
    return new CacheKey(
        profileName(), sql, Collections.unmodifiableList(new ArrayList<>(params)), versions);
  }

  private AtomicLong generation(String table) {
    return generations.computeIfAbsent(table, name -> new AtomicLong());
  }

  private void closeStream(
      ResultSet rows, PreparedStatement statement, Connection borrowed, boolean restoreAutoCommit) {
    try {
      if (rows != null) {
        rows.close();
      }
      if (statement != null) {
        statement.close();
      }
    } catch (SQLException e) {
      LOG.debug("[{}] closing a streamed result failed: {}", profileName(), e.getMessage());
    }
    if (borrowed != null) {
      try (Connection connection = borrowed) {
        if (restoreAutoCommit) {
          connection.rollback();
          connection.setAutoCommit(true);
        }
      } catch (SQLException e) {
        LOG.debug(
            "[{}] returning a streaming connection failed: {}", profileName(), e.getMessage());
      }
    }
  }

  private static Map<String, Object> asMap(ResultSet row) throws SQLException {
    ResultSetMetaData meta = row.getMetaData();
    Map<String, Object> values = new LinkedHashMap<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      values.put(meta.getColumnLabel(i), row.getObject(i));
    }
    return Collections.unmodifiableMap(values);
  }

  /** Tables named by a set, for callers writing several at once. */
  static Set<String> tables(String... names) {
    return new HashSet<>(List.of(names));
  }
}
