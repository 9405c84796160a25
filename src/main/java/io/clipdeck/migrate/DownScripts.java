package io.clipdeck.migrate;

import io.clipdeck.db.Dialect;
import io.clipdeck.db.PooledDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs a migration's down script against the database, as a rollback's one step. */
final class DownScripts {

  private DownScripts() {}

  /**
   * Runs {@code downSql}, the down script of {@code row}, and removes the row from {@code
   * historyTable}, in one transaction where DDL allows; a failure names the statement and what
   * stayed applied.
   */
  static void run(PooledDatabase database, String historyTable, MigrationRow row, String downSql) {
    List<SqlScript.Statement> statements = SqlScript.split(downSql);
    boolean transactional = Dialect.of(database.profile().kind()).transactionalDdl();
    List<String> done = new ArrayList<>();
    try (Connection connection = database.connection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(!transactional);
      try {
        for (SqlScript.Statement statement : statements) {
          try (Statement sql = connection.createStatement()) {
            sql.execute(statement.sql());
          } catch (SQLException e) {
            throw new RollbackFailed(row, statement, e);
          }
          done.add(firstLine(statement.sql()));
        }
        try (PreparedStatement history =
            connection.prepareStatement("DELETE FROM " + historyTable + " WHERE version = ?")) {
          history.setString(1, row.version());
          history.executeUpdate();
        }
        if (transactional) {
          connection.commit();
        }
      } catch (RollbackFailed | SQLException e) {
        if (transactional) {
          connection.rollback();
        }
        String message = e instanceof RollbackFailed failed ? failed.getMessage() : e.getMessage();
        throw new IllegalStateException(
            message
                + (transactional
                    ? "; nothing was changed (the rollback ran in one transaction)"
                    : done.isEmpty()
                        ? "; nothing was changed"
                        : "; MySQL/MariaDB cannot roll back DDL, these statements stayed applied: "
                            + done),
            e);
      } finally {
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot roll back V" + row.version() + ": " + e.getMessage(), e);
    }
  }

  /** A down-script statement the database refused. */
  private static final class RollbackFailed extends Exception {
    private static final long serialVersionUID = 1L;

    RollbackFailed(MigrationRow row, SqlScript.Statement statement, SQLException cause) {
      super(
          "Rolling back V"
              + row.version()
              + " failed at line "
              + statement.line()
              + " of its down script: "
              + cause.getMessage()
              + " (statement: "
              + firstLine(statement.sql())
              + ")",
          cause);
    }
  }

  /** A statement's first line, marked when there is more. */
  static String firstLine(String text) {
    if (text == null) {
      return "";
    }
    String stripped = text.strip();
    int newline = stripped.indexOf('\n');
    return newline < 0 ? stripped : stripped.substring(0, newline) + " …";
  }
}
