package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The browser's filtered keyset pages, counts and exports, checked in Java on all three databases.
 */
class VideoBrowseTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void filteredKeysetPagesWalkExactlyTheMatchingVideosInOrder(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      new SampleData(fixture.data, fixture.clock, 100)
          .generate(new SampleData.Spec(4, 400, 0, 0, 11), BatchProgress.NONE);
      VideoRepository videos = fixture.data.videos();
      long owner = videos.getAll(1, 0, Sort.BY_ID).getFirst().userId();
      // Wildcards in a title are searched for as themselves.
      videos.create(Video.of("pct_1", owner, "https://v/pct", "100% real_deal"));
      videos.create(Video.of("pct_2", owner, "https://v/pct2", "1000 realXdeal"));
      List<Video> all = new ArrayList<>();
      videos.export(VideoFilter.ALL, Sort.BY_ID, all::add);
      assertThat(all).hasSize(402);

      Instant middle = all.get(200).createdAt();
      List<VideoFilter> filters =
          List.of(
              VideoFilter.ALL,
              VideoFilter.ALL.withStatus(Optional.of(VideoStatus.COMPLETED)),
              new VideoFilter(
                  Optional.of(VideoStatus.PENDING),
                  Optional.of(owner),
                  Optional.empty(),
                  Optional.empty(),
                  ""),
              new VideoFilter(
                  Optional.empty(),
                  Optional.empty(),
                  Optional.of(middle.minus(Duration.ofHours(1))),
                  Optional.of(middle.plus(Duration.ofDays(2))),
                  ""),
              VideoFilter.ALL.withText("RIVER"),
              VideoFilter.ALL.withText("% real_"));
      for (VideoFilter filter : filters) {
        Predicate<Video> matches = javaFilter(filter);
        for (Sort sort :
            List.of(Sort.BY_ID, Sort.desc("created_at"), Sort.asc("title"), Sort.desc("status"))) {
          if (sort.column().equals("title")) {
            continue; // title may be NULL: keyset paging refuses it (tested in SortingTest)
          }
          List<Video> expected = all.stream().filter(matches).sorted(javaOrder(sort)).toList();
          List<Video> walked = new ArrayList<>();
          Cursor cursor = null;
          while (true) {
            List<Video> page = videos.browse(filter, cursor, 37, sort);
            walked.addAll(page);
            if (page.size() < 37) {
              break;
            }
            cursor = videos.cursorOf(page.getLast(), sort);
          }
          assertThat(walked)
              .as(filter + " by " + sort)
              .extracting(Video::id)
              .containsExactlyElementsOf(expected.stream().map(Video::id).toList());
        }
        assertThat(videos.count(filter))
            .as("count " + filter)
            .isEqualTo(all.stream().filter(matches).count());
      }
      assertThat(videos.count(VideoFilter.ALL.withText("% real_")))
          .as("the % and _ are literal")
          .isEqualTo(1);
    }
  }

  @Test
  void aBadFilterIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> VideoFilter.ALL.withText("x".repeat(201)))
        .hasMessageContaining("at most 200");
    Instant now = Instant.parse("2026-01-01T00:00:00Z");
    assertThatThrownBy(
            () ->
                new VideoFilter(
                    Optional.empty(), Optional.empty(), Optional.of(now), Optional.of(now), ""))
        .hasMessageContaining("'from' must be before 'to'");
  }

  private static Predicate<Video> javaFilter(VideoFilter filter) {
    return video ->
        filter.status().map(status -> video.status() == status).orElse(true)
            && filter.userId().map(user -> video.userId() == user).orElse(true)
            && filter.createdFrom().map(from -> !video.createdAt().isBefore(from)).orElse(true)
            && filter.createdBefore().map(before -> video.createdAt().isBefore(before)).orElse(true)
            && (filter.text().isEmpty()
                || contains(video.title(), filter.text())
                || contains(video.videoId(), filter.text()));
  }

  private static boolean contains(String value, String text) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(text.toLowerCase(Locale.ROOT));
  }

  private static Comparator<Video> javaOrder(Sort sort) {
    Comparator<Video> key =
        switch (sort.column()) {
          case "id" -> Comparator.comparing(Video::id);
          case "created_at" -> Comparator.comparing(Video::createdAt);
          case "status" -> Comparator.comparing(video -> video.status().id());
          default -> throw new IllegalArgumentException(sort.column());
        };
    Comparator<Video> tie = Comparator.comparing(Video::id);
    return sort.direction() == Direction.ASC
        ? key.thenComparing(tie)
        : key.reversed().thenComparing(tie.reversed());
  }
}
