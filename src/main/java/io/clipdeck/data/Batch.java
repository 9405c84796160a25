package io.clipdeck.data;

import io.clipdeck.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * Writes many rows in chunks, one transaction per chunk: inserts on PostgreSQL through COPY ({@link
 * PostgresCopy}), everything else through JDBC batches (rewritten into multi-row statements by the
 * driver when the profile allows it, see {@link BatchProfiles}). When the database refuses a row,
 * its chunk is rolled back whole and the error names the row: the line COPY's error gives, or else
 * the row found by replaying the chunk row by row in a transaction that is rolled back too.
 */
public final class Batch {

  /**
   * Rows per chunk when the caller does not say, the most a chunk may hold: a commit, PostgreSQL's
   * id reservation and SQLite's id check then cost a few per cent of the chunk (at 1,000 rows a
   * chunk SQLite ran at 0.7x its single-transaction insert, at 10,000 at 0.9x), and a chunk still
   * holds SQLite's write lock for a fraction of a second only.
   */
  public static final int DEFAULT_CHUNK_SIZE = Columns.MAX_LIMIT;

  private final QueryExecutor executor;
  private final int chunkSize;

  public Batch(QueryExecutor executor, int chunkSize) {
    if (chunkSize < 1 || chunkSize > Columns.MAX_LIMIT) {
      throw new IllegalArgumentException(
          "chunk size is " + chunkSize + ": use 1 to " + Columns.MAX_LIMIT);
    }
    this.executor = executor;
    this.chunkSize = chunkSize;
  }

  /**
   * Inserts rows (canonical values in {@code columns} order) into {@code table}, returning the
   * generated ids in row order. {@code rows} may be a view that makes each row when it is read.
   *
   * @param describe names row i in an error, e.g. {@code video_id=abc} (no secret values)
   */
  public BatchResult insert(
      String table,
      List<String> columns,
      List<ColumnType> types,
      List<List<Object>> rows,
      IntFunction<String> describe,
      BatchProgress progress) {
    StringBuilder sql =
        new StringBuilder("INSERT INTO ").append(executor.quote(table)).append(" (");
    StringBuilder values = new StringBuilder();
    for (int i = 0; i < columns.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(executor.quote(columns.get(i)));
      values.append(i == 0 ? "" : ", ").append(types.get(i).placeholder(executor.dialect()));
    }
    String text = sql.append(") VALUES (").append(values).append(")").toString();
    PostgresCopy copy =
        executor.dialect().copiesIn()
            ? new PostgresCopy(
                executor.quote(table), columns, columns.stream().map(executor::quote).toList())
            : null;
    return run(text, rows, Set.of(table), executor.quote(table), copy, describe, progress);
  }

  /** Runs one UPDATE (or DELETE) per parameter row, chunked the same way. */
  public BatchResult update(
      String sql,
      List<List<Object>> rows,
      Set<String> tables,
      IntFunction<String> describe,
      BatchProgress progress) {
    return run(sql, rows, tables, null, null, describe, progress);
  }

  private BatchResult run(
      String sql,
      List<List<Object>> rows,
      Set<String> tables,
      String insertInto,
      PostgresCopy copy,
      IntFunction<String> describe,
      BatchProgress progress) {
    List<Long> ids = new ArrayList<>(insertInto != null ? rows.size() : 0);
    // What metrics and the slow-statement log name: the statement that actually ran.
    String statement = copy == null ? sql : copy.statement();
    long affected = 0;
    int chunks = 0;
    for (int from = 0; from < rows.size(); from += chunkSize) {
      int start = from;
      // Copied: each row is read once per chunk (the rows may be a view that makes them on read).
      List<List<Object>> chunk =
          new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + chunkSize)));
      long begin = System.nanoTime();
      try {
        ChunkResult result =
            executor
                .jdbc()
                .inTransaction(
                    transaction -> {
                      ChunkResult written =
                          copy == null
                              ? writeChunk(transaction.connection(), sql, chunk, insertInto)
                              : copyChunk(transaction.connection(), copy, chunk);
                      executor.wrote(tables);
                      return written;
                    });
        executor.recordExternal(statement, System.nanoTime() - begin, false);
        ids.addAll(result.ids());
        affected += result.affected();
        chunks++;
        progress.chunkCommitted(chunks, start + chunk.size(), rows.size());
      } catch (DataException e) {
        executor.recordExternal(statement, System.nanoTime() - begin, true);
        throw failure(chunk, start, chunks + 1, e, locate(sql, chunk, copy, e), describe);
      } catch (PostgresCopy.UnstorableValue e) {
        executor.recordExternal(statement, System.nanoTime() - begin, true);
        DataException refused =
            new DataException.BadStatement(
                "Profile '" + executor.profileName() + "': " + e.getMessage() + ".",
                // PostgreSQL's own state for a NUL in text (character_not_in_repertoire).
                "22021",
                0,
                e);
        throw failure(chunk, start, chunks + 1, refused, new Located(e.row(), refused), describe);
      }
    }
    return new BatchResult(ids, affected, chunks);
  }

  private record ChunkResult(List<Long> ids, long affected) {}

  private static ChunkResult copyChunk(
      Connection connection, PostgresCopy copy, List<List<Object>> chunk) throws SQLException {
    List<Long> ids = copy.write(connection, chunk);
    return new ChunkResult(ids, ids.size());
  }

  /**
   * A JDBC batch of the chunk; {@code insertInto} is the (quoted) table of an insert, else null.
   */
  private ChunkResult writeChunk(
      Connection connection, String sql, List<List<Object>> chunk, String insertInto)
      throws SQLException {
    Dialect dialect = executor.dialect();
    boolean insert = insertInto != null;
    boolean keysFromDriver = insert && dialect.batchKeysFromDriver();
    try (PreparedStatement statement =
        keysFromDriver
            ? connection.prepareStatement(sql, new String[] {"id"})
            : connection.prepareStatement(sql)) {
      for (List<Object> row : chunk) {
        dialect.bindAll(statement, row);
        statement.addBatch();
      }
      int[] counts = statement.executeBatch();
      long affected = 0;
      for (int count : counts) {
        // SUCCESS_NO_INFO (-2) when the driver rewrote the batch: one row per entry then.
        affected += count >= 0 ? count : 1;
      }
      if (!insert) {
        return new ChunkResult(List.of(), affected);
      }
      List<Long> ids =
          keysFromDriver
              ? driverKeys(statement, chunk.size())
              : sqliteRowids(connection, insertInto, chunk.size());
      return new ChunkResult(ids, affected);
    }
  }

  private static List<Long> driverKeys(PreparedStatement statement, int rows) throws SQLException {
    List<Long> ids = new ArrayList<>(rows);
    try (ResultSet keys = statement.getGeneratedKeys()) {
      while (keys.next()) {
        ids.add(keys.getLong(1));
      }
    }
    if (ids.size() != rows) {
      throw new IllegalStateException(
          "The driver returned " + ids.size() + " ids for " + rows + " rows");
    }
    return ids;
  }

  /**
   * The rowids SQLite gave the chunk's rows, which its driver does not return for a batch (and a
   * {@code RETURNING} result set per row makes the insert about three times slower). Inside the
   * chunk's transaction this connection holds the database's only write lock, so the rows took
   * consecutive rowids ending at {@code last_insert_rowid()}; counting the table's rows in that
   * range checks it (a table whose largest rowid is at the maximum gets random ones) before they
   * are used.
   */
  private static List<Long> sqliteRowids(Connection connection, String table, int rows)
      throws SQLException {
    long last;
    long inRange;
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT last_insert_rowid(), (SELECT COUNT(*) FROM "
                + table
                + " WHERE rowid BETWEEN last_insert_rowid() - ? + 1 AND last_insert_rowid())")) {
      statement.setInt(1, rows);
      try (ResultSet row = statement.executeQuery()) {
        row.next();
        last = row.getLong(1);
        inRange = row.getLong(2);
      }
    }
    if (inRange != rows) {
      throw new IllegalStateException(
          "SQLite did not give the "
              + rows
              + " rows of the chunk consecutive rowids (the table's largest rowid may be at its"
              + " maximum); the chunk is rolled back");
    }
    List<Long> ids = new ArrayList<>(rows);
    for (long id = last - rows + 1; id <= last; id++) {
      ids.add(id);
    }
    return ids;
  }

  /** The exception naming the refused row ({@code located}; null when no single row was). */
  private static BatchFailedException failure(
      List<List<Object>> chunk,
      int start,
      int chunkNumber,
      DataException error,
      Located located,
      IntFunction<String> describe) {
    long committed = start;
    int bad = located == null ? -1 : start + located.index();
    DataException cause = located == null ? error : located.error();
    String row = bad < 0 ? "a row" : "row " + bad + " (" + describe.apply(bad) + ")";
    return new BatchFailedException(
        "Batch chunk "
            + chunkNumber
            + " (rows "
            + start
            + "–"
            + (start + chunk.size() - 1)
            + ") was refused at "
            + row
            + " and rolled back; the "
            + committed
            + " rows of the chunks before it are committed. "
            + cause.getMessage(),
        bad,
        committed,
        cause);
  }

  private record Located(int index, DataException error) {}

  /**
   * Which row of the failed chunk the database refused: the line a COPY's error names, else the row
   * a replay finds (a foreign key is checked after COPY's last row, so it names none).
   */
  private Located locate(
      String sql, List<List<Object>> chunk, PostgresCopy copy, DataException error) {
    if (!(error instanceof DataException.ConstraintViolated
        || error instanceof DataException.BadStatement)) {
      return null;
    }
    if (copy != null) {
      OptionalInt line = PostgresCopy.refusedRow(error);
      if (line.isPresent() && line.getAsInt() >= 0 && line.getAsInt() < chunk.size()) {
        return new Located(line.getAsInt(), error);
      }
    }
    return replay(sql, chunk);
  }

  /** Replays the failed chunk row by row (rolled back) to name the refused row. */
  private Located replay(String sql, List<List<Object>> chunk) {
    try {
      return executor
          .jdbc()
          .inTransaction(
              transaction -> {
                Connection connection = transaction.connection();
                try {
                  for (int i = 0; i < chunk.size(); i++) {
                    try (PreparedStatement statement = connection.prepareStatement(sql)) {
                      executor.dialect().bindAll(statement, chunk.get(i));
                      statement.executeUpdate();
                    } catch (SQLException e) {
                      return new Located(i, executor.jdbc().translate(e));
                    }
                  }
                  return null;
                } finally {
                  // Only a probe: nothing of it stays.
                  connection.rollback();
                }
              });
    } catch (DataException e) {
      return null;
    }
  }
}
