package io.clipdeck.api.openai;

/** A clip worth cutting, in seconds from the start of the video. */
public record SuggestedClip(double startSeconds, double endSeconds, String title, String reason) {}
