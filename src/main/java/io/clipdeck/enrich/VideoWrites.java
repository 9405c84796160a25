package io.clipdeck.enrich;

import io.clipdeck.data.ColumnType;
import io.clipdeck.data.QueryExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The domain writes of the steps, made inside the task's commit transaction (the executor joins
 * it). Usage rows are keyed by (provider, request id) and inserted ignoring a duplicate, so the
 * same answer is never counted twice.
 */
public final class VideoWrites {

  /** A clip to store, in seconds from the start of the video. */
  public record ClipDraft(double startS, double endS, String caption, List<String> effects) {

    public ClipDraft {
      effects = List.copyOf(effects);
    }
  }

  /** One paid call to record in {@code model_usage}. */
  public record Usage(
      long userId,
      long videoId,
      String provider,
      String modelType,
      String requestId,
      double processingTimeS,
      Integer tokens) {}

  private final QueryExecutor executor;
  private final Supplier<Instant> now;

  VideoWrites(QueryExecutor executor, Supplier<Instant> now) {
    this.executor = executor;
    this.now = now;
  }

  public void metadata(long videoId, String title, String description, Double durationS) {
    List<Object> params = new ArrayList<>();
    params.add(title);
    params.add(description);
    params.add(durationS);
    params.add(now.get());
    params.add(videoId);
    executor.update(
        "UPDATE videos SET title = ?, description = ?, duration_s = ?, updated_at = ? WHERE id ="
            + " ?",
        params,
        Set.of("videos"));
  }

  public void clips(long videoId, List<ClipDraft> clips) {
    String json = ColumnType.JSON_ARRAY.placeholder(executor.dialect());
    for (ClipDraft clip : clips) {
      executor.update(
          "INSERT INTO clips (video_id, start_s, end_s, duration_s, caption, effects, created_at)"
              + " VALUES (?, ?, ?, ?, ?, "
              + json
              + ", ?)",
          Arrays.asList(
              videoId,
              clip.startS(),
              clip.endS(),
              clip.endS() - clip.startS(),
              clip.caption(),
              ColumnType.JSON_ARRAY.normalize("effects", clip.effects()),
              now.get()),
          Set.of("clips"));
    }
  }

  public void usage(Usage usage) {
    executor.update(
        executor
            .dialect()
            .insertIgnoringDuplicates(
                "INSERT INTO model_usage (user_id, video_id, provider, model_type, request_id,"
                    + " processing_time_s, tokens, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"),
        Arrays.asList(
            usage.userId(),
            usage.videoId(),
            usage.provider(),
            usage.modelType(),
            usage.requestId(),
            usage.processingTimeS(),
            usage.tokens(),
            now.get()),
        Set.of("model_usage"));
  }

  public void thumbnail(long videoId, String path) {
    executor.update(
        "UPDATE videos SET thumbnail_path = ?, updated_at = ? WHERE id = ?",
        List.of(path, now.get(), videoId),
        Set.of("videos"));
  }

  public void narration(long videoId, String path) {
    executor.update(
        "UPDATE videos SET narration_path = ?, updated_at = ? WHERE id = ?",
        List.of(path, now.get(), videoId),
        Set.of("videos"));
  }

  /** The video's last step is done: completed, with the model time its calls took. */
  void completeVideo(long videoId) {
    executor.update(
        "UPDATE videos SET status = 'completed', error = NULL, processing_time_s = (SELECT"
            + " SUM(u.processing_time_s) FROM model_usage u WHERE u.video_id = ?), updated_at = ?"
            + " WHERE id = ?",
        List.of(videoId, now.get(), videoId),
        Set.of("videos"));
  }

  void failVideo(long videoId, String error) {
    executor.update(
        "UPDATE videos SET status = 'failed', error = ?, updated_at = ? WHERE id = ?",
        List.of(error, now.get(), videoId),
        Set.of("videos"));
  }
}
