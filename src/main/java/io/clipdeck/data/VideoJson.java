package io.clipdeck.data;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import io.clipdeck.data.model.Video;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Videos as one JSON array, written with Jackson's streaming generator (no tree, no list: each
 * video goes out as it comes), for {@link VideoExport}. Absent values are JSON nulls; times are
 * ISO-8601 instants.
 */
final class VideoJson implements VideoExport.RowWriter {

  private static final JsonFactory FACTORY =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

  private final JsonGenerator json;

  VideoJson(OutputStream out) throws IOException {
    this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
    json.writeStartArray();
  }

  @Override
  public void row(Video video) throws IOException {
    json.writeStartObject();
    json.writeNumberField("id", video.id());
    json.writeStringField("video_id", video.videoId());
    json.writeNumberField("user_id", video.userId());
    json.writeStringField("url", video.url());
    json.writeStringField("title", video.title());
    json.writeStringField("description", video.description());
    json.writeStringField("status", video.status().id());
    number("duration_s", video.durationS());
    number("processing_time_s", video.processingTimeS());
    json.writeStringField("thumbnail_path", video.thumbnailPath());
    json.writeStringField("narration_path", video.narrationPath());
    json.writeStringField("error", video.error());
    instant("created_at", video.createdAt());
    instant("updated_at", video.updatedAt());
    json.writeEndObject();
  }

  @Override
  public void close() throws IOException {
    json.writeEndArray();
    json.close();
  }

  private void number(String name, Double value) throws IOException {
    if (value == null) {
      json.writeNullField(name);
    } else {
      json.writeNumberField(name, value);
    }
  }

  private void instant(String name, Instant value) throws IOException {
    json.writeStringField(name, value == null ? null : value.toString());
  }
}
