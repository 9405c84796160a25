package io.clipdeck.data;

import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.data.repo.VideoRepository;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Consumer;

/**
 * Writes videos to a CSV file (RFC 4180) as they stream from the database, so an export of millions
 * of rows holds only a fetch's worth. The file appears whole or not at all: it is written beside
 * the target and moved into place at the end.
 */
public final class VideoCsv {

  static final List<String> HEADER =
      List.of(
          "id",
          "video_id",
          "user_id",
          "url",
          "title",
          "status",
          "duration_s",
          "processing_time_s",
          "error",
          "created_at",
          "updated_at");

  /** Progress is told every so many rows. */
  static final long PROGRESS_EVERY = 10_000;

  private VideoCsv() {}

  /**
   * Exports every video matching {@code filter} in {@code sort} order.
   *
   * @return the number of videos written
   */
  public static long write(
      VideoRepository videos, VideoFilter filter, Sort sort, Path file, Consumer<Long> progress)
      throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    long[] written = {0};
    try (BufferedWriter out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
      line(out, HEADER);
      videos.export(
          filter,
          sort,
          video -> {
            try {
              line(out, fields(video));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            if (++written[0] % PROGRESS_EVERY == 0) {
              progress.accept(written[0]);
            }
          });
    } catch (UncheckedIOException e) {
      Files.deleteIfExists(partial);
      throw e.getCause();
    } catch (IOException | RuntimeException e) {
      // A half-written export is never left where the user looks for the file.
      Files.deleteIfExists(partial);
      throw e;
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return written[0];
  }

  private static List<String> fields(Video video) {
    return List.of(
        String.valueOf(video.id()),
        video.videoId(),
        String.valueOf(video.userId()),
        text(video.url()),
        text(video.title()),
        video.status().id(),
        video.durationS() == null ? "" : String.valueOf(video.durationS()),
        video.processingTimeS() == null ? "" : String.valueOf(video.processingTimeS()),
        text(video.error()),
        video.createdAt() == null ? "" : video.createdAt().toString(),
        video.updatedAt() == null ? "" : video.updatedAt().toString());
  }

  private static void line(BufferedWriter out, List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quoted(values.get(i)));
    }
    out.write("\r\n");
  }

  /** Quotes a field when it holds a comma, a quote or a line break; doubles its quotes. */
  static String quoted(String value) {
    boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return plain ? value : "\"" + value.replace("\"", "\"\"") + "\"";
  }

  private static String text(String value) {
    return value == null ? "" : value;
  }
}
