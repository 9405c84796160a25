package io.clipdeck.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.db.Dialect;
import io.clipdeck.db.JsonText;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/**
 * The Java side of a column: which values a field accepts and the one canonical form they are bound
 * in, so a value means the same on all three databases (and in a cache key).
 */
public enum ColumnType {
  ID,
  INTEGER,
  TEXT,
  /** Money: bound and read with the column's scale. */
  DECIMAL,
  DOUBLE,
  BOOLEAN,
  /** UTC, truncated to milliseconds: SQLite's text timestamps keep no more. */
  TIMESTAMP,
  /** A JSON array of strings, bound as its JSON text. */
  JSON_ARRAY;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The placeholder for a value of this type: JSON goes through the dialect's cast. */
  public String placeholder(Dialect dialect) {
    return this == JSON_ARRAY ? dialect.jsonPlaceholder() : "?";
  }

  /** The expression an ORDER BY or keyset comparison uses: text by code point on all three. */
  public String sortExpression(Dialect dialect, String quotedColumn) {
    return this == TEXT ? dialect.binaryCollation(quotedColumn) : quotedColumn;
  }

  /** Reads a JSON array of strings (jsonb, JSON or text). */
  public static List<String> jsonArray(ResultSet row, String column) throws SQLException {
    return parseArray(row.getString(column));
  }

  /**
   * The canonical bound form of {@code value} for a column of this type, or an {@link
   * IllegalArgumentException} naming the field when the value does not fit.
   */
  public Object normalize(String field, Object value) {
    if (value == null) {
      return null;
    }
    Object result =
        switch (this) {
          case ID, INTEGER ->
              value instanceof Long || value instanceof Integer || value instanceof Short
                  ? ((Number) value).longValue()
                  : null;
          case TEXT ->
              value instanceof CharSequence text
                  ? text.toString()
                  : value instanceof Enum<?> constant
                      ? constant.name().toLowerCase(Locale.ROOT)
                      : null;
          case DECIMAL ->
              value instanceof BigDecimal decimal
                  ? decimal
                  : value instanceof Long || value instanceof Integer
                      ? BigDecimal.valueOf(((Number) value).longValue())
                      : value instanceof Double number ? BigDecimal.valueOf(number) : null;
          case DOUBLE -> value instanceof Number number ? number.doubleValue() : null;
          case BOOLEAN -> value instanceof Boolean flag ? flag : null;
          case TIMESTAMP ->
              value instanceof Instant instant ? instant.truncatedTo(ChronoUnit.MILLIS) : null;
          case JSON_ARRAY -> value instanceof List<?> list ? json(field, list) : null;
        };
    if (result == null) {
      throw new IllegalArgumentException(
          "Field '"
              + field
              + "' takes "
              + name().toLowerCase(Locale.ROOT)
              + " values, not "
              + value.getClass().getSimpleName());
    }
    return result;
  }

  /** Money columns keep two decimals (users.credits), cost six (model_usage.cost). */
  static BigDecimal scaled(BigDecimal value, int scale) {
    return value == null ? null : value.setScale(scale, RoundingMode.HALF_UP);
  }

  private static Object json(String field, List<?> list) {
    for (Object item : list) {
      if (!(item instanceof String)) {
        throw new IllegalArgumentException("Field '" + field + "' takes a list of strings");
      }
    }
    try {
      return new JsonText(JSON.writeValueAsString(list));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Field '" + field + "': " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a JSON array of strings read from a column. */
  static List<String> parseArray(String json) {
    if (json == null || json.isBlank()) {
      return List.of();
    }
    try {
      return List.of(JSON.readValue(json, String[].class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A stored JSON array does not parse: " + e.getMessage(), e);
    }
  }
}
