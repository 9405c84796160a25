package io.clipdeck.ui.browser;

import io.clipdeck.data.model.Video;

/**
 * One line of the video table, in display form, with the video it shows.
 *
 * @param clips how many clips the video has
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
    Video video) {}
