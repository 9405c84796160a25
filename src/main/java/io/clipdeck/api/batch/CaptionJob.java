package io.clipdeck.api.batch;

/** Captions wanted for one video: its transcript (or description), a style and a language. */
public record CaptionJob(String videoId, String transcript, String style, String language) {}
