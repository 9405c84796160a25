package io.clipdeck.data;

import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Dialect;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;
import java.util.regex.Pattern;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.sqlite.SQLiteException;

/**
 * Turns a driver's {@link SQLException} into one {@link DataException} kind, by SQLState and vendor
 * code per database: the three drivers disagree on both, and callers should not have to know any.
 */
public final class SqlErrors {

  /** Words that mark a value as secret: such values never reach a message. */
  private static final Pattern SENSITIVE =
      Pattern.compile("(?i)password|passwd|secret|token|api_key(?!_hash)");

  private SqlErrors() {}

  /** The typed failure for {@code error}, raised while working on profile {@code profile}. */
  public static DataException translate(DatabaseKind kind, String profile, SQLException error) {
    SQLException root = rootOf(error);
    String state = root.getSQLState() == null ? error.getSQLState() : root.getSQLState();
    int code = vendorCode(root);
    String driverMessage = redact(String.valueOf(root.getMessage()));
    String where = "Profile '" + profile + "': ";
    if (Dialect.of(kind).readOnlyServerError(state, code)) {
      return new DataException.PermissionDenied(
          where
              + "the server takes no writes: it is a replica or runs read-only ("
              + driverMessage
              + "). Send writes to the primary; in a failover group, promote the serving member"
              + " or wait for the primary to return.",
          state,
          code,
          error);
    }
    return switch (classify(kind, root, state, code)) {
      case UNAVAILABLE ->
          new DataException.Unavailable(
              where
                  + "the database is unavailable ("
                  + driverMessage
                  + "). Check that the server runs and the profile's host, port and file are"
                  + " right, then try again.",
              state,
              code,
              error);
      case TIMEOUT ->
          new DataException.Timeout(
              where
                  + "the statement ran past its time limit and was cancelled ("
                  + driverMessage
                  + "). Narrow the query (filters, a smaller limit) or raise statement_timeout.",
              state,
              code,
              error);
      case RETRYABLE_CONFLICT ->
          new DataException.RetryableConflict(
              where
                  + "a concurrent transaction conflicted with this one ("
                  + driverMessage
                  + "). Nothing was changed; run it again.",
              state,
              code,
              error);
      case PERMISSION_DENIED ->
          new DataException.PermissionDenied(
              where
                  + "permission denied ("
                  + driverMessage
                  + "). Grant the profile's user the privilege, or use a profile whose user has it.",
              state,
              code,
              error);
      case BAD_STATEMENT ->
          new DataException.BadStatement(
              where
                  + "the database refused the statement ("
                  + driverMessage
                  + "). Check the table, column and value types against the schema version.",
              state,
              code,
              error);
      case CONSTRAINT_VIOLATED -> constraint(kind, where, root, state, code, driverMessage, error);
      // Raised by Jdbc on a failover group, never read from a driver's error.
      case OUTCOME_UNKNOWN -> throw new IllegalStateException("not a driver error's kind");
    };
  }

  private static DataException.Kind classify(
      DatabaseKind kind, SQLException root, String state, int code) {
    return Dialect.of(kind)
        .errorKind(state, code, root instanceof SQLiteException)
        .map(SqlErrors::kind)
        .orElseGet(
            () ->
                generic(
                    root,
                    state != null && state.startsWith("08")
                        ? DataException.Kind.UNAVAILABLE
                        : null));
  }

  private static DataException.Kind kind(Dialect.ErrorKind kind) {
    return switch (kind) {
      case UNAVAILABLE -> DataException.Kind.UNAVAILABLE;
      case TIMEOUT -> DataException.Kind.TIMEOUT;
      case CONSTRAINT_VIOLATED -> DataException.Kind.CONSTRAINT_VIOLATED;
      case RETRYABLE_CONFLICT -> DataException.Kind.RETRYABLE_CONFLICT;
      case BAD_STATEMENT -> DataException.Kind.BAD_STATEMENT;
      case PERMISSION_DENIED -> DataException.Kind.PERMISSION_DENIED;
    };
  }

  /** The JDBC 4 exception subclasses, for what the vendor tables above do not name. */
  private static DataException.Kind generic(SQLException root, DataException.Kind fallback) {
    if (root instanceof SQLTimeoutException) {
      return DataException.Kind.TIMEOUT;
    }
    if (root instanceof SQLTransientConnectionException
        || root instanceof SQLNonTransientConnectionException) {
      return DataException.Kind.UNAVAILABLE;
    }
    if (root instanceof SQLTransactionRollbackException) {
      return DataException.Kind.RETRYABLE_CONFLICT;
    }
    if (root instanceof SQLIntegrityConstraintViolationException) {
      return DataException.Kind.CONSTRAINT_VIOLATED;
    }
    if (root instanceof SQLInvalidAuthorizationSpecException) {
      return DataException.Kind.PERMISSION_DENIED;
    }
    return fallback == null ? DataException.Kind.BAD_STATEMENT : fallback;
  }

  private static DataException constraint(
      DatabaseKind kind,
      String where,
      SQLException root,
      String state,
      int code,
      String driverMessage,
      SQLException error) {
    String name = null;
    String detail = null;
    if (root instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
      ServerErrorMessage server = psql.getServerErrorMessage();
      name = server.getConstraint();
      if (name == null && server.getColumn() != null) {
        name = server.getTable() + "." + server.getColumn();
      }
      detail = server.getDetail() == null ? null : redact(server.getDetail());
    } else if (Dialect.of(kind).namesConstraintsInMessages()) {
      name = Dialect.of(kind).constraintNameIn(driverMessage).orElse(null);
      detail = driverMessage;
    }
    String named = name == null ? "a constraint" : "constraint " + name;
    return new DataException.ConstraintViolated(
        where
            + named
            + " refused the change"
            + (detail == null ? "" : " (" + detail + ")")
            + ". Nothing was written: fix the value (a unique value, an existing parent row, an"
            + " allowed status) and try again.",
        name,
        detail,
        state,
        code,
        error);
  }

  /** The exception that carries the server's own error: a batch's next, a pool's cause. */
  private static SQLException rootOf(SQLException error) {
    SQLException current = error;
    for (int depth = 0; depth < 5; depth++) {
      if (current instanceof BatchUpdateException && current.getNextException() != null) {
        current = current.getNextException();
      } else if ((current.getSQLState() == null || current.getSQLState().startsWith("08"))
          && current.getCause() instanceof SQLException cause) {
        current = cause;
      } else {
        break;
      }
    }
    return current;
  }

  private static int vendorCode(SQLException root) {
    // Only SQLite's driver throws its own exception, with the extended result code.
    if (root instanceof SQLiteException sqlite) {
      return sqlite.getResultCode().code;
    }
    return root.getErrorCode();
  }

  /** Drops quoted values from a text that mentions a secret-looking column. */
  static String redact(String text) {
    if (!SENSITIVE.matcher(text).find()) {
      return text;
    }
    return text.replaceAll("'[^']*'", "'***'").replaceAll("=\\([^)]*\\)", "=(***)");
  }
}
