package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.api.Provider;
import io.clipdeck.api.simulator.SimulatorSettings;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.data.repo.VideoRepository.StatusUpdate;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * "Enrich all matching": the service walks the browser's filter itself and enqueues exactly the
 * matching videos, once each however often it is asked, on each database. 1100 matches, so the walk
 * crosses chunks of 500.
 */
class EnrichByFilterTest {

  private static final int CATS = 1100;
  private static final int FAILED_CATS = 100;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aFilterEnqueuesExactlyTheMatchingVideosOnceEvenWhenAskedTwice(DatabaseKind kind)
      throws Exception {
    try (EnrichFixture fixture = EnrichFixture.open(kind, dir);
        DemoProviders providers =
            DemoProviders.start(SimulatorSettings.defaults(), EnrichFixture::quickClients);
        EnrichmentService service =
            new EnrichmentService(
                fixture.data,
                providers::clients,
                fixture
                    .settings()
                    .withQueue(EnrichFixture.FAST_QUEUE.withLease(Duration.ofSeconds(60))),
                Clock.systemUTC(),
                Duration.ofMillis(100),
                new RunHistory(dir.resolve("runs-" + kind.id() + ".json"), Clock.systemUTC()))) {
      String tag = kind.id() + UUID.randomUUID().toString().substring(0, 6);
      long owner = user(fixture, "owner-" + tag);
      long other = user(fixture, "other-" + tag);
      List<Long> cats = videos(fixture, owner, "Cat" + tag, CATS);
      videos(fixture, owner, "dog" + tag, 30); // the owner's, but not matching the text
      videos(fixture, other, "cat" + tag + "x", 40); // matching the text, but another user's
      List<StatusUpdate> failing = new ArrayList<>();
      cats.subList(0, FAILED_CATS)
          .forEach(id -> failing.add(new StatusUpdate(id, VideoStatus.FAILED)));
      fixture.data.videos().batchUpdateStatus(failing);
      List<Long> pendingCats = cats.subList(FAILED_CATS, CATS);

      // Status, user and text (any case): the owner's pending cats.
      VideoFilter pending =
          new VideoFilter(
              Optional.of(VideoStatus.PENDING),
              Optional.of(owner),
              Optional.empty(),
              Optional.empty(),
              "CAT" + tag.toUpperCase(java.util.Locale.ROOT));
      assertThat(service.countMatching(pending)).isEqualTo(CATS - FAILED_CATS);

      Set<Step> steps = EnumSet.of(Step.METADATA, Step.CLIPS);
      List<Long> progress = new ArrayList<>();
      TaskQueue.Matched first = service.queue().enqueueMatching(pending, steps, progress::add);
      assertThat(first.videoIds()).containsExactlyElementsOf(pendingCats);
      assertThat(first.enqueued().created()).isEqualTo(2 * (CATS - FAILED_CATS));
      assertThat(progress).containsExactly(500L, 1000L);

      TaskQueue.Matched again = service.queue().enqueueMatching(pending, steps, queued -> {});
      assertThat(again.videoIds()).containsExactlyElementsOf(pendingCats);
      assertThat(again.enqueued().created()).as("nothing queued twice").isZero();
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task"))
          .isEqualTo(2L * (CATS - FAILED_CATS));
      assertThat(fixture.count("SELECT COUNT(DISTINCT video_id) FROM enrichment_task"))
          .isEqualTo(CATS - FAILED_CATS);
      assertThat(
              fixture.count(
                  "SELECT COUNT(*) FROM enrichment_task t JOIN videos v ON v.id = t.video_id"
                      + " WHERE v.user_id <> "
                      + owner
                      + " OR v.status <> 'pending' OR LOWER(v.video_id) NOT LIKE 'cat%'"))
          .as("only matching videos are queued")
          .isZero();
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE state = 'pending'"))
          .as("each video's first step runnable, its second waiting for it")
          .isEqualTo(CATS - FAILED_CATS);

      // A run over user and text (all the owner's cats, the failed ones too), started twice:
      // each video's metadata is asked for once.
      VideoFilter allCats = pending.withStatus(Optional.empty());
      RunSummary run1 =
          service
              .startMatching(allCats, EnumSet.of(Step.METADATA), queued -> {})
              .summary()
              .get(120, TimeUnit.SECONDS);
      assertThat(run1.outcome()).isEqualTo(RunState.FINISHED);
      assertThat(run1.videos()).isEqualTo(CATS);
      assertThat(run1.successful()).isEqualTo(CATS);
      long asked = askedIds(providers);
      assertThat(asked).isEqualTo(CATS);

      RunSummary run2 =
          service
              .startMatching(allCats, EnumSet.of(Step.METADATA), queued -> {})
              .summary()
              .get(120, TimeUnit.SECONDS);
      assertThat(run2.videos()).isEqualTo(CATS);
      assertThat(run2.successful()).isEqualTo(CATS);
      assertThat(askedIds(providers)).as("nothing asked again").isEqualTo(asked);
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE step = 'metadata'"))
          .isEqualTo(CATS);
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task WHERE attempt > 1")).isZero();

      // Both runs are in the history file, newest first, for the next console.
      assertThat(service.history().runs()).containsExactly(run2, run1);
      assertThat(
              new RunHistory(dir.resolve("runs-" + kind.id() + ".json"), Clock.systemUTC()).runs())
          .containsExactly(run2, run1);
    }
  }

  @Test
  void closingTheServiceStopsAWalkAfterItsCurrentChunkAndKeepsWhatItQueued() throws Exception {
    try (EnrichFixture fixture = EnrichFixture.open(DatabaseKind.SQLITE, dir);
        DemoProviders providers =
            DemoProviders.start(SimulatorSettings.defaults(), EnrichFixture::quickClients)) {
      EnrichmentService service =
          new EnrichmentService(
              fixture.data,
              providers::clients,
              fixture.settings(),
              Clock.systemUTC(),
              Duration.ofMillis(100));
      long owner = user(fixture, "closer");
      videos(fixture, owner, "walk", CATS);
      VideoFilter theirs = VideoFilter.ALL.withUser(Optional.of(owner));

      // The console closes while the first chunk is reported.
      assertThatThrownBy(
              () ->
                  service.startMatching(
                      theirs, EnumSet.of(Step.METADATA), queued -> service.close()))
          .isInstanceOf(CancellationException.class)
          .hasMessage("the console closed after queueing 1000 videos");
      assertThat(service.current()).isEmpty();
      assertThat(fixture.count("SELECT COUNT(*) FROM enrichment_task")).isEqualTo(1000);
    }
  }

  private static long askedIds(DemoProviders providers) {
    return providers.simulator().journal().of(Provider.YOUTUBE).stream()
        .mapToLong(entry -> EnrichmentBatchTest.idsOf(entry.target()).size())
        .sum();
  }

  private static long user(EnrichFixture fixture, String name) {
    return fixture.data.users().create(User.of(name, name + "@example.com")).id();
  }

  private static List<Long> videos(EnrichFixture fixture, long userId, String prefix, int count) {
    List<Video> videos = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = prefix + i;
      videos.add(Video.of(id, userId, "https://www.youtube.com/watch?v=" + id, null));
    }
    return fixture.data.videos().bulkCreate(videos);
  }
}
