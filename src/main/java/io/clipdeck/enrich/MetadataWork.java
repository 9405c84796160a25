package io.clipdeck.enrich;

import io.clipdeck.api.ApiErrorKind;
import io.clipdeck.api.ApiException;
import io.clipdeck.api.CallOptions;
import io.clipdeck.api.Provider;
import io.clipdeck.api.youtube.VideoInfo;
import io.clipdeck.api.youtube.YouTubeClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Title, description and duration of up to 50 videos from one {@code videos.list} request. */
final class MetadataWork implements StepWork {

  private final YouTubeClient youtube;

  MetadataWork(YouTubeClient youtube) {
    this.youtube = youtube;
  }

  @Override
  public Step step() {
    return Step.METADATA;
  }

  @Override
  public int batchSize() {
    return YouTubeClient.MAX_IDS_PER_REQUEST;
  }

  @Override
  public List<StepResult> run(List<ClaimedTask> tasks, Map<Long, VideoInput> videos) {
    List<String> ids =
        tasks.stream()
            .map(task -> videos.get(task.videoId()))
            .filter(video -> video != null)
            .map(VideoInput::externalId)
            .distinct()
            .toList();
    List<StepResult> results = new ArrayList<>();
    Map<String, VideoInfo> found;
    try {
      found =
          youtube.videoBatch(ids, CallOptions.cached()).stream()
              .collect(Collectors.toMap(VideoInfo::id, Function.identity(), (a, b) -> a));
    } catch (ApiException e) {
      tasks.forEach(task -> results.add(new StepResult.Failed(task, e)));
      return results;
    }
    for (ClaimedTask task : tasks) {
      VideoInput video = videos.get(task.videoId());
      VideoInfo info = video == null ? null : found.get(video.externalId());
      if (info == null) {
        results.add(new StepResult.Failed(task, notFound(video)));
        continue;
      }
      Double seconds = info.duration().map(d -> d.toMillis() / 1000.0).orElse(null);
      results.add(
          new StepResult.Done(
              task,
              writes -> writes.metadata(video.id(), info.title(), info.description(), seconds)));
    }
    return results;
  }

  private static ApiException notFound(VideoInput video) {
    return new ApiException(
        Provider.YOUTUBE,
        ApiErrorKind.NOT_FOUND,
        200,
        "videoNotFound",
        1,
        "YouTube has no public video "
            + (video == null ? "for this row (it was deleted)" : "'" + video.externalId() + "'")
            + ": it is private, deleted or the id is wrong",
        null);
  }
}
