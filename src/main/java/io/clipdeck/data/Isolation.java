package io.clipdeck.data;

import java.sql.Connection;

/** Transaction isolation; {@link #DEFAULT} keeps the profile's (the server's) own level. */
public enum Isolation {
  DEFAULT(-1),
  READ_COMMITTED(Connection.TRANSACTION_READ_COMMITTED),
  REPEATABLE_READ(Connection.TRANSACTION_REPEATABLE_READ),
  SERIALIZABLE(Connection.TRANSACTION_SERIALIZABLE);

  private final int jdbcLevel;

  Isolation(int jdbcLevel) {
    this.jdbcLevel = jdbcLevel;
  }

  int jdbcLevel() {
    return jdbcLevel;
  }
}
