package io.clipdeck.browse;

import io.clipdeck.data.Cursor;

/**
 * One page to read by key: the rows after {@code anchor}, or before it when {@code backward} (null:
 * from the start, or from the end).
 *
 * @param page its number, counted from 1; {@link #LAST_PAGE} until the count is known
 * @param append added to the table's rows rather than replacing them
 */
public record PageRequest(Cursor anchor, boolean backward, int page, boolean append) {

  public static final int LAST_PAGE = -1;
  public static final PageRequest FIRST = new PageRequest(null, false, 1, false);
  public static final PageRequest LAST = new PageRequest(null, true, LAST_PAGE, false);

  public static PageRequest after(Cursor anchor, int page) {
    return new PageRequest(anchor, false, page, false);
  }

  public static PageRequest before(Cursor anchor, int page) {
    return new PageRequest(anchor, true, page, false);
  }

  public PageRequest appended() {
    return new PageRequest(anchor, backward, page, true);
  }

  /** Whether rows lie beyond this page in the direction it was read. */
  boolean moreAfter(boolean readMore) {
    return backward ? anchor != null : readMore;
  }

  boolean moreBefore(boolean readMore) {
    return backward ? readMore : anchor != null;
  }
}
