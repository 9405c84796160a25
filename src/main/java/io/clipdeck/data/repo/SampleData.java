package io.clipdeck.data.repo;

import io.clipdeck.data.BatchProgress;
import io.clipdeck.data.model.Clip;
import io.clipdeck.data.model.ModelUsage;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.progress.JobCancelledException;
import io.clipdeck.progress.Progress;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Development, test and benchmark data: users, videos, clips and model usage, the same for the same
 * seed (ids aside, which the database hands out). Everything goes through the batch path, so tens
 * of thousands of rows take seconds.
 */
public final class SampleData {

  /** Videos per slice: how often progress is told and a cancel can stop the run. */
  public static final int SLICE = 1_000;

  /**
   * What to make.
   *
   * @param clipsPerVideo clips of each completed video
   * @param usagePerUser model calls per user, spread over the last 30 days
   */
  public record Spec(int users, int videos, int clipsPerVideo, int usagePerUser, long seed) {
    public Spec {
      if (users < 1 || videos < 0 || clipsPerVideo < 0 || usagePerUser < 0) {
        throw new IllegalArgumentException("sample sizes must be positive (at least one user)");
      }
    }
  }

  /** What was made: the ids in creation order. */
  public record Result(List<Long> userIds, List<Long> videoIds, long clips, long usage) {}

  private static final String[] WORDS = {
    "river", "launch", "recipe", "review", "guitar", "sunset", "street", "robot", "garden", "match",
    "lesson", "travel", "studio", "winter", "market", "puzzle"
  };
  private static final String[] EFFECTS = {"fade_in", "fade_out", "zoom", "captions", "blur"};
  private static final String[] PROVIDERS = {"openai", "stability", "elevenlabs"};
  private static final String[] MODELS = {"transformer", "diffusion", "tts", "whisper"};

  private final DataLayer data;
  private final Clock clock;
  private final int chunkSize;

  public SampleData(DataLayer data, Clock clock, int chunkSize) {
    this.data = data;
    this.clock = clock;
    this.chunkSize = chunkSize;
  }

  /** Generates the sample data, telling {@code rows} of each committed chunk. */
  public Result generate(Spec spec, BatchProgress rows) {
    return generate(spec, rows, Progress.NONE);
  }

  /**
   * Generates the sample data: the users, then the videos slice by slice (each slice's videos with
   * their clips), then the model usage. {@code progress} counts videos; when it is cancelled the
   * run stops after a whole slice and throws {@link JobCancelledException}, leaving the users and
   * the slices done (every video with its clips) but no usage.
   */
  public Result generate(Spec spec, BatchProgress rows, Progress progress) {
    SplittableRandom random = new SplittableRandom(spec.seed());
    Instant now = clock.instant();
    String run = Long.toString(spec.seed(), 36);

    List<User> users = new ArrayList<>(spec.users());
    for (int i = 0; i < spec.users(); i++) {
      users.add(
          new User(
              null,
              "user_" + run + "_" + i,
              "user" + i + "." + run + "@example.test",
              null,
              random.nextInt(10) != 0,
              BigDecimal.valueOf(random.nextInt(1000)),
              now.minus(Duration.ofDays(60)),
              null));
    }
    List<Long> userIds = data.users().bulkCreate(users, chunkSize, rows).ids();

    VideoStatus[] statuses = VideoStatus.values();
    List<Video> videos = new ArrayList<>(spec.videos());
    for (int i = 0; i < spec.videos(); i++) {
      VideoStatus status = statuses[random.nextInt(statuses.length)];
      double duration = 10 + random.nextInt(3_600_000) / 1000.0;
      Double processing =
          status == VideoStatus.COMPLETED || status == VideoStatus.FAILED
              ? random.nextInt(600_000) / 1000.0
              : null;
      Instant created = now.minusSeconds(random.nextLong(30L * 24 * 3600));
      videos.add(
          new Video(
              null,
              "vid_" + run + "_" + i,
              userIds.get(random.nextInt(userIds.size())),
              "https://videos.example.test/watch?v=" + run + i,
              title(random),
              random.nextBoolean() ? "Sample video " + i : null,
              duration,
              status,
              null,
              null,
              processing,
              status == VideoStatus.FAILED ? "download failed" : null,
              created,
              created));
    }
    List<Long> videoIds = new ArrayList<>(videos.size());
    long clipCount = 0;
    // Slice by slice, each video with its clips, so a cancelled run leaves whole videos behind.
    for (int from = 0; from < videos.size(); from += SLICE) {
      List<Video> slice = videos.subList(from, Math.min(videos.size(), from + SLICE));
      List<Long> sliceIds = data.videos().batchInsert(slice, chunkSize, rows).ids();
      videoIds.addAll(sliceIds);
      List<Clip> clips = new ArrayList<>();
      for (int i = 0; i < slice.size(); i++) {
        if (slice.get(i).status() != VideoStatus.COMPLETED) {
          continue;
        }
        for (int c = 0; c < spec.clipsPerVideo(); c++) {
          double start = c * 30.0;
          clips.add(
              Clip.of(
                  sliceIds.get(i),
                  start,
                  start + 5 + random.nextInt(25),
                  "Clip " + c + " of " + slice.get(i).videoId(),
                  List.of(EFFECTS[random.nextInt(EFFECTS.length)])));
        }
      }
      clipCount += data.clips().bulkCreate(clips, chunkSize, rows).ids().size();
      progress.advanced(videoIds.size(), videos.size());
      if (videoIds.size() < videos.size()) {
        progress.stopIfCancelled(
            "after "
                + videoIds.size()
                + " of "
                + videos.size()
                + " sample videos (each with its clips)");
      }
    }

    List<ModelUsage> usage = new ArrayList<>();
    for (int u = 0; u < userIds.size(); u++) {
      for (int k = 0; k < spec.usagePerUser(); k++) {
        usage.add(
            new ModelUsage(
                null,
                userIds.get(u),
                videoIds.isEmpty() ? null : videoIds.get(random.nextInt(videoIds.size())),
                PROVIDERS[random.nextInt(PROVIDERS.length)],
                MODELS[random.nextInt(MODELS.length)],
                "req_" + run + "_" + u + "_" + k,
                random.nextInt(120_000) / 1000.0,
                (double) (256 + random.nextInt(8192)),
                (double) random.nextInt(100),
                random.nextInt(5000),
                BigDecimal.valueOf(random.nextInt(1_000_000), 6),
                now.minusSeconds(random.nextLong(30L * 24 * 3600))));
      }
    }
    long usageCount = data.usage().bulkCreate(usage, chunkSize, rows).ids().size();
    return new Result(userIds, videoIds, clipCount, usageCount);
  }

  private static String title(SplittableRandom random) {
    String first = WORDS[random.nextInt(WORDS.length)];
    String second = WORDS[random.nextInt(WORDS.length)];
    return first.substring(0, 1).toUpperCase(Locale.ROOT) + first.substring(1) + " " + second;
  }
}
