package io.clipdeck.enrich;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * A run's videos as an unmodifiable list over a {@code long[]}, ascending and without repeats (only
 * {@link TaskQueue#enqueueMatching}'s keyset walk makes one): a run chosen by a filter may hold a
 * million ids, which as boxed {@code Long}s in a list would take several times the 8 MB they need
 * here.
 */
public final class VideoIds extends AbstractList<Long> implements RandomAccess {

  private final long[] ids;
  private final int size;

  private VideoIds(long[] ids, int size) {
    this.ids = ids;
    this.size = size;
  }

  @Override
  public Long get(int index) {
    if (index < 0 || index >= size) {
      throw new IndexOutOfBoundsException("index " + index + " of " + size);
    }
    return ids[index];
  }

  @Override
  public int size() {
    return size;
  }

  /** Collects ids as they come; {@link #build()} copies them, so the list never changes. */
  static final class Builder {
    private long[] ids = new long[1024];
    private int size;

    void add(long id) {
      if (size == ids.length) {
        ids = Arrays.copyOf(ids, ids.length * 2);
      }
      ids[size++] = id;
    }

    int size() {
      return size;
    }

    VideoIds build() {
      return new VideoIds(Arrays.copyOf(ids, size), size);
    }
  }
}
