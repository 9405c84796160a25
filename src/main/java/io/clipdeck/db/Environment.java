package io.clipdeck.db;

/**
 * What a profile's database is for. Production is where a slip costs most, so the console asks
 * before it writes there.
 */
public enum Environment {
  DEVELOPMENT,
  TEST,
  PRODUCTION;

  public boolean asksBeforeWrites() {
    return this == PRODUCTION;
  }
}
