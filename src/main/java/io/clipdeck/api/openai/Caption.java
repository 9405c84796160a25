package io.clipdeck.api.openai;

/** One generated caption line, in seconds from the start of the video. */
public record Caption(double startSeconds, double endSeconds, String text) {}
