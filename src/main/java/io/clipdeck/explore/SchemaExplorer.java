package io.clipdeck.explore;

import io.clipdeck.data.SqlErrors;
import io.clipdeck.data.VideoExport;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Dialect;
import io.clipdeck.db.PooledDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * One profile's schema explorer: what its database holds, read from the server's catalog as the
 * tree asks (a schema's objects when it is opened, a table's columns and indexes when that is), the
 * DDL of any object, table sizes from the catalog's statistics, and a grid over any table or view
 * paged by key, filtered and sorted per column, exported as it streams. Every call borrows a
 * connection from the profile's pool for its own duration; errors leave as {@link
 * io.clipdeck.data.DataException}s, names not in the catalog as {@link UnknownIdentifierException}s
 * before any SQL is built from them.
 */
public final class SchemaExplorer {

  /** Rows fetched per round trip while an export streams. */
  static final int EXPORT_FETCH = 1_000;

  /** Progress is told every so many exported rows. */
  public static final long PROGRESS_EVERY = 10_000;

  private final PooledDatabase database;
  private final Catalog catalog;
  private final Dialect dialect;

  public SchemaExplorer(PooledDatabase database) {
    this.database = database;
    this.catalog = Catalog.of(Dialect.of(database.profile().kind()));
    this.dialect = Dialect.of(database.profile().kind());
  }

  public String profileName() {
    return database.profile().name();
  }

  public DatabaseKind kind() {
    return database.profile().kind();
  }

  /** The schemas (MySQL/MariaDB: databases; SQLite: attached files), the current one first. */
  public List<String> schemas() {
    return read(catalog::schemas);
  }

  /** The schema the profile's connections start in. */
  public String defaultSchema() {
    return read(catalog::defaultSchema);
  }

  /** Tables, views, materialised views, sequences and functions of a schema, by kind and name. */
  public List<SchemaObject> objects(String schema) {
    return read(
        connection -> {
          requireSchema(connection, schema);
          return catalog.objects(connection, schema);
        });
  }

  /** Every object of every schema whose name holds {@code text}, case-insensitive. */
  public List<SchemaObject> search(String text) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    return read(
        connection -> {
          List<SchemaObject> found = new ArrayList<>();
          for (String schema : catalog.schemas(connection)) {
            for (SchemaObject object : catalog.objects(connection, schema)) {
              if (object.name().toLowerCase(Locale.ROOT).contains(wanted)) {
                found.add(object);
              }
            }
          }
          return found;
        });
  }

  /**
   * The tables of a schema with their estimated rows and size from the catalog's statistics (never
   * a count), largest first; tables of unknown size last, by name.
   */
  public List<TableStats> tables(String schema) {
    return read(
        connection -> {
          requireSchema(connection, schema);
          List<TableStats> stats = new ArrayList<>(catalog.tableStats(connection, schema));
          stats.sort(BY_SIZE);
          return stats;
        });
  }

  /** Largest first; unknown sizes last; then by name. */
  public static final Comparator<TableStats> BY_SIZE =
      Comparator.comparing(
              TableStats::sizeBytes, Comparator.nullsLast(Comparator.<Long>reverseOrder()))
          .thenComparing(TableStats::name);

  /** A table's or view's columns, indexes, constraints (with foreign keys) and triggers. */
  public TableDetails details(String schema, String table) {
    return read(
        connection -> {
          SchemaObject object = requireRelation(connection, schema, table);
          boolean isTable =
              object.kind() == ObjectKind.TABLE || object.kind() == ObjectKind.MATERIALIZED_VIEW;
          return new TableDetails(
              catalog.columns(connection, schema, table),
              isTable ? catalog.indexes(connection, schema, table) : List.of(),
              object.kind() == ObjectKind.TABLE
                  ? catalog.constraints(connection, schema, table)
                  : List.of(),
              object.kind() == ObjectKind.TABLE
                  ? catalog.triggers(connection, schema, table)
                  : List.of());
        });
  }

  /** The DDL of an object, as the server keeps or rebuilds it. */
  public String ddl(SchemaObject object) {
    return read(
        connection -> {
          if (object.kind() == ObjectKind.SCHEMA) {
            requireSchema(connection, object.name());
          } else {
            requireSchema(connection, object.schema());
            if (object.table() != null) {
              requireRelation(connection, object.schema(), object.table());
            } else if (catalog.objects(connection, object.schema()).stream()
                .noneMatch(
                    known -> known.kind() == object.kind() && known.name().equals(object.name()))) {
              throw PostgresCatalog.missing(object);
            }
          }
          return catalog.ddl(connection, object);
        });
  }

  /**
   * What orders a table's pages: its primary key, else a usable unique index, else the fallback.
   */
  public PagingKey pagingKey(String schema, String table) {
    return read(connection -> pagingKey(connection, requireRelation(connection, schema, table)));
  }

  private PagingKey pagingKey(Connection connection, SchemaObject relation) throws SQLException {
    if (relation.kind() == ObjectKind.VIEW) {
      return new PagingKey(PagingKey.Kind.OFFSET, null, List.of());
    }
    String schema = relation.schema();
    String table = relation.name();
    List<ColumnInfo> columns = catalog.columns(connection, schema, table);
    List<String> notNull =
        columns.stream().filter(column -> !column.nullable()).map(ColumnInfo::name).toList();
    List<IndexInfo> indexes = catalog.indexes(connection, schema, table);
    for (IndexInfo index : indexes) {
      if (index.primary() && index.plain() && notNull.containsAll(index.columns())) {
        return new PagingKey(PagingKey.Kind.PRIMARY_KEY, index.name(), index.columns());
      }
    }
    IndexInfo unique =
        indexes.stream()
            .filter(
                index ->
                    index.unique()
                        && index.plain()
                        && !index.columns().isEmpty()
                        && notNull.containsAll(index.columns()))
            .min(
                Comparator.comparingInt((IndexInfo index) -> index.columns().size())
                    .thenComparing(IndexInfo::name))
            .orElse(null);
    if (unique != null) {
      return new PagingKey(PagingKey.Kind.UNIQUE_INDEX, unique.name(), unique.columns());
    }
    if (catalog.rowLocator() != null) {
      return new PagingKey(PagingKey.Kind.ROW_LOCATOR, catalog.rowLocator().name(), List.of());
    }
    return new PagingKey(PagingKey.Kind.OFFSET, null, List.of());
  }

  /**
   * One page of a table's or view's rows.
   *
   * @param after null for the first page, else the previous page's {@link GridPage#next()}
   */
  public GridPage page(GridQuery query, GridCursor after) {
    return read(connection -> reader(connection, query).page(connection, after));
  }

  /** The statement a page runs, for display (values are bound, not shown). */
  public String pageStatement(GridQuery query) {
    return read(connection -> reader(connection, query).statement(null, query.pageSize()).sql());
  }

  private GridReader reader(Connection connection, GridQuery query) throws SQLException {
    SchemaObject relation = requireRelation(connection, query.schema(), query.table());
    return new GridReader(
        catalog,
        kind(),
        query,
        catalog.columns(connection, relation.schema(), relation.name()),
        pagingKey(connection, relation));
  }

  /**
   * Writes every row the query's filters let through, in its order, to {@code file}, as the rows
   * stream from the server (a fetch's worth in memory). The file appears whole or not at all: it is
   * written beside the target and moved into place at the end.
   *
   * @param progress told the number of rows written every {@value #PROGRESS_EVERY} rows
   * @return the number of rows written
   */
  public long export(GridQuery query, Path file, VideoExport.Format format, LongConsumer progress)
      throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    try {
      long written;
      try (OutputStream out = Files.newOutputStream(partial)) {
        written = read(connection -> stream(connection, query, out, format, progress));
      }
      Files.move(
          partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return written;
    } catch (UncheckedIOException e) {
      Files.deleteIfExists(partial);
      throw e.getCause();
    } catch (IOException | RuntimeException e) {
      // A half-written export is never left where the user looks for the file.
      Files.deleteIfExists(partial);
      throw e;
    }
  }

  private long stream(
      Connection connection,
      GridQuery query,
      OutputStream out,
      VideoExport.Format format,
      LongConsumer progress)
      throws SQLException {
    GridReader reader = reader(connection, query);
    GridReader.Statement statement = reader.statement(null, null);
    boolean transaction = dialect.streamingNeedsTransaction(connection);
    if (transaction) {
      connection.setAutoCommit(false);
    }
    long written = 0;
    try (PreparedStatement prepared = reader.prepare(connection, statement)) {
      dialect.prepareForStreaming(prepared, EXPORT_FETCH);
      try (ResultSet rows = prepared.executeQuery();
          GridExport export = GridExport.of(format, out, reader.columnNames())) {
        while (rows.next()) {
          export.row(reader.cells(rows));
          if (++written % PROGRESS_EVERY == 0) {
            progress.accept(written);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } finally {
      if (transaction) {
        connection.rollback();
        connection.setAutoCommit(true);
      }
    }
    return written;
  }

  private void requireSchema(Connection connection, String schema) throws SQLException {
    if (schema == null || !catalog.schemas(connection).contains(schema)) {
      throw new UnknownIdentifierException(
          "There is no schema '" + schema + "' in " + profileName());
    }
  }

  /** The table, view or materialised view of that exact name, or an unknown-name error. */
  private SchemaObject requireRelation(Connection connection, String schema, String table)
      throws SQLException {
    requireSchema(connection, schema);
    return catalog
        .relation(connection, schema, table)
        .orElseThrow(
            () ->
                new UnknownIdentifierException(
                    "There is no table or view '" + table + "' in " + schema));
  }

  private <T> T read(Work<T> work) {
    try (Connection connection = database.connection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw SqlErrors.translate(kind(), profileName(), e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
