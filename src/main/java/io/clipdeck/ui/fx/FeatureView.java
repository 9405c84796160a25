package io.clipdeck.ui.fx;

import javafx.scene.Parent;

/**
 * One of the console's views as the shell sees it: a node to show, and hooks for when it comes and
 * goes so it only refreshes while someone looks at it.
 */
public interface FeatureView extends AutoCloseable {

  Parent root();

  default void shown() {}

  default void hidden() {}

  /** Releases listeners and schedules; the shell calls it when the window closes. */
  @Override
  default void close() {}
}
