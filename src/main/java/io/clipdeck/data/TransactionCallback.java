package io.clipdeck.data;

import java.sql.SQLException;

/**
 * Work inside one transaction. It may run more than once when a retryable conflict aborts an
 * attempt, so it must not have effects outside the database that cannot be repeated.
 */
@FunctionalInterface
public interface TransactionCallback<T> {
  T run(Transaction transaction) throws SQLException;
}
