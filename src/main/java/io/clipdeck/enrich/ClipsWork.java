package io.clipdeck.enrich;

import io.clipdeck.api.Provider;
import io.clipdeck.api.openai.Caption;
import io.clipdeck.api.openai.Metered;
import io.clipdeck.api.openai.OpenAiClient;
import io.clipdeck.api.openai.SuggestedClip;
import io.clipdeck.api.openai.VideoAnalysis;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Clip suggestions and captions from the OpenAI-compatible model (two calls), written as clips:
 * each suggested span with the caption line of the same rank, as the reference pipeline pairs them.
 */
final class ClipsWork implements StepWork {

  static final List<String> EFFECTS = List.of("fade_in", "fade_out");

  private final OpenAiClient openAi;
  private final String style;
  private final String language;

  ClipsWork(OpenAiClient openAi, String style, String language) {
    this.openAi = openAi;
    this.style = style;
    this.language = language;
  }

  @Override
  public Step step() {
    return Step.CLIPS;
  }

  @Override
  public List<StepResult> run(List<ClaimedTask> tasks, Map<Long, VideoInput> videos) {
    List<StepResult> results = new ArrayList<>();
    for (ClaimedTask task : tasks) {
      VideoInput video = videos.get(task.videoId());
      if (video == null) {
        results.add(new StepResult.Failed(task, new IllegalArgumentException("video deleted")));
        continue;
      }
      try {
        long started = System.nanoTime();
        Metered<VideoAnalysis> analysis =
            openAi.analyseVideoMetered(video.titleOrUrl(), video.descriptionOrTitle());
        double analysisSeconds = (System.nanoTime() - started) / 1e9;
        started = System.nanoTime();
        Metered<List<Caption>> captions =
            openAi.generateCaptionsMetered(video.descriptionOrTitle(), style, language);
        double captionSeconds = (System.nanoTime() - started) / 1e9;
        List<VideoWrites.ClipDraft> clips = clips(analysis.value(), captions.value());
        results.add(
            new StepResult.Done(
                task,
                writes -> {
                  writes.clips(video.id(), clips);
                  writes.usage(usage(video, "chat.analysis", analysis, analysisSeconds));
                  writes.usage(usage(video, "chat.captions", captions, captionSeconds));
                }));
      } catch (RuntimeException e) {
        results.add(new StepResult.Failed(task, e));
      }
    }
    return results;
  }

  static List<VideoWrites.ClipDraft> clips(VideoAnalysis analysis, List<Caption> captions) {
    List<VideoWrites.ClipDraft> clips = new ArrayList<>();
    List<SuggestedClip> suggested = analysis.clips();
    for (int i = 0; i < suggested.size(); i++) {
      SuggestedClip clip = suggested.get(i);
      String caption = captions.isEmpty() ? clip.title() : captions.get(i % captions.size()).text();
      clips.add(
          new VideoWrites.ClipDraft(clip.startSeconds(), clip.endSeconds(), caption, EFFECTS));
    }
    return clips;
  }

  private static VideoWrites.Usage usage(
      VideoInput video, String modelType, Metered<?> call, double seconds) {
    return new VideoWrites.Usage(
        video.userId(),
        video.id(),
        Provider.OPENAI.id(),
        modelType,
        call.requestId(),
        seconds,
        (int) Math.min(Integer.MAX_VALUE, call.totalTokens()));
  }
}
