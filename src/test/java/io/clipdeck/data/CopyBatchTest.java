package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.clipdeck.data.model.Clip;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.db.DatabaseKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch inserts on PostgreSQL go through COPY: awkward text survives the text format, generated ids
 * still come back in row order (and the identity sequence stays ahead of them), and a refused row
 * is named while its chunk commits nothing.
 */
class CopyBatchTest {

  /** Everything COPY's text format escapes or could misread, and text it must leave alone. */
  static final List<String> AWKWARD =
      List.of(
          "tab\there",
          "new\nline",
          "carriage\rreturn\r\n",
          "back\\slash \\N \\t \\\\",
          "\\.",
          "\\N",
          "quotes ' \" `, commas, ; semicolons",
          "unicode: żółć 日本語 🎬 e\u0301 \u00a0nbsp",
          "",
          " leading and trailing ",
          "\u0001 control \u001f \u007f");

  @TempDir Path dir;

  @Test
  void awkwardValuesNullsAndJsonRoundTripWithIdsInRowOrder() throws Exception {
    try (DataFixture fixture = DataFixture.open(DatabaseKind.POSTGRESQL, dir)) {
      List<User> users = new ArrayList<>();
      for (int i = 0; i < AWKWARD.size(); i++) {
        users.add(
            new User(
                null,
                "user" + i + AWKWARD.get(i),
                i + "@x.test",
                i % 2 == 0 ? null : "hash" + i,
                i % 3 != 0,
                new BigDecimal("1234567.89").add(BigDecimal.valueOf(i)),
                null,
                null));
      }
      List<Long> userIds = fixture.data.users().bulkCreate(users);
      for (int i = 0; i < users.size(); i++) {
        User stored = fixture.data.users().getById(userIds.get(i)).orElseThrow();
        assertThat(stored.username()).isEqualTo(users.get(i).username());
        assertThat(stored.apiKeyHash()).isEqualTo(users.get(i).apiKeyHash());
        assertThat(stored.active()).isEqualTo(users.get(i).active());
        assertThat(stored.credits()).isEqualByComparingTo(users.get(i).credits());
        assertThat(stored.createdAt()).isEqualTo(fixture.clock.instant());
      }

      long owner = userIds.getFirst();
      List<Video> videos = new ArrayList<>();
      for (int i = 0; i < 2 * AWKWARD.size(); i++) {
        String text = AWKWARD.get(i % AWKWARD.size());
        boolean nulls = i >= AWKWARD.size();
        videos.add(
            new Video(
                null,
                "v" + i + text.replace('\n', ' '),
                owner,
                "https://v/" + i + "?q=" + text,
                nulls ? null : text,
                nulls ? null : "description " + text,
                nulls ? null : 1.0e6 / (i + 1),
                VideoStatus.values()[i % VideoStatus.values().length],
                nulls ? null : "/thumbs/" + text,
                null,
                nulls ? null : i == 0 ? 1.0e-4 : 0.125,
                nulls ? null : "error " + text,
                null,
                null));
      }
      VideoRepository repository = fixture.data.videos();
      // Chunks of 5: several COPY statements, each reserving its own ids.
      BatchResult result = repository.batchInsert(videos, 5, BatchProgress.NONE);

      assertThat(result.ids()).hasSize(videos.size()).doesNotHaveDuplicates();
      assertThat(result.chunks()).isEqualTo((videos.size() + 4) / 5);
      for (int i = 0; i < videos.size(); i++) {
        Video given = videos.get(i);
        Video stored = repository.getById(result.ids().get(i)).orElseThrow();
        assertThat(stored.videoId()).isEqualTo(given.videoId());
        assertThat(stored.url()).isEqualTo(given.url());
        assertThat(stored.title()).isEqualTo(given.title());
        assertThat(stored.description()).isEqualTo(given.description());
        assertThat(stored.status()).isEqualTo(given.status());
        assertThat(stored.thumbnailPath()).isEqualTo(given.thumbnailPath());
        assertThat(stored.narrationPath()).isNull();
        if (given.processingTimeS() == null) {
          assertThat(stored.processingTimeS()).isNull();
        } else {
          // 1.0E-4 goes in exponent notation and comes back rounded to three decimals.
          assertThat(stored.processingTimeS()).isCloseTo(given.processingTimeS(), within(0.0005));
        }
        assertThat(stored.error()).isEqualTo(given.error());
        if (given.durationS() == null) {
          assertThat(stored.durationS()).isNull();
        } else {
          // numeric(10,3): the same rounding an INSERT of the double gets.
          assertThat(stored.durationS()).isCloseTo(given.durationS(), within(0.0005));
        }
      }

      List<Clip> clips = new ArrayList<>();
      for (int i = 0; i < AWKWARD.size(); i++) {
        clips.add(
            new Clip(
                null,
                result.ids().get(i),
                i,
                i + 1.5,
                1.5,
                i % 2 == 0 ? null : AWKWARD.get(i),
                List.of(AWKWARD.get(i), "zoom", "json \"quoted\" \\ \u0001"),
                null));
      }
      List<Long> clipIds = fixture.data.clips().bulkCreate(clips);
      for (int i = 0; i < clips.size(); i++) {
        Clip stored = fixture.data.clips().getById(clipIds.get(i)).orElseThrow();
        assertThat(stored.caption()).isEqualTo(clips.get(i).caption());
        assertThat(stored.effects()).isEqualTo(clips.get(i).effects());
      }

      // The ids came from the identity's own sequence: a plain INSERT afterwards does not collide.
      Video next = repository.create(Video.of("after-copy", owner, "https://v/after", "after"));
      assertThat(next.id())
          .isGreaterThan(result.ids().stream().mapToLong(Long::longValue).max().orElseThrow());
    }
  }

  @Test
  void aDuplicateInsideTheChunkIsNamedFromCopysLineAndTheChunkCommitsNothing() throws Exception {
    try (DataFixture fixture = DataFixture.open(DatabaseKind.POSTGRESQL, dir)) {
      long owner = fixture.data.users().create(User.of("ana", "ana@x.test")).id();
      List<Video> rows = BatchTest.videos(owner, 2500);
      // Row 1700 repeats row 1200's external id: both in chunk 2.
      rows.set(1700, Video.of(rows.get(1200).videoId(), owner, "https://v/dup", "dup"));
      List<String> progress = new ArrayList<>();

      assertThatThrownBy(
              () ->
                  fixture
                      .data
                      .videos()
                      .batchInsert(
                          rows, 1000, (chunk, done, total) -> progress.add(chunk + ":" + done)))
          .isInstanceOfSatisfying(
              BatchFailedException.class,
              e -> {
                assertThat(e.rowIndex()).isEqualTo(1700);
                assertThat(e.committedRows()).isEqualTo(1000);
                assertThat(e.getMessage())
                    .contains("chunk 2")
                    .contains("row 1700 (video_id=" + rows.get(1200).videoId() + ")");
                assertThat(e.dataException())
                    .isInstanceOfSatisfying(
                        DataException.ConstraintViolated.class,
                        violation ->
                            assertThat(violation.constraint()).isEqualTo("videos_video_id_key"));
              });

      assertThat(progress).containsExactly("1:1000");
      assertThat(fixture.rowCounts().get("videos")).isEqualTo(1000);
      assertThat(fixture.data.videos().getByVideoId(rows.get(1200).videoId())).isEmpty();
    }
  }

  @Test
  void aMissingParentIsFoundByReplayBecauseCopyChecksForeignKeysAfterItsLastRow() throws Exception {
    try (DataFixture fixture = DataFixture.open(DatabaseKind.POSTGRESQL, dir)) {
      long owner = fixture.data.users().create(User.of("ana", "ana@x.test")).id();
      List<Video> rows = BatchTest.videos(owner, 300);
      rows.set(234, Video.of("orphan", owner + 1000, "https://v/orphan", "orphan"));

      assertThatThrownBy(() -> fixture.data.videos().batchInsert(rows, 100, BatchProgress.NONE))
          .isInstanceOfSatisfying(
              BatchFailedException.class,
              e -> {
                assertThat(e.rowIndex()).isEqualTo(234);
                assertThat(e.committedRows()).isEqualTo(200);
                assertThat(e.getMessage()).contains("row 234 (video_id=orphan)");
                assertThat(e.dataException())
                    .isInstanceOfSatisfying(
                        DataException.ConstraintViolated.class,
                        violation ->
                            assertThat(violation.constraint()).isEqualTo("videos_user_id_fkey"));
              });
      assertThat(fixture.rowCounts().get("videos")).isEqualTo(200);
    }
  }

  @Test
  void aNulCharacterIsRefusedNamingRowAndColumnBeforeTheChunkIsSent() throws Exception {
    try (DataFixture fixture = DataFixture.open(DatabaseKind.POSTGRESQL, dir)) {
      long owner = fixture.data.users().create(User.of("ana", "ana@x.test")).id();
      List<Video> rows = BatchTest.videos(owner, 300);
      rows.set(150, Video.of("nul", owner, "https://v/nul", "before\0after"));

      assertThatThrownBy(() -> fixture.data.videos().batchInsert(rows, 100, BatchProgress.NONE))
          .isInstanceOfSatisfying(
              BatchFailedException.class,
              e -> {
                assertThat(e.rowIndex()).isEqualTo(150);
                assertThat(e.committedRows()).isEqualTo(100);
                assertThat(e.getMessage())
                    .contains("row 150 (video_id=nul)")
                    .contains("column 'title' holds a NUL character");
                assertThat(e.dataException()).isInstanceOf(DataException.BadStatement.class);
              });
      assertThat(fixture.rowCounts().get("videos")).isEqualTo(100);
    }
  }
}
