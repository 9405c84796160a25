package io.clipdeck.api.elevenlabs;

import java.util.regex.Pattern;

/** Ids that become path segments are checked, so a voice id cannot rewrite the path. */
final class ApiRequestPaths {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private ApiRequestPaths() {}

  static String segment(String id) {
    if (id == null || !SAFE.matcher(id).matches()) {
      throw new IllegalArgumentException("a voice id is 1 to 64 letters, digits, '-' or '_'");
    }
    return id;
  }
}
