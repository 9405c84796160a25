package io.clipdeck.db.failover;

import java.io.Serial;
import java.sql.SQLTransientConnectionException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failover group has no member to serve from, or none for the switch asked for. The message names
 * the group and each member's problem, e.g. {@code Failover group 'orders' has no healthy member:
 * orders-a (primary): cannot reach orders-a at db1:5432 within 5 s: ...; orders-b: ...}.
 *
 * <p>It is a transient connection error (SQLState {@code 08001}): the group recovers by itself as
 * soon as a member's check succeeds.
 */
public final class NoHealthyMemberException extends SQLTransientConnectionException {

  @Serial private static final long serialVersionUID = 1L;

  /** The group's name. */
  private final String group;

  /** Each member's problem in the group's order. A LinkedHashMap, so serializable. */
  private final LinkedHashMap<String, String> problems;

  NoHealthyMemberException(String group, String message, Map<String, String> problems) {
    super(message, "08001");
    this.group = group;
    this.problems = new LinkedHashMap<>(problems);
  }

  /** The group's name. */
  public String group() {
    return group;
  }

  /** Each member's profile name and why it cannot serve, in the group's order. */
  public Map<String, String> problems() {
    return Collections.unmodifiableMap(problems);
  }
}
