package io.clipdeck.data.repo;

import io.clipdeck.data.Batch;
import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.BatchResult;
import io.clipdeck.data.Caching;
import io.clipdeck.data.Column;
import io.clipdeck.data.ColumnType;
import io.clipdeck.data.Columns;
import io.clipdeck.data.Cursor;
import io.clipdeck.data.Direction;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.RowMapper;
import io.clipdeck.data.Sort;
import io.clipdeck.db.Dialect;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The operations every entity has, written once: CRUD, paging (offset and keyset), counting and
 * batches. Names from callers are checked against the entity's {@link Columns} before any SQL is
 * built; values are always bound. Reads are cached for {@code cacheTtl}; writes drop the table's
 * cached reads.
 */
public abstract class TableRepository<T> {

  protected final QueryExecutor executor;
  protected final Columns columns;
  protected final Clock clock;
  protected final Duration cacheTtl;
  private final EntityMapping<T> mapping;
  private final RowMapper<T> mapper;
  private final Set<String> deleteTouches;
  // What an insert sets, in allow-list order: every writable column and the two timestamps.
  private final List<Column> insertColumns;
  private final List<String> insertNames;
  // Immutable and the same for every read of the table: made once, not per call.
  private final Caching reads;
  // Built on first use: quoting asks the connection for its quote string, and a repository must
  // be constructible while the server is down.
  private volatile String selectFrom;
  private volatile String selectById;

  protected TableRepository(
      QueryExecutor executor, EntityMapping<T> mapping, Clock clock, Duration cacheTtl) {
    this.executor = executor;
    this.mapping = mapping;
    this.columns = mapping.columns();
    this.clock = clock;
    this.cacheTtl = cacheTtl;
    this.mapper = mapping.mapper(executor.dialect());
    Set<String> touched = new java.util.HashSet<>(mapping.cascadesTo());
    touched.add(columns.table());
    this.deleteTouches = Set.copyOf(touched);
    this.reads = Caching.of(cacheTtl, columns.table()).shared(mapping.type());
    this.insertColumns =
        columns.all().stream()
            .filter(column -> !column.name().equals("id"))
            .filter(column -> column.writable() || isTimestamp(column.name()))
            .toList();
    this.insertNames = insertColumns.stream().map(Column::name).toList();
  }

  public Columns columns() {
    return columns;
  }

  /** Stores a new row (its id and timestamps are ignored and set here) and returns it stored. */
  public T create(T row) {
    List<Object> values = insertRow(row);
    return executor
        .jdbc()
        .inTransaction(
            transaction -> {
              long id = executor.insert(insertSql(), values, Set.of(columns.table()));
              return getById(id).orElseThrow();
            });
  }

  /** Stores rows through the batch path; returns their ids in order. */
  public List<Long> bulkCreate(List<T> rows) {
    return bulkCreate(rows, Batch.DEFAULT_CHUNK_SIZE, BatchProgress.NONE).ids();
  }

  public BatchResult bulkCreate(List<T> rows, int chunkSize, BatchProgress progress) {
    if (rows.isEmpty()) {
      return new BatchResult(List.of(), 0, 0);
    }
    List<ColumnType> types = insertColumns.stream().map(Column::type).toList();
    // A view: a row's values are made when its chunk is written, so a million rows are not held
    // a second time as values (the garbage collector copying them cost more than making them).
    List<List<Object>> values =
        new AbstractList<>() {
          @Override
          public List<Object> get(int index) {
            return insertRow(rows.get(index));
          }

          @Override
          public int size() {
            return rows.size();
          }
        };
    return new Batch(executor, chunkSize)
        .insert(
            columns.table(),
            insertNames,
            types,
            values,
            index -> mapping.describe(rows.get(index)),
            progress);
  }

  public Optional<T> getById(long id) {
    List<T> rows = executor.query(selectById(), List.of(id), mapper, reads);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  /** {@code SELECT <all columns> FROM <table> WHERE id = ?}: the hottest read, built once. */
  private String selectById() {
    String select = selectById;
    if (select == null) {
      select = selectFrom() + " WHERE " + executor.quote("id") + " = ?";
      selectById = select;
    }
    return select;
  }

  /** Rows whose {@code field} equals {@code value} (IS NULL for null), by id, at most 10,000. */
  public List<T> getByField(String field, Object value) {
    Column column = columns.require(field);
    List<Object> params = new ArrayList<>();
    String where = condition(column, value, params);
    params.add(Columns.MAX_LIMIT);
    return executor.query(
        selectFrom() + " WHERE " + where + " ORDER BY " + executor.quote("id") + " LIMIT ?",
        params,
        mapper,
        reads());
  }

  /** A page by offset: simple, but the database reads and skips every row before it. */
  public List<T> getAll(int limit, long offset, Sort orderBy) {
    String order = orderBy(orderBy);
    Columns.cappedLimit(limit);
    if (offset < 0) {
      throw new IllegalArgumentException("offset is " + offset + ": use 0 or more");
    }
    return executor.query(
        selectFrom() + " ORDER BY " + order + " LIMIT ? OFFSET ?",
        List.of(Columns.cappedLimit(limit), offset),
        mapper,
        reads());
  }

  /**
   * The page after {@code lastKey} (null: the first page) in {@code orderBy} order: a range scan
   * from the last row seen, as fast deep in a table as at its start. The sort column must be NOT
   * NULL.
   */
  public List<T> after(Cursor lastKey, int limit, Sort orderBy) {
    return after(Condition.NONE, lastKey, limit, orderBy);
  }

  /** {@link #after(Cursor, int, Sort)} among the rows that match {@code filter}. */
  protected List<T> after(Condition filter, Cursor lastKey, int limit, Sort orderBy) {
    PageQuery page = afterQuery(filter, lastKey, limit, orderBy);
    return executor.query(page.sql(), page.params(), mapper, reads());
  }

  /** The statement {@link #after(Condition, Cursor, int, Sort)} runs, with its values. */
  protected PageQuery afterQuery(Condition filter, Cursor lastKey, int limit, Sort orderBy) {
    Column column = columns.requireKeysetKey(orderBy.column());
    String order = orderBy(orderBy);
    int capped = Columns.cappedLimit(limit);
    List<Object> params = new ArrayList<>(filter.params());
    String where = filter.sql().isEmpty() ? "" : " WHERE " + filter.sql();
    String joiner = where.isEmpty() ? " WHERE " : " AND ";
    if (lastKey != null) {
      String op = orderBy.direction() == Direction.ASC ? ">" : "<";
      String id = executor.quote("id");
      if (column.name().equals("id")) {
        where += joiner + id + " " + op + " ?";
        params.add(lastKey.id());
      } else {
        String key =
            column.type().sortExpression(executor.dialect(), executor.quote(column.name()));
        where += joiner + "(" + key + ", " + id + ") " + op + " (?, ?)";
        params.add(column.type().normalize(column.name(), lastKey.sortValue()));
        params.add(lastKey.id());
      }
    }
    params.add(capped);
    return new PageQuery(selectFrom() + where + " ORDER BY " + order + " LIMIT ?", params);
  }

  /** The cursor that continues after {@code row} in {@code orderBy} order. */
  public Cursor cursorOf(T row, Sort orderBy) {
    Column column = columns.requireKeysetKey(orderBy.column());
    Map<String, Object> values = mapping.values(row);
    return new Cursor(values.get(column.name()), (Long) values.get("id"));
  }

  /**
   * Sets the given fields of row {@code id} (and updated_at); returns the row as stored, or empty
   * when there is no such row.
   */
  public Optional<T> update(long id, Map<String, ?> fields) {
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("update of " + columns.table() + " with no fields");
    }
    List<Object> params = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    for (Map.Entry<String, ?> field : fields.entrySet()) {
      Column column = columns.requireWritable(field.getKey());
      if (column.name().equals("updated_at")) {
        continue;
      }
      sets.add(executor.quote(column.name()) + " = " + placeholder(column));
      params.add(column.type().normalize(column.name(), field.getValue()));
    }
    if (columns.has("updated_at")) {
      sets.add(executor.quote("updated_at") + " = ?");
      params.add(now());
    }
    params.add(id);
    return executor
        .jdbc()
        .inTransaction(
            transaction -> {
              int changed =
                  executor.update(
                      "UPDATE "
                          + executor.quote(columns.table())
                          + " SET "
                          + String.join(", ", sets)
                          + " WHERE "
                          + executor.quote("id")
                          + " = ?",
                      params,
                      Set.of(columns.table()));
              return changed == 0 ? Optional.<T>empty() : getById(id);
            });
  }

  public boolean delete(long id) {
    return executor.update(
            "DELETE FROM "
                + executor.quote(columns.table())
                + " WHERE "
                + executor.quote("id")
                + " = ?",
            List.of(id),
            deleteTouches)
        > 0;
  }

  /** Rows matching {@code filter}. */
  protected long count(Condition filter) {
    return executor
        .query(
            "SELECT COUNT(*) FROM "
                + executor.quote(columns.table())
                + (filter.sql().isEmpty() ? "" : " WHERE " + filter.sql()),
            filter.params(),
            row -> row.getLong(1),
            reads(Long.class))
        .getFirst();
  }

  /**
   * Streams every row matching {@code filter} in {@code orderBy} order into {@code action}, {@code
   * fetchSize} rows at a time (an export of millions of rows holds only those); returns the count.
   */
  protected long forEach(Condition filter, Sort orderBy, int fetchSize, Consumer<T> action) {
    return executor.forEach(
        selectFrom()
            + (filter.sql().isEmpty() ? "" : " WHERE " + filter.sql())
            + " ORDER BY "
            + orderBy(orderBy),
        filter.params(),
        fetchSize,
        mapper,
        action);
  }

  /** Rows matching every filter (column = value, or IS NULL for null); no filters counts all. */
  public long count(Map<String, ?> filters) {
    List<Object> params = new ArrayList<>();
    String where = where(filters, params);
    return executor
        .query(
            "SELECT COUNT(*) FROM " + executor.quote(columns.table()) + where,
            params,
            row -> row.getLong(1),
            reads(Long.class))
        .getFirst();
  }

  public boolean exists(Map<String, ?> filters) {
    List<Object> params = new ArrayList<>();
    String where = where(filters, params);
    return !executor
        .query(
            "SELECT 1 FROM " + executor.quote(columns.table()) + where + " LIMIT 1",
            params,
            row -> row.getInt(1),
            reads(Integer.class))
        .isEmpty();
  }

  // ----- for the specialised repositories

  /** Caching for reads of this table only. */
  protected Caching reads() {
    return reads;
  }

  /** Caching for reads of this table whose rows are of {@code type} (counts, statistics). */
  protected Caching reads(Class<?> type, String... tables) {
    return Caching.of(cacheTtl, tables.length == 0 ? new String[] {columns.table()} : tables)
        .shared(type);
  }

  protected RowMapper<T> mapper() {
    return mapper;
  }

  /** {@code SELECT <all columns> FROM <table>}. */
  protected String selectFrom() {
    String select = selectFrom;
    if (select == null) {
      select =
          "SELECT "
              + columns.names().stream().map(executor::quote).collect(Collectors.joining(", "))
              + " FROM "
              + executor.quote(columns.table());
      selectFrom = select;
    }
    return select;
  }

  protected Dialect dialect() {
    return executor.dialect();
  }

  protected String q(String name) {
    return executor.quote(name);
  }

  protected Instant now() {
    return (Instant) ColumnType.TIMESTAMP.normalize("now", clock.instant());
  }

  /** ORDER BY text for a sort: NULLs last, text by code point, ties broken by id. */
  protected String orderBy(Sort sort) {
    Column column = columns.requireComparable(sort.column());
    String direction = sort.direction() == Direction.ASC ? " ASC" : " DESC";
    String id = executor.quote("id");
    if (column.name().equals("id")) {
      return id + direction;
    }
    String quoted = executor.quote(column.name());
    String nullsLast = column.nullable() ? "(" + quoted + " IS NULL) ASC, " : "";
    return nullsLast
        + column.type().sortExpression(executor.dialect(), quoted)
        + direction
        + ", "
        + id
        + direction;
  }

  private String where(Map<String, ?> filters, List<Object> params) {
    if (filters.isEmpty()) {
      return "";
    }
    List<String> conditions = new ArrayList<>();
    // Every name is checked before any text is built.
    filters.keySet().forEach(columns::require);
    for (Map.Entry<String, ?> filter : filters.entrySet()) {
      conditions.add(condition(columns.require(filter.getKey()), filter.getValue(), params));
    }
    return " WHERE " + String.join(" AND ", conditions);
  }

  private String condition(Column column, Object value, List<Object> params) {
    columns.requireComparable(column.name());
    String quoted = executor.quote(column.name());
    if (value == null) {
      return quoted + " IS NULL";
    }
    params.add(column.type().normalize(column.name(), value));
    return quoted + " = ?";
  }

  private String placeholder(Column column) {
    return column.type().placeholder(executor.dialect());
  }

  /** The values of {@link #insertColumns}, with created_at/updated_at from the clock if unset. */
  private List<Object> insertRow(T row) {
    Map<String, Object> given = mapping.values(row);
    List<Object> values = new ArrayList<>(insertColumns.size());
    Instant now = now();
    for (Column column : insertColumns) {
      String name = column.name();
      Object value = given.get(name);
      values.add(value == null && isTimestamp(name) ? now : column.type().normalize(name, value));
    }
    return values;
  }

  private static boolean isTimestamp(String name) {
    return name.equals("created_at") || name.equals("updated_at");
  }

  private String insertSql() {
    return "INSERT INTO "
        + executor.quote(columns.table())
        + " ("
        + insertNames.stream().map(executor::quote).collect(Collectors.joining(", "))
        + ") VALUES ("
        + insertColumns.stream().map(this::placeholder).collect(Collectors.joining(", "))
        + ")";
  }
}
