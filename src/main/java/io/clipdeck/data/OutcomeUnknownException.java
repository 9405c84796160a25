package io.clipdeck.data;

import java.io.Serial;

/**
 * A write through a failover group lost its connection after it was sent: the member may have
 * applied it or not, and the group may have switched since. Clipdeck never runs such a write again
 * by itself (it could land twice); the message names the group and member and says what to check.
 * Writes that are idempotent by construction (the enrichment queue's fenced commits) may be run
 * again by their caller. The connection error is the cause.
 */
public final class OutcomeUnknownException extends DataException {

  @Serial private static final long serialVersionUID = 1L;

  private final String target;
  private final String member;

  OutcomeUnknownException(String target, String member, DataException.Unavailable cause) {
    super(
        "Group '"
            + target
            + "': the connection to "
            + member
            + " was lost while a write was running, so it may or may not have been applied."
            + " Check the rows it writes on the member that serves now"
            + " (`clipdeck groups status "
            + target
            + "`) before repeating it.",
        cause.sqlState(),
        cause.vendorCode(),
        cause);
    this.target = target;
    this.member = member;
  }

  /** The group's name. */
  public String target() {
    return target;
  }

  /** The member the write was sent to. */
  public String member() {
    return member;
  }

  @Override
  public Kind kind() {
    return Kind.OUTCOME_UNKNOWN;
  }
}
