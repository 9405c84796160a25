package io.clipdeck.enrich;

import io.clipdeck.api.Provider;
import io.clipdeck.api.stability.StabilityClient;
import io.clipdeck.api.stability.Thumbnail;
import io.clipdeck.api.stability.ThumbnailRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A 16:9 thumbnail from Stability AI, saved under the media folder. The file is written before the
 * commit: a commit that fails leaves an unreferenced file, never a row naming a missing file.
 */
final class ThumbnailWork implements StepWork {

  private final StabilityClient stability;
  private final Path directory;

  ThumbnailWork(StabilityClient stability, Path directory) {
    this.stability = stability;
    this.directory = directory;
  }

  @Override
  public Step step() {
    return Step.THUMBNAIL;
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
        long started = System.nanoTime();
        Thumbnail thumbnail =
            stability.generateThumbnail(
                ThumbnailRequest.of(
                    "A bold, clean video thumbnail for: " + clip(video.titleOrUrl(), 300)),
                directory);
        double seconds = (System.nanoTime() - started) / 1e9;
        results.add(
            new StepResult.Done(
                task,
                writes -> {
                  writes.thumbnail(video.id(), thumbnail.file().toString());
                  writes.usage(
                      new VideoWrites.Usage(
                          video.userId(),
                          video.id(),
                          Provider.STABILITY.id(),
                          "stable-image.core",
                          StepWork.requestId(thumbnail.requestId(), task),
                          seconds,
                          null));
                }));
      } catch (RuntimeException e) {
        results.add(new StepResult.Failed(task, e));
      }
    }
    return results;
  }

  static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }
}
