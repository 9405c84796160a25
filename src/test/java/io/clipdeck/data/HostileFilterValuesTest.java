package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.testing.Measured;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The browser's search box is free text: every value is bound, so hostile text finds only videos
 * whose title or id holds it literally, a NUL is refused with a clear error, and no table changes.
 */
@Tag("reliability")
class HostileFilterValuesTest {

  private static final List<String> HOSTILE =
      List.of(
          "'; DROP TABLE videos; --",
          "\" OR \"1\"=\"1",
          "' OR '1'='1",
          "%",
          "_",
          "!",
          "\\",
          "\\%",
          "')) UNION SELECT password_hash FROM users --",
          "`title`",
          "ｔｉｔｌｅ",
          "🎬🎬",
          "x".repeat(VideoFilter.MAX_TEXT),
          "line\nbreak\ttab");

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void hostileSearchTextMatchesOnlyItselfAndChangesNothing(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      new SampleData(fixture.data, fixture.clock, 100)
          .generate(new SampleData.Spec(3, 60, 20, 0, 7), BatchProgress.NONE);
      VideoRepository videos = fixture.data.videos();
      long owner = videos.getAll(1, 0, Sort.BY_ID).getFirst().userId();
      // One video whose title holds the first hostile text as it is.
      videos.create(Video.of("hostile_1", owner, "https://v/h1", HOSTILE.getFirst()));
      Map<String, Long> before = counts(fixture);

      int tried = 0;
      for (String text : HOSTILE) {
        VideoFilter filter = VideoFilter.ALL.withText(text);
        long expected = literalMatches(videos, text);
        assertThat(videos.count(filter)).as(text).isEqualTo(expected);
        assertThat(videos.browse(filter, null, 50, Sort.BY_ID))
            .as(text)
            .hasSize((int) Math.min(expected, 50));
        tried++;
      }
      assertThat(videos.count(VideoFilter.ALL.withText(HOSTILE.getFirst()))).isEqualTo(1);

      assertThatThrownBy(() -> videos.count(VideoFilter.ALL.withText("nul\u0000byte")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("NUL");
      assertThatThrownBy(() -> VideoFilter.ALL.withText("x".repeat(10_000)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("use at most " + VideoFilter.MAX_TEXT);
      assertThat(counts(fixture)).isEqualTo(before);
      Measured.report(
          kind + " hostile search text",
          tried
              + 2
              + " values searched: every table intact, NUL and 10,000 characters refused with the reason");
    }
  }

  /** What a literal, case-insensitive substring search over titles and ids finds, in Java. */
  private static long literalMatches(VideoRepository videos, String text) {
    String needle = text.toLowerCase(java.util.Locale.ROOT);
    return videos.getAll(10_000, 0, Sort.BY_ID).stream()
        .filter(
            video ->
                video.title().toLowerCase(java.util.Locale.ROOT).contains(needle)
                    || video.videoId().toLowerCase(java.util.Locale.ROOT).contains(needle))
        .count();
  }

  private static Map<String, Long> counts(DataFixture fixture) {
    Map<String, Long> counts = new TreeMap<>();
    for (String table : DataFixture.TABLES) {
      counts.put(
          table,
          fixture
              .data
              .jdbc()
              .withConnection(
                  c -> {
                    try (var statement = c.createStatement();
                        var rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
                      rows.next();
                      return rows.getLong(1);
                    }
                  }));
    }
    return counts;
  }
}
