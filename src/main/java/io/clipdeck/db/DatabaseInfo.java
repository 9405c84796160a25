package io.clipdeck.db;

/**
 * What a database says about itself.
 *
 * @param sizeBytes the database's size on disk, as the server reports it
 * @param role {@code primary} or {@code replica} for servers, {@code file} for SQLite
 */
public record DatabaseInfo(
    DatabaseKind kind,
    String serverVersion,
    long tableCount,
    long sizeBytes,
    String currentUser,
    String role) {

  public boolean isReplica() {
    return role.equals("replica");
  }
}
