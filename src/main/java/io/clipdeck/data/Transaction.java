package io.clipdeck.data;

import java.sql.Connection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The transaction a {@link Jdbc#inTransaction} callback runs in. Repository calls made inside the
 * callback find it and use its connection, so they join the transaction; the tables they write are
 * recorded here and their cache entries dropped once the transaction commits (not before, or a
 * concurrent reader could cache what is about to be rolled back or not yet visible).
 */
public final class Transaction {

  private final Connection connection;
  private final int attempt;
  private final Set<String> writtenTables = new LinkedHashSet<>();

  Transaction(Connection connection, int attempt) {
    this.connection = connection;
    this.attempt = attempt;
  }

  /** The transaction's connection; do not commit, roll back or close it. */
  public Connection connection() {
    return connection;
  }

  /** 1 for the first run of the callback, 2 for the first retry, and so on. */
  public int attempt() {
    return attempt;
  }

  void wrote(Set<String> tables) {
    writtenTables.addAll(tables);
  }

  Set<String> writtenTables() {
    return Set.copyOf(writtenTables);
  }
}
