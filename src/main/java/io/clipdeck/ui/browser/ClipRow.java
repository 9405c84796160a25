package io.clipdeck.ui.browser;

/**
 * One clip of the selected video, with where it sits on the video's timeline (0 to 1).
 *
 * @param from where the clip starts, as a share of the video's duration
 * @param to where it ends, as a share of the video's duration
 */
public record ClipRow(String span, String caption, String effects, double from, double to) {}
