package io.clipdeck.ui.browser;

import io.clipdeck.data.model.Video;

/**
 * One line of the video table, in display form, with the video it shows; or a placeholder
 * ("Loading…", no video) while the next page is on its way.
 *
 * @param clips how many clips the video has
 * @param video null for a placeholder
 */
public record VideoRow(
    long id,
    String videoId,
    String title,
    long userId,
    String status,
    String duration,
    long clips,
    String created,
    String updated,
    Video video) {

  static final String LOADING = "Loading…";

  /** The {@code index}-th placeholder row at the end of the table. */
  static VideoRow placeholder(int index) {
    return new VideoRow(-1 - index, "", LOADING, 0, "", "", 0, "", "", null);
  }

  public boolean isPlaceholder() {
    return video == null;
  }
}
