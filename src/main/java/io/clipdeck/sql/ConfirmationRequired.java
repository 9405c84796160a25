package io.clipdeck.sql;

import java.util.List;

/**
 * A Production console was asked to run statements that change data or schema without the user's
 * confirmation: nothing ran. Ask, then run again with the writes confirmed.
 */
public final class ConfirmationRequired extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<SqlStatement> writes;

  ConfirmationRequired(String profile, List<SqlStatement> writes) {
    super(
        "Profile "
            + profile
            + " is Production: "
            + writes.size()
            + (writes.size() == 1 ? " statement changes" : " statements change")
            + " data or schema and need"
            + (writes.size() == 1 ? "s" : "")
            + " confirmation");
    this.writes = List.copyOf(writes);
  }

  /** The statements that would write. */
  public List<SqlStatement> writes() {
    return writes;
  }
}
