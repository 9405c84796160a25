package io.clipdeck.api.elevenlabs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.Map;

/** {@code GET /v1/voices} as sent. */
@JsonIgnoreProperties(ignoreUnknown = true)
record VoicesWire(List<VoiceWire> voices) {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record VoiceWire(String voice_id, String name, String category, Map<String, String> labels) {}
}
