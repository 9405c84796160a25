package io.clipdeck.ui.browser;

import io.clipdeck.data.Sort;
import io.clipdeck.data.repo.VideoFilter;
import java.util.List;

/** What the browser's actions need of its table. Called on the FX thread. */
interface BrowserTable {

  /** The filter as typed; throws {@link IllegalArgumentException} saying what to fix. */
  VideoFilter filter();

  Sort sort();

  /** How many videos matched at the last page read. */
  long matching();

  /** The selected rows, placeholders left out, in table order. */
  List<VideoRow> chosen();

  /** Reads the table's first page again (after a change), where the user was. */
  void readAgain();

  /** Reads the first page of the current filter. */
  void reload();
}
