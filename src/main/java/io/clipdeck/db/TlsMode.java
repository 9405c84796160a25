package io.clipdeck.db;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a server connection is encrypted. SQLite files ignore it. */
public enum TlsMode {
  /** Plain TCP: only for a server on this machine or a trusted network. */
  DISABLE,
  /**
   * Encrypted when the server offers TLS, plain otherwise; the certificate is not checked. The
   * default: it protects against a passive listener, not against a server in the middle.
   */
  PREFER,
  /** Encrypted, but the server's certificate is not checked. */
  REQUIRE,
  /** Encrypted, the certificate checked against the profile's CA file and the host name. */
  VERIFY_FULL;

  @JsonValue
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  @JsonCreator
  public static TlsMode parse(String text) {
    for (TlsMode mode : values()) {
      if (mode.id().equalsIgnoreCase(text.trim())) {
        return mode;
      }
    }
    throw new IllegalArgumentException(
        "Unknown TLS mode '" + text + "': use disable, prefer, require or verify-full");
  }
}
