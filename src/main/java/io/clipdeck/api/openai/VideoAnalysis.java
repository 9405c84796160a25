package io.clipdeck.api.openai;

import java.util.List;

/** What a model makes of a video's title and description. */
public record VideoAnalysis(List<String> topics, String hook, List<SuggestedClip> clips) {

  public VideoAnalysis {
    topics = List.copyOf(topics);
    clips = List.copyOf(clips);
  }
}
