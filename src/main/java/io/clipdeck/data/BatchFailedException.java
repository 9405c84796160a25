package io.clipdeck.data;

/**
 * A batch stopped at a row the database refused. Every chunk before the failing one is committed;
 * nothing of the failing chunk is. {@link #getCause()} is the typed {@link DataException}.
 */
public final class BatchFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final long rowIndex;
  private final long committedRows;

  BatchFailedException(String message, long rowIndex, long committedRows, DataException cause) {
    super(message, cause);
    this.rowIndex = rowIndex;
    this.committedRows = committedRows;
  }

  /** The 0-based index of the refused row in the batch's input; -1 when no single row was. */
  public long rowIndex() {
    return rowIndex;
  }

  /** Rows committed by the chunks before the failing one. */
  public long committedRows() {
    return committedRows;
  }

  public DataException dataException() {
    return (DataException) getCause();
  }
}
