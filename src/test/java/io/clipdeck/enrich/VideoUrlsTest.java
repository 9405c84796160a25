package io.clipdeck.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.db.DatabaseKind;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every YouTube link form, bad lines reported by number, and pending videos made once. */
class VideoUrlsTest {

  @TempDir Path dir;

  @Test
  void everyLinkFormGivesItsIdAndBadLinesAreReportedWithTheirNumbers() {
    String pasted =
        """
        https://www.youtube.com/watch?v=dQw4w9WgXcQ
        https://youtube.com/watch?feature=share&v=9bZkp7q19f0&t=42s
        youtu.be/kJQP7kiw5Fk?si=abc123
        https://m.youtube.com/shorts/aqz-KE-bpKQ?feature=share
        https://www.youtube-nocookie.com/embed/oHg5SJYRHA0?start=10

        # a comment, skipped
        https://vimeo.com/123456
        https://www.youtube.com/watch?v=short
        https://www.youtube.com/watch?v=dQw4w9WgXcQ&list=PL123
        not a link at all
        https://www.youtube.com/channel/UC1234567890
        jNQXAC9IVRw
        """;

    VideoUrls.Parsed parsed = VideoUrls.parse(pasted);

    assertThat(parsed.videos())
        .extracting(VideoUrls.Found::videoId)
        .containsExactly(
            "dQw4w9WgXcQ",
            "9bZkp7q19f0",
            "kJQP7kiw5Fk",
            "aqz-KE-bpKQ",
            "oHg5SJYRHA0",
            "jNQXAC9IVRw");
    assertThat(parsed.videos().get(2).line()).isEqualTo(3);
    assertThat(parsed.videos().get(2).url())
        .isEqualTo("https://www.youtube.com/watch?v=kJQP7kiw5Fk");
    assertThat(parsed.duplicates()).isEqualTo(1);
    assertThat(parsed.bad())
        .extracting(VideoUrls.BadLine::describe)
        .containsExactly(
            "Line 8: not a YouTube video link (https://vimeo.com/123456)",
            "Line 9: 'short' is not a YouTube video id (11 letters, digits, - or _)"
                + " (https://www.youtube.com/watch?v=short)",
            "Line 11: not a YouTube video link (not a link at all)",
            "Line 12: not a YouTube video link (https://www.youtube.com/channel/UC1234567890)");
  }

  @Test
  void importedLinksBecomePendingVideosOnceAndAreEnrichable() throws Exception {
    try (EnrichFixture fixture = EnrichFixture.open(DatabaseKind.SQLITE, dir)) {
      VideoImport imports = new VideoImport(fixture.data, Clock.systemUTC());

      VideoImport.Result first =
          imports.importUrls("https://youtu.be/dQw4w9WgXcQ\nnope\nhttps://youtu.be/9bZkp7q19f0");
      VideoImport.Result again = imports.importUrls("https://www.youtube.com/shorts/dQw4w9WgXcQ");

      assertThat(first.created()).isEqualTo(2);
      assertThat(first.videoIds()).hasSize(2);
      assertThat(first.parsed().bad()).extracting(VideoUrls.BadLine::line).containsExactly(2);
      assertThat(again.created()).isZero();
      assertThat(again.existing()).isEqualTo(1);
      assertThat(again.videoIds()).containsExactly(first.videoIds().getFirst());
      assertThat(fixture.count("SELECT COUNT(*) FROM videos WHERE status = 'pending'"))
          .isEqualTo(2);
      assertThat(fixture.strings("SELECT url FROM videos ORDER BY id"))
          .containsExactly(
              "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
              "https://www.youtube.com/watch?v=9bZkp7q19f0");

      TaskQueue queue = new TaskQueue(fixture.data, EnrichFixture.FAST_QUEUE, Clock.systemUTC());
      TaskQueue.Enqueued enqueued =
          queue.enqueue(first.videoIds(), java.util.EnumSet.of(Step.METADATA, Step.CLIPS));
      TaskQueue.Enqueued repeated =
          queue.enqueue(first.videoIds(), java.util.EnumSet.of(Step.METADATA, Step.CLIPS));
      assertThat(enqueued.created()).isEqualTo(4);
      assertThat(repeated.created()).as("enqueueing twice changes nothing").isZero();
      assertThat(fixture.strings("SELECT step || ':' || state FROM enrichment_task ORDER BY id"))
          .containsExactly(
              "metadata:pending", "clips:waiting", "metadata:pending", "clips:waiting");
    }
  }
}
