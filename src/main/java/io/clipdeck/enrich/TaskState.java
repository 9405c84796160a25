package io.clipdeck.enrich;

import java.util.Locale;

/** Where one (video, step) task stands; stored as its lower-case name. */
public enum TaskState {
  /** An earlier step of the same video is not done yet. */
  WAITING,
  /** Ready to be claimed once {@code next_attempt_at} has passed. */
  PENDING,
  /** Leased to a worker until {@code lease_until}; back to the queue when that passes. */
  RUNNING,
  DONE,
  /** Dead-lettered: failed for good or too often; {@code last_error} says why. Can be retried. */
  DEAD;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static TaskState parse(String text) {
    for (TaskState state : values()) {
      if (state.id().equals(text)) {
        return state;
      }
    }
    throw new IllegalArgumentException("Unknown task state '" + text + "'");
  }
}
