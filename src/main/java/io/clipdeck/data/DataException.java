package io.clipdeck.data;

/**
 * Every database failure the data layer lets out, as one of seven kinds a caller can act on. The
 * message says what happened and what to do; it never holds a bound value other than the ones a
 * constraint names, and never a password. The driver's exception stays available as the cause.
 */
public abstract sealed class DataException extends RuntimeException
    permits DataException.Unavailable,
        DataException.Timeout,
        DataException.ConstraintViolated,
        DataException.RetryableConflict,
        DataException.BadStatement,
        DataException.PermissionDenied,
        OutcomeUnknownException {

  private static final long serialVersionUID = 1L;

  /** The kinds, for callers that would rather switch than match on types. */
  public enum Kind {
    UNAVAILABLE,
    TIMEOUT,
    CONSTRAINT_VIOLATED,
    RETRYABLE_CONFLICT,
    BAD_STATEMENT,
    PERMISSION_DENIED,
    /** A write through a failover group lost its connection after it was sent. */
    OUTCOME_UNKNOWN
  }

  private final String sqlState;
  private final int vendorCode;

  DataException(String message, String sqlState, int vendorCode, Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
    this.vendorCode = vendorCode;
  }

  public abstract Kind kind();

  /** The driver's SQLState, or null when it gave none. */
  public String sqlState() {
    return sqlState;
  }

  /** The driver's vendor code (MySQL error number, SQLite extended result code), or 0. */
  public int vendorCode() {
    return vendorCode;
  }

  /** The server cannot be reached, or refused or dropped the connection. */
  public static final class Unavailable extends DataException {
    private static final long serialVersionUID = 1L;

    private final boolean commitInDoubt;
    private final String profile;

    Unavailable(String message, String sqlState, int vendorCode, Throwable cause) {
      this(message, sqlState, vendorCode, cause, false, null);
    }

    private Unavailable(
        String message,
        String sqlState,
        int vendorCode,
        Throwable cause,
        boolean commitInDoubt,
        String profile) {
      super(message, sqlState, vendorCode, cause);
      this.commitInDoubt = commitInDoubt;
      this.profile = profile;
    }

    /**
     * The same loss, met while the server was committing: the transaction may have been applied or
     * not, and only a look at the data can tell.
     */
    Unavailable duringCommit(String profile) {
      return new Unavailable(
          "Profile '"
              + profile
              + "': the connection was lost during COMMIT, so the transaction may or may not have"
              + " been applied. Check the data before repeating it.",
          sqlState(),
          vendorCode(),
          this,
          true,
          profile);
    }

    /** The profile whose COMMIT was lost, when {@link #commitInDoubt()}; else null. */
    public String inDoubtOn() {
      return profile;
    }

    /** True when the connection was lost during COMMIT and the outcome is unknown. */
    public boolean commitInDoubt() {
      return commitInDoubt;
    }

    @Override
    public Kind kind() {
      return Kind.UNAVAILABLE;
    }
  }

  /** A statement ran past its time limit and was cancelled. */
  public static final class Timeout extends DataException {
    private static final long serialVersionUID = 1L;

    Timeout(String message, String sqlState, int vendorCode, Throwable cause) {
      super(message, sqlState, vendorCode, cause);
    }

    @Override
    public Kind kind() {
      return Kind.TIMEOUT;
    }
  }

  /**
   * A unique, foreign key, check or not-null rule refused the change. {@link #constraint()} names
   * the rule (or the column, when the database names only that) and {@link #detail()} the offending
   * values when the driver gives them.
   */
  public static final class ConstraintViolated extends DataException {
    private static final long serialVersionUID = 1L;

    private final String constraint;
    private final String detail;

    ConstraintViolated(
        String message,
        String constraint,
        String detail,
        String sqlState,
        int vendorCode,
        Throwable cause) {
      super(message, sqlState, vendorCode, cause);
      this.constraint = constraint;
      this.detail = detail;
    }

    /** The constraint's name, or the table.column SQLite names; null when the driver gave none. */
    public String constraint() {
      return constraint;
    }

    /** The offending key and values as the server described them; null when it did not. */
    public String detail() {
      return detail;
    }

    @Override
    public Kind kind() {
      return Kind.CONSTRAINT_VIOLATED;
    }
  }

  /**
   * A serialization failure, deadlock, lock wait timeout or SQLite BUSY: the same work may succeed
   * when run again. {@link Jdbc#inTransaction} retries these a bounded number of times itself.
   */
  public static final class RetryableConflict extends DataException {
    private static final long serialVersionUID = 1L;

    RetryableConflict(String message, String sqlState, int vendorCode, Throwable cause) {
      super(message, sqlState, vendorCode, cause);
    }

    @Override
    public Kind kind() {
      return Kind.RETRYABLE_CONFLICT;
    }
  }

  /** The statement is wrong for this database: syntax, unknown table or column, bad value. */
  public static final class BadStatement extends DataException {
    private static final long serialVersionUID = 1L;

    BadStatement(String message, String sqlState, int vendorCode, Throwable cause) {
      super(message, sqlState, vendorCode, cause);
    }

    @Override
    public Kind kind() {
      return Kind.BAD_STATEMENT;
    }
  }

  /** The login lacks a privilege (or the credentials are refused, or the file is read-only). */
  public static final class PermissionDenied extends DataException {
    private static final long serialVersionUID = 1L;

    PermissionDenied(String message, String sqlState, int vendorCode, Throwable cause) {
      super(message, sqlState, vendorCode, cause);
    }

    @Override
    public Kind kind() {
      return Kind.PERMISSION_DENIED;
    }
  }
}
