package io.clipdeck.api.elevenlabs;

import java.util.Map;

/** A voice from {@code GET /v1/voices}; only id and name are sure to be there. */
public record Voice(String id, String name, String category, Map<String, String> labels) {

  public Voice {
    labels = Map.copyOf(labels);
  }
}
