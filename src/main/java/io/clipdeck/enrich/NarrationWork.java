package io.clipdeck.enrich;

import io.clipdeck.api.Provider;
import io.clipdeck.api.elevenlabs.ElevenLabsClient;
import io.clipdeck.api.elevenlabs.Narration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A spoken narration of the video's title and description from ElevenLabs, saved under the media
 * folder; the characters billed go into the usage row's tokens.
 */
final class NarrationWork implements StepWork {

  private static final int MAX_CHARACTERS = 600;

  private final ElevenLabsClient elevenLabs;
  private final String voiceId;
  private final String modelId;
  private final Path directory;

  NarrationWork(ElevenLabsClient elevenLabs, String voiceId, String modelId, Path directory) {
    this.elevenLabs = elevenLabs;
    this.voiceId = voiceId;
    this.modelId = modelId;
    this.directory = directory;
  }

  @Override
  public Step step() {
    return Step.NARRATION;
  }

  @Override
  public List<StepResult> run(List<ClaimedTask> tasks, Map<Long, VideoInput> videos) {
    List<StepResult> results = new ArrayList<>();
    for (ClaimedTask task : tasks) {
      VideoInput video = videos.get(task.videoId());
      try {
        if (video == null) {
          throw new IllegalArgumentException("video deleted");
        }
        String text =
            ThumbnailWork.clip(
                video.titleOrUrl() + ". " + video.descriptionOrTitle(), MAX_CHARACTERS);
        long started = System.nanoTime();
        Narration narration = elevenLabs.speak(voiceId, text, modelId, directory);
        double seconds = (System.nanoTime() - started) / 1e9;
        results.add(
            new StepResult.Done(
                task,
                writes -> {
                  writes.narration(video.id(), narration.file().toString());
                  writes.usage(
                      new VideoWrites.Usage(
                          video.userId(),
                          video.id(),
                          Provider.ELEVENLABS.id(),
                          "text-to-speech",
                          StepWork.requestId(narration.requestId(), task),
                          seconds,
                          (int) Math.min(Integer.MAX_VALUE, narration.characterCost())));
                }));
      } catch (RuntimeException e) {
        results.add(new StepResult.Failed(task, e));
      }
    }
    return results;
  }
}
