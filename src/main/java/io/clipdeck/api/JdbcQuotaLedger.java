package io.clipdeck.api;

import io.clipdeck.db.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A ledger in a database every console and worker reaches (PostgreSQL, MySQL/MariaDB or SQLite). It
 * keeps table {@code api_quota (provider, window_start, calls)}, created when missing; {@code
 * provider} holds the bucket and window length, {@code window_start} epoch milliseconds.
 *
 * <p>Spending is one transaction per call: make sure each window's row exists (an insert that does
 * nothing on conflict), then {@code UPDATE ... SET calls = calls + units WHERE ... AND calls <=
 * limit - units}; if any window is full the transaction rolls back. The conditional update is
 * atomic on every dialect, so two processes can never both take the last call of a window.
 */
public final class JdbcQuotaLedger implements QuotaLedger {

  private static final String PARKED = "/parked";

  private final DataSource dataSource;

  /** Inserts a window's row at zero calls unless it is there. */
  private final String ensureRow;

  /** Connects once to learn the dialect and create the table. */
  public JdbcQuotaLedger(DataSource dataSource) {
    this.dataSource = dataSource;
    try (Connection connection = dataSource.getConnection()) {
      this.ensureRow =
          Dialect.ofProduct(connection.getMetaData().getDatabaseProductName())
              .insertIgnoringDuplicates(
                  "INSERT INTO api_quota (provider, window_start, calls) VALUES (?, ?, 0)",
                  "calls");
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "CREATE TABLE IF NOT EXISTS api_quota (provider VARCHAR(200) NOT NULL,"
                + " window_start BIGINT NOT NULL, calls BIGINT NOT NULL,"
                + " PRIMARY KEY (provider, window_start))");
      }
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot prepare table api_quota: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean trySpend(String bucket, List<Spend> spends, Instant now) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false);
      try {
        boolean counted = countAll(connection, bucket, spends, now);
        if (counted) {
          connection.commit();
        } else {
          connection.rollback();
        }
        return counted;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record quota in api_quota: " + e.getMessage(), e);
    }
  }

  private boolean countAll(Connection connection, String bucket, List<Spend> spends, Instant now)
      throws SQLException {
    for (Spend spend : spends) {
      QuotaWindow window = spend.window();
      String row = QuotaLedger.rowKey(bucket, window);
      long start = window.startOf(now).toEpochMilli();
      boolean newWindow;
      try (PreparedStatement ensure = connection.prepareStatement(ensureRow)) {
        ensure.setString(1, row);
        ensure.setLong(2, start);
        newWindow = ensure.executeUpdate() > 0;
      }
      if (newWindow) {
        forgetOldWindows(connection, row, window.previousStart(now).toEpochMilli());
      }
      try (PreparedStatement update =
          connection.prepareStatement(
              "UPDATE api_quota SET calls = calls + ?"
                  + " WHERE provider = ? AND window_start = ? AND calls <= ?")) {
        update.setLong(1, spend.units());
        update.setString(2, row);
        update.setLong(3, start);
        update.setLong(4, window.limit() - spend.units());
        if (update.executeUpdate() == 0) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * Rows of past windows count nothing any more; dropping them as each new one opens keeps the
   * table at about two rows per bucket and window.
   */
  private static void forgetOldWindows(Connection connection, String row, long before)
      throws SQLException {
    try (PreparedStatement forget =
        connection.prepareStatement(
            "DELETE FROM api_quota WHERE provider = ? AND window_start < ?")) {
      forget.setString(1, row);
      forget.setLong(2, before);
      forget.executeUpdate();
    }
  }

  @Override
  public long spent(String bucket, QuotaWindow window, Instant now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT calls FROM api_quota WHERE provider = ? AND window_start = ?")) {
      query.setString(1, QuotaLedger.rowKey(bucket, window));
      query.setLong(2, window.startOf(now).toEpochMilli());
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read api_quota: " + e.getMessage(), e);
    }
  }

  /**
   * A parking is a row {@code <bucket>/parked} whose {@code window_start} is the end of the
   * parking, so the table needs no other column.
   */
  @Override
  public void park(String bucket, Instant until) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(ensureRow)) {
      insert.setString(1, bucket + PARKED);
      insert.setLong(2, until.toEpochMilli());
      insert.executeUpdate();
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot record a parking in api_quota: " + e.getMessage(), e);
    }
  }

  @Override
  public Optional<Instant> parkedUntil(String bucket, Instant now) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT MAX(window_start) FROM api_quota WHERE provider = ? AND window_start > ?")) {
      query.setString(1, bucket + PARKED);
      query.setLong(2, now.toEpochMilli());
      try (ResultSet rows = query.executeQuery()) {
        if (rows.next()) {
          long until = rows.getLong(1);
          if (!rows.wasNull()) {
            return Optional.of(Instant.ofEpochMilli(until));
          }
        }
        return Optional.empty();
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read api_quota: " + e.getMessage(), e);
    }
  }
}
