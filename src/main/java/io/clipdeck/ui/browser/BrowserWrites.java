package io.clipdeck.ui.browser;

import io.clipdeck.db.ConnectionProfile;
import java.util.concurrent.Callable;

/**
 * What the browser's pieces share for a change: the Production question, the write, the re-read.
 */
interface BrowserWrites {

  /**
   * True when {@code on} is not a Production profile, or the user confirms {@code what} on it
   * (terminations, edits, deletes, status changes and sample data ask there).
   */
  boolean confirmOnProduction(ConnectionProfile on, String title, String what, String confirmLabel);

  /** Runs {@code change} as a background job; then the page is read again and {@code done} said. */
  void write(String job, Callable<?> change, String done);
}
