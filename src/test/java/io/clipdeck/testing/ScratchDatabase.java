package io.clipdeck.testing;

import io.clipdeck.db.ConnectionProfile;

/** A database made for one test, dropped when the test closes it. */
public final class ScratchDatabase implements AutoCloseable {

  private final ConnectionProfile profile;
  private final Runnable drop;

  ScratchDatabase(ConnectionProfile profile, Runnable drop) {
    this.profile = profile;
    this.drop = drop;
  }

  public ConnectionProfile profile() {
    return profile;
  }

  @Override
  public void close() {
    drop.run();
  }
}
