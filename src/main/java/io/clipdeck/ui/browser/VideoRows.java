package io.clipdeck.ui.browser;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javafx.collections.ModifiableObservableListBase;

/**
 * The table's rows, with {@link #slide}: appending a page while scrolling is one change (the oldest
 * page gone, the placeholders gone, the page added), so the table's listeners run once per page
 * rather than once per step, and a range is recorded as one removal or addition, not row by row.
 */
final class VideoRows extends ModifiableObservableListBase<VideoRow> {

  private final List<VideoRow> rows = new ArrayList<>();

  /**
   * In one change: drops the first {@code dropFirst} rows and the last {@code dropLast}, and adds
   * {@code added} at the end.
   */
  void slide(int dropFirst, int dropLast, List<VideoRow> added) {
    beginChange();
    try {
      if (dropLast > 0) {
        removeRange(size() - dropLast, size());
      }
      addAll(added);
      if (dropFirst > 0) {
        removeRange(0, dropFirst);
      }
    } finally {
      endChange();
    }
  }

  @Override
  public boolean addAll(Collection<? extends VideoRow> added) {
    if (added.isEmpty()) {
      return false;
    }
    beginChange();
    try {
      int from = rows.size();
      rows.addAll(added);
      nextAdd(from, rows.size());
      modCount++;
    } finally {
      endChange();
    }
    return true;
  }

  @Override
  protected void removeRange(int fromIndex, int toIndex) {
    if (fromIndex >= toIndex) {
      return;
    }
    beginChange();
    try {
      List<VideoRow> range = rows.subList(fromIndex, toIndex);
      nextRemove(fromIndex, new ArrayList<>(range));
      range.clear();
      modCount++;
    } finally {
      endChange();
    }
  }

  @Override
  public VideoRow get(int index) {
    return rows.get(index);
  }

  @Override
  public int size() {
    return rows.size();
  }

  @Override
  protected void doAdd(int index, VideoRow row) {
    rows.add(index, row);
  }

  @Override
  protected VideoRow doSet(int index, VideoRow row) {
    return rows.set(index, row);
  }

  @Override
  protected VideoRow doRemove(int index) {
    return rows.remove(index);
  }
}
