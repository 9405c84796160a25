package io.clipdeck.data.model;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A row of {@code users}. The API key itself is never stored, only its SHA-256 hash.
 *
 * @param id null for a user not stored yet
 * @param apiKeyHash hex SHA-256 of the user's API key; null when none is issued
 */
public record User(
    Long id,
    String username,
    String email,
    String apiKeyHash,
    boolean active,
    BigDecimal credits,
    Instant createdAt,
    Instant updatedAt) {

  /** A new active user with no key and no credits. */
  public static User of(String username, String email) {
    return new User(null, username, email, null, true, BigDecimal.ZERO, null, null);
  }

  public User withCredits(BigDecimal value) {
    return new User(id, username, email, apiKeyHash, active, value, createdAt, updatedAt);
  }

  public User withApiKeyHash(String value) {
    return new User(id, username, email, value, active, credits, createdAt, updatedAt);
  }

  public User withActive(boolean value) {
    return new User(id, username, email, apiKeyHash, value, credits, createdAt, updatedAt);
  }

  /** Leaves the key hash out: it identifies the key, and logs have no use for it. */
  @Override
  public String toString() {
    return "User[id=" + id + ", username=" + username + ", active=" + active + "]";
  }
}
