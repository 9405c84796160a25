package io.clipdeck.data.repo;

import io.clipdeck.data.Column;
import io.clipdeck.data.ColumnType;
import io.clipdeck.data.Columns;
import io.clipdeck.data.Isolation;
import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.RowMapper;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.UserStats;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.db.Dialect;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Users: by API key (hashed), by email, active ones, their totals, and credit transfers. */
public final class UserRepository extends TableRepository<User> {

  public static final Columns COLUMNS =
      Columns.of(
          "users",
          Column.readOnly("id", ColumnType.ID),
          Column.required("username", ColumnType.TEXT),
          Column.required("email", ColumnType.TEXT),
          Column.optional("api_key_hash", ColumnType.TEXT),
          Column.required("is_active", ColumnType.BOOLEAN),
          Column.required("credits", ColumnType.DECIMAL),
          Column.readOnly("created_at", ColumnType.TIMESTAMP),
          Column.readOnly("updated_at", ColumnType.TIMESTAMP));

  public UserRepository(QueryExecutor executor, Clock clock, Duration cacheTtl) {
    super(executor, new Mapping(), clock, cacheTtl);
  }

  /** Stores a new user holding {@code apiKey}: only the key's hash is written. */
  public User createWithApiKey(User user, String apiKey) {
    return create(user.withApiKeyHash(ApiKeys.hash(apiKey)));
  }

  /** Gives the user a new API key, replacing any old one; returns the key, which is not stored. */
  public String issueApiKey(long userId) {
    String key = ApiKeys.generate();
    update(userId, Map.of("api_key_hash", ApiKeys.hash(key)))
        .orElseThrow(() -> new IllegalArgumentException("No user with id " + userId));
    return key;
  }

  /** The user holding this key, found by the key's hash. */
  public Optional<User> getByApiKey(String apiKey) {
    return getByField("api_key_hash", ApiKeys.hash(apiKey)).stream().findFirst();
  }

  public Optional<User> getByEmail(String email) {
    return getByField("email", email).stream().findFirst();
  }

  /** Active users by id, at most {@code limit} (capped at 10,000). */
  public List<User> activeUsers(int limit) {
    return executor.query(
        selectFrom() + " WHERE " + q("is_active") + " = ? ORDER BY " + q("id") + " LIMIT ?",
        List.of(true, Columns.cappedLimit(limit)),
        mapper(),
        reads());
  }

  /** One user's videos, clips and model usage totals. */
  public UserStats stats(long userId) {
    String videos = q("videos");
    String userIdColumn = q("user_id");
    String sql =
        "SELECT (SELECT COUNT(*) FROM "
            + videos
            + " WHERE "
            + userIdColumn
            + " = ?), (SELECT COUNT(*) FROM "
            + videos
            + " WHERE "
            + userIdColumn
            + " = ? AND "
            + q("status")
            + " = ?), (SELECT COUNT(*) FROM "
            + videos
            + " WHERE "
            + userIdColumn
            + " = ? AND "
            + q("status")
            + " = ?), (SELECT COUNT(*) FROM "
            + q("clips")
            + " c JOIN "
            + videos
            + " v ON c."
            + q("video_id")
            + " = v."
            + q("id")
            + " WHERE v."
            + userIdColumn
            + " = ?), (SELECT COUNT(*) FROM "
            + q("model_usage")
            + " WHERE "
            + userIdColumn
            + " = ?), (SELECT COALESCE(SUM("
            + q("tokens")
            + "), 0) FROM "
            + q("model_usage")
            + " WHERE "
            + userIdColumn
            + " = ?), (SELECT COALESCE(SUM("
            + q("cost")
            + "), 0) FROM "
            + q("model_usage")
            + " WHERE "
            + userIdColumn
            + " = ?)";
    List<Object> params =
        List.of(
            userId,
            userId,
            VideoStatus.COMPLETED.id(),
            userId,
            VideoStatus.FAILED.id(),
            userId,
            userId,
            userId,
            userId);
    return executor
        .query(
            sql,
            params,
            row ->
                new UserStats(
                    userId,
                    row.getLong(1),
                    row.getLong(2),
                    row.getLong(3),
                    row.getLong(4),
                    row.getLong(5),
                    row.getLong(6),
                    Rows.decimal(row, 7, 6)),
            reads(UserStats.class, "videos", "clips", "model_usage"))
        .getFirst();
  }

  /**
   * Moves credits from one user to another in one serializable transaction: both balances are read,
   * checked and written, so concurrent transfers never lose or create credits. Conflicts between
   * them (serialization failures, deadlocks, SQLite BUSY) are retried by {@code inTransaction}.
   *
   * @throws IllegalArgumentException when the payer has too few credits (nothing is changed)
   */
  public void transferCredits(long fromUserId, long toUserId, BigDecimal amount) {
    if (amount.signum() <= 0) {
      throw new IllegalArgumentException("A transfer needs a positive amount, not " + amount);
    }
    if (fromUserId == toUserId) {
      throw new IllegalArgumentException("A transfer needs two different users");
    }
    executor
        .jdbc()
        .inTransaction(
            Isolation.SERIALIZABLE,
            transaction -> {
              User from = requireUser(fromUserId);
              User to = requireUser(toUserId);
              if (from.credits().compareTo(amount) < 0) {
                throw new IllegalArgumentException(
                    "User " + fromUserId + " has " + from.credits() + " credits, not " + amount);
              }
              update(fromUserId, Map.of("credits", from.credits().subtract(amount)));
              update(toUserId, Map.of("credits", to.credits().add(amount)));
              return null;
            });
  }

  private User requireUser(long id) {
    return getById(id).orElseThrow(() -> new IllegalArgumentException("No user with id " + id));
  }

  private static final class Mapping implements EntityMapping<User> {
    @Override
    public Columns columns() {
      return COLUMNS;
    }

    @Override
    public Class<User> type() {
      return User.class;
    }

    @Override
    public RowMapper<User> mapper(Dialect dialect) {
      return row ->
          new User(
              row.getLong("id"),
              row.getString("username"),
              row.getString("email"),
              row.getString("api_key_hash"),
              row.getBoolean("is_active"),
              Rows.decimal(row, "credits", 2),
              dialect.instant(row, "created_at"),
              dialect.instant(row, "updated_at"));
    }

    @Override
    public Map<String, Object> values(User user) {
      Map<String, Object> values = new HashMap<>();
      values.put("id", user.id());
      values.put("username", user.username());
      values.put("email", user.email());
      values.put("api_key_hash", user.apiKeyHash());
      values.put("is_active", user.active());
      values.put("credits", user.credits() == null ? BigDecimal.ZERO : user.credits());
      values.put("created_at", user.createdAt());
      values.put("updated_at", user.updatedAt());
      return values;
    }

    @Override
    public String describe(User user) {
      return "username=" + user.username();
    }
  }
}
