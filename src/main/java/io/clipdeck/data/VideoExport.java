package io.clipdeck.data;

import io.clipdeck.data.model.Video;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes the videos of a filter to a file as they stream from the database, so an export of
 * millions of rows holds only a fetch's worth, in CSV or JSON. The file appears whole or not at
 * all: it is written beside the target and moved into place at the end.
 */
public final class VideoExport {

  /** The file formats an export writes. */
  public enum Format {
    /** RFC 4180, UTF-8, one header line. */
    CSV,
    /** One UTF-8 JSON array of objects, one per video. */
    JSON;

    /** The file name extension, without the dot. */
    public String extension() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** Writes rows of one format to a stream: a start, each video, an end. */
  interface RowWriter extends AutoCloseable {
    void row(Video video) throws IOException;

    /** Ends the document and flushes; the stream stays open for the caller to close. */
    @Override
    void close() throws IOException;
  }

  /** Progress is told every so many rows. */
  static final long PROGRESS_EVERY = 10_000;

  private VideoExport() {}

  /** The videos to write, handed one by one to {@code action} in the order they are written. */
  @FunctionalInterface
  public interface Source {
    void forEach(Consumer<Video> action);
  }

  /**
   * Exports every video {@code videos} hands over (a repository's export of a filter, in its
   * order).
   *
   * @param progress told the number of rows written every {@value #PROGRESS_EVERY} rows
   * @return the number of videos written
   */
  public static long write(Source videos, Path file, Format format, Consumer<Long> progress)
      throws IOException {
    Path partial = file.resolveSibling(file.getFileName() + ".part");
    long[] written = {0};
    try (OutputStream out = Files.newOutputStream(partial);
        RowWriter rows = writer(format, out)) {
      videos.forEach(
          video -> {
            try {
              rows.row(video);
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

  private static RowWriter writer(Format format, OutputStream out) throws IOException {
    return switch (format) {
      case CSV -> new VideoCsv(out);
      case JSON -> new VideoJson(out);
    };
  }
}
