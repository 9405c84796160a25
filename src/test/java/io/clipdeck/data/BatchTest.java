package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.StatusStats;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.data.repo.VideoRepository.StatusUpdate;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Chunked batch inserts and status updates: progress, ids, and a refused row in chunk 2. */
class BatchTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void insertsInChunksReturningIdsThenUpdatesStatusesInChunks(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      long owner = fixture.data.users().create(User.of("ana", "ana@x.test")).id();
      VideoRepository videos = fixture.data.videos();
      assertThat(videos.count(Map.of())).isZero();
      List<Video> rows = videos(owner, 2500);
      List<String> progress = new ArrayList<>();

      BatchResult inserted =
          videos.batchInsert(
              rows, 1000, (chunk, done, total) -> progress.add(chunk + ":" + done + "/" + total));

      assertThat(progress).containsExactly("1:1000/2500", "2:2000/2500", "3:2500/2500");
      assertThat(inserted.chunks()).isEqualTo(3);
      assertThat(inserted.rowsAffected()).isEqualTo(2500);
      assertThat(inserted.ids()).hasSize(2500).doesNotHaveDuplicates();
      for (int i : new int[] {0, 999, 1000, 2499}) {
        assertThat(videos.getById(inserted.ids().get(i)).orElseThrow().videoId())
            .isEqualTo(rows.get(i).videoId());
      }
      // The batch dropped the cached count.
      assertThat(videos.count(Map.of())).isEqualTo(2500);

      List<StatusUpdate> updates = new ArrayList<>();
      for (int i = 0; i < 2500; i++) {
        updates.add(
            new StatusUpdate(
                inserted.ids().get(i), i % 5 == 0 ? VideoStatus.FAILED : VideoStatus.COMPLETED));
      }
      progress.clear();
      BatchResult updated =
          videos.batchUpdateStatus(
              updates, 700, (chunk, done, total) -> progress.add(chunk + ":" + done));
      assertThat(progress).containsExactly("1:700", "2:1400", "3:2100", "4:2500");
      assertThat(updated.rowsAffected()).isEqualTo(2500);
      assertThat(videos.statsByStatus(null))
          .containsExactly(
              new StatusStats(VideoStatus.COMPLETED, 2000, null),
              new StatusStats(VideoStatus.FAILED, 500, null));
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aBadRowInChunkTwoCommitsChunkOneOnlyAndIsNamed(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      long owner = fixture.data.users().create(User.of("ana", "ana@x.test")).id();
      VideoRepository videos = fixture.data.videos();
      List<Video> rows = videos(owner, 2500);
      // Row 1500 repeats the external id of row 10: a unique key violation in chunk 2.
      rows.set(1500, Video.of(rows.get(10).videoId(), owner, "https://v/dup", "dup"));
      List<Integer> chunks = new ArrayList<>();

      assertThatThrownBy(
              () -> videos.batchInsert(rows, 1000, (chunk, done, total) -> chunks.add(chunk)))
          .isInstanceOfSatisfying(
              BatchFailedException.class,
              e -> {
                assertThat(e.rowIndex()).isEqualTo(1500);
                assertThat(e.committedRows()).isEqualTo(1000);
                assertThat(e.getMessage())
                    .contains("chunk 2")
                    .contains("row 1500 (video_id=" + rows.get(10).videoId() + ")");
                assertThat(e.dataException())
                    .isInstanceOfSatisfying(
                        DataException.ConstraintViolated.class,
                        violation ->
                            assertThat(violation.constraint())
                                .isEqualTo(
                                    kind == DatabaseKind.SQLITE
                                        ? "videos.video_id"
                                        : "videos_video_id_key"));
              });

      assertThat(chunks).containsExactly(1);
      assertThat(fixture.rowCounts().get("videos")).isEqualTo(1000);
      assertThat(videos.getByVideoId(rows.get(999).videoId())).isPresent();
      assertThat(videos.getByVideoId(rows.get(1000).videoId())).isEmpty();
      assertThat(videos.getByVideoId(rows.get(1499).videoId())).isEmpty();
    }
  }

  /**
   * Every returned id is its row's, also after deletes left gaps and removed the largest id (SQLite
   * reads the chunk's ids back from its last rowid rather than from the driver).
   */
  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void everyIdIsItsRowsAfterDeletesLeftGaps(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      long owner = fixture.data.users().create(User.of("ana", "ana@x.test")).id();
      VideoRepository videos = fixture.data.videos();
      List<Long> first = videos.batchInsert(videos(owner, 300), 1000, BatchProgress.NONE).ids();
      for (int i = 0; i < first.size(); i += 3) {
        videos.delete(first.get(i));
      }
      videos.delete(first.getLast());
      List<Video> rows = new ArrayList<>();
      for (int i = 0; i < 2500; i++) {
        rows.add(Video.of("gap_" + i, owner, "https://v/gap/" + i, "Gap " + i));
      }

      List<Long> ids = videos.batchInsert(rows, 700, BatchProgress.NONE).ids();

      assertThat(ids).hasSize(2500).doesNotHaveDuplicates().doesNotContainAnyElementsOf(first);
      for (int i = 0; i < rows.size(); i++) {
        assertThat(videos.getById(ids.get(i)).orElseThrow().videoId())
            .as("row %d", i)
            .isEqualTo(rows.get(i).videoId());
      }
    }
  }

  static List<Video> videos(long owner, int count) {
    List<Video> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      rows.add(Video.of("batch_" + i, owner, "https://v/" + i, "Video " + i).withDuration(i + 0.5));
    }
    return rows;
  }
}
