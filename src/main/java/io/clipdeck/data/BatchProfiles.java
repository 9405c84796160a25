package io.clipdeck.data;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.Dialect;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Batches are fastest when the driver rewrites them into multi-row statements, which is a
 * connection property set when the pool opens: this returns the profile with it on (PostgreSQL's
 * {@code reWriteBatchedInserts}, Connector/J's {@code rewriteBatchedStatements}; SQLite needs none:
 * one transaction per chunk is what makes it fast). A value the profile sets itself wins.
 */
public final class BatchProfiles {

  private BatchProfiles() {}

  public static ConnectionProfile withBatchRewrite(ConnectionProfile profile) {
    Optional<String> property = Dialect.of(profile.kind()).batchRewriteProperty();
    if (property.isEmpty()) {
      return profile;
    }
    String key = property.get();
    if (profile.pool().connectArgs().keySet().stream().anyMatch(key::equalsIgnoreCase)) {
      return profile;
    }
    Map<String, String> args = new TreeMap<>(profile.pool().connectArgs());
    args.put(key, "true");
    return profile.withPool(profile.pool().toBuilder().connectArgs(args).build());
  }
}
