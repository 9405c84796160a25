package io.clipdeck.data.model;

import java.util.Locale;

/** A video's processing state; the schema's CHECK allows exactly these. */
public enum VideoStatus {
  PENDING,
  DOWNLOADING,
  PROCESSING,
  COMPLETED,
  FAILED;

  /** The stored text: {@code pending}, {@code completed}, ... */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static VideoStatus parse(String text) {
    for (VideoStatus status : values()) {
      if (status.id().equals(text)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "Unknown video status '"
            + text
            + "': use pending, downloading, processing, completed or"
            + " failed");
  }
}
