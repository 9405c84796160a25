package io.clipdeck.browse;

import io.clipdeck.data.Cursor;
import io.clipdeck.data.model.Video;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The videos the browser's table holds: one page, or several once scrolling has appended some, at
 * most {@link #MAX_WINDOW} (past it the oldest page goes, so scrolling through a million rows keeps
 * the heap flat). It says which page to read next and what a page that arrived changes. Not thread
 * safe: the view model keeps one and uses it on the FX thread.
 */
public final class BrowseWindow {

  public static final int PAGE_SIZE = 100;

  /** The most rows the window holds while scrolling appends pages. */
  public static final int MAX_WINDOW = 10 * PAGE_SIZE;

  /** Turns a video of the window into the key the next or previous page starts from. */
  private final Function<Video, Cursor> cursorOf;

  /** The read that filled the window's first page: re-run after a change, where the user was. */
  private PageRequest windowRead = PageRequest.FIRST;

  private List<Video> videos = List.of();
  private int firstPage = 1;
  private int lastPage = 1;
  private long matching;
  private boolean hasNext;
  private boolean hasPrevious;

  /**
   * @param cursorOf the key of a video in the current sort (read each time: the sort may change)
   */
  public BrowseWindow(Function<Video, Cursor> cursorOf) {
    this.cursorOf = cursorOf;
  }

  /**
   * What a page changed in the table.
   *
   * @param replace the rows are replaced by {@code added}; else {@code dropFirst} rows go from the
   *     start and {@code added} is appended
   * @param dropFirst rows dropped from the start (whole pages) when appending
   */
  public record Change(boolean replace, int dropFirst, List<Video> added) {}

  /** The read that shows the window's first page again (after a change), where the user was. */
  public PageRequest reload() {
    return windowRead;
  }

  public Optional<PageRequest> next() {
    return hasNext && !videos.isEmpty()
        ? Optional.of(PageRequest.after(cursorOf.apply(videos.getLast()), lastPage + 1))
        : Optional.empty();
  }

  public Optional<PageRequest> previous() {
    return hasPrevious && !videos.isEmpty()
        ? Optional.of(PageRequest.before(cursorOf.apply(videos.getFirst()), firstPage - 1))
        : Optional.empty();
  }

  /** The page scrolling appends after the window; empty at the end. */
  public Optional<PageRequest> more() {
    return next().map(PageRequest::appended);
  }

  /** Empties the window (the database has no schema to browse). */
  public void clear() {
    videos = List.of();
    hasNext = false;
    hasPrevious = false;
    matching = 0;
  }

  /** Takes in a page read for {@code read}; returns what the table must change. */
  public Change apply(VideoPage page, PageRequest read) {
    if (!page.migrated()) {
      clear();
      return new Change(true, 0, List.of());
    }
    boolean more = page.beyond();
    matching = page.matching();
    int number = read.page() == PageRequest.LAST_PAGE ? (int) pages() : read.page();
    if (read.append()) {
      List<Video> window = new ArrayList<>(videos.size() + page.videos().size());
      window.addAll(videos);
      window.addAll(page.videos());
      lastPage = number;
      hasNext = read.moreAfter(more);
      // Whole pages go, so the window still starts where a page starts.
      int excess = Math.max(0, window.size() - MAX_WINDOW);
      int dropPages = (excess + PAGE_SIZE - 1) / PAGE_SIZE;
      int drop = dropPages * PAGE_SIZE;
      if (drop > 0) {
        Video lastDropped = window.get(drop - 1);
        window = window.subList(drop, window.size());
        firstPage += dropPages;
        windowRead = PageRequest.after(cursorOf.apply(lastDropped), firstPage);
        hasPrevious = true;
      }
      videos = List.copyOf(window);
      return new Change(false, drop, page.videos());
    }
    videos = page.videos();
    firstPage = number;
    lastPage = number;
    windowRead = new PageRequest(read.anchor(), read.backward(), number, false);
    hasNext = read.moreAfter(more);
    hasPrevious = read.moreBefore(more);
    return new Change(true, 0, page.videos());
  }

  /** "1,234 videos match of 5,000 · page 3 of 13" for the page last applied. */
  public String countLine(VideoPage page) {
    return String.format(Locale.ROOT, "%,d", page.matching())
        + (page.matching() == 1 ? " video" : " videos")
        + (page.all() < 0 ? "" : String.format(Locale.ROOT, " match of %,d", page.total()))
        + (firstPage == lastPage
            ? String.format(Locale.ROOT, " · page %,d", firstPage)
            : String.format(Locale.ROOT, " · pages %,d–%,d", firstPage, lastPage))
        + String.format(Locale.ROOT, " of %,d", pages());
  }

  public boolean hasNext() {
    return hasNext;
  }

  public boolean hasPrevious() {
    return hasPrevious;
  }

  public boolean isEmpty() {
    return videos.isEmpty();
  }

  /** How many videos matched at the last page read. */
  public long matching() {
    return matching;
  }

  public List<Video> videos() {
    return videos;
  }

  private long pages() {
    return Math.max(1, (matching + PAGE_SIZE - 1) / PAGE_SIZE);
  }
}
