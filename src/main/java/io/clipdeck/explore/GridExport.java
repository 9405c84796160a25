package io.clipdeck.explore;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.clipdeck.data.VideoCsv;
import io.clipdeck.data.VideoExport;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes grid rows to a stream as they come, in the browser's two formats ({@link
 * VideoExport.Format}): CSV (RFC 4180, UTF-8, a header line; text that a spreadsheet would run as a
 * formula gets a leading apostrophe) or one JSON array of objects. Bytes are written as {@code \x}
 * and hex digits in both.
 */
abstract sealed class GridExport implements AutoCloseable {

  static GridExport of(VideoExport.Format format, OutputStream out, List<String> columns)
      throws IOException {
    return switch (format) {
      case CSV -> new Csv(out, columns);
      case JSON -> new Json(out, columns);
    };
  }

  abstract void row(List<Object> cells) throws IOException;

  /** Ends the document and flushes; the stream stays open for the caller to close. */
  @Override
  public abstract void close() throws IOException;

  /**
   * A cell as CSV: quoted when it holds a comma, a quote or a line break; text starting with {@code
   * = + - @}, a tab or a carriage return is prefixed with {@code '} so no spreadsheet runs it.
   * Numbers are written as they are (a negative number is not a formula).
   */
  static String csvCell(Object value) {
    if (value == null) {
      return "";
    }
    String text = GridCells.text(value);
    return VideoCsv.quoted(value instanceof Number ? text : VideoCsv.text(text));
  }

  static final class Csv extends GridExport {
    private final BufferedWriter out;

    Csv(OutputStream stream, List<String> columns) throws IOException {
      this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
      row(List.copyOf(columns));
    }

    @Override
    void row(List<Object> cells) throws IOException {
      for (int i = 0; i < cells.size(); i++) {
        if (i > 0) {
          out.write(',');
        }
        out.write(csvCell(cells.get(i)));
      }
      out.write("\r\n");
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  static final class Json extends GridExport {
    private static final JsonFactory FACTORY =
        JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    private final JsonGenerator json;
    private final List<String> columns;

    Json(OutputStream out, List<String> columns) throws IOException {
      this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
      this.columns = List.copyOf(columns);
      json.writeStartArray();
    }

    @Override
    void row(List<Object> cells) throws IOException {
      json.writeStartObject();
      for (int i = 0; i < cells.size(); i++) {
        json.writeFieldName(columns.get(i));
        Object value = cells.get(i);
        if (value == null) {
          json.writeNull();
        } else if (value instanceof Boolean flag) {
          json.writeBoolean(flag);
        } else if (value instanceof Integer
            || value instanceof Long
            || value instanceof Short
            || value instanceof Byte) {
          json.writeNumber(((Number) value).longValue());
        } else if (value instanceof BigInteger number) {
          json.writeNumber(number);
        } else if (value instanceof BigDecimal number) {
          json.writeNumber(number);
        } else if (value instanceof Number number && Double.isFinite(number.doubleValue())) {
          json.writeNumber(number.doubleValue());
        } else {
          json.writeString(GridCells.text(value));
        }
      }
      json.writeEndObject();
    }

    @Override
    public void close() throws IOException {
      json.writeEndArray();
      json.close();
    }
  }
}
