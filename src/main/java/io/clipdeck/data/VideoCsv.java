package io.clipdeck.data;

import io.clipdeck.data.model.Video;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Videos as CSV (RFC 4180, UTF-8), one line each after a header, for {@link VideoExport}. A text
 * cell that a spreadsheet would run as a formula (it starts with {@code = + - @}, a tab or a
 * carriage return) gets a leading {@code '}, as OWASP's CSV-injection advice says: the cell then
 * shows its text instead of computing it.
 */
public final class VideoCsv implements VideoExport.RowWriter {

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

  private final BufferedWriter out;

  VideoCsv(OutputStream stream) throws IOException {
    this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    line(HEADER);
  }

  @Override
  public void row(Video video) throws IOException {
    line(
        List.of(
            String.valueOf(video.id()),
            text(video.videoId()),
            String.valueOf(video.userId()),
            text(video.url()),
            text(video.title()),
            video.status().id(),
            video.durationS() == null ? "" : String.valueOf(video.durationS()),
            video.processingTimeS() == null ? "" : String.valueOf(video.processingTimeS()),
            text(video.error()),
            video.createdAt() == null ? "" : video.createdAt().toString(),
            video.updatedAt() == null ? "" : video.updatedAt().toString()));
  }

  @Override
  public void close() throws IOException {
    out.flush();
  }

  private void line(List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(quoted(values.get(i)));
    }
    out.write("\r\n");
  }

  /** Quotes a field when it holds a comma, a quote or a line break; doubles its quotes. */
  public static String quoted(String value) {
    boolean plain = value.chars().noneMatch(c -> c == ',' || c == '"' || c == '\n' || c == '\r');
    return plain ? value : "\"" + value.replace("\"", "\"\"") + "\"";
  }

  /**
   * A text cell, neutralised if a spreadsheet would read it as a formula: every CSV Clipdeck writes
   * (videos, the explorer's grid) goes through this one rule.
   */
  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    char first = value.charAt(0);
    boolean formula =
        first == '='
            || first == '+'
            || first == '-'
            || first == '@'
            || first == '\t'
            || first == '\r';
    return formula ? "'" + value : value;
  }
}
