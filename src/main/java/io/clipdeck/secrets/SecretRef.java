package io.clipdeck.secrets;

import java.util.Objects;

/**
 * Builds and checks secret references: {@code profile/<name>/password}, {@code api/<provider>/key}.
 * A reference names a secret; it is not secret itself (it shows up in keyring labels and errors).
 */
public final class SecretRef {

  /** Longer references are refused: they end up on a command line and in keyring labels. */
  public static final int MAX_LENGTH = 200;

  private SecretRef() {}

  /** The reference of a connection profile's database password: {@code profile/<name>/password}. */
  public static String profilePassword(String profileName) {
    return "profile/" + segment(profileName) + "/password";
  }

  /** The reference of a provider's API key: {@code api/<provider>/key}. */
  public static String apiKey(String provider) {
    return "api/" + segment(provider) + "/key";
  }

  /**
   * Checks that {@code ref} can be stored: 1 to {@value #MAX_LENGTH} characters, no control
   * characters, no leading or trailing blanks.
   *
   * @return {@code ref} itself
   * @throws IllegalArgumentException naming the problem
   */
  public static String validate(String ref) {
    Objects.requireNonNull(ref, "ref");
    if (ref.isEmpty() || ref.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "a secret reference has 1 to " + MAX_LENGTH + " characters, not " + ref.length());
    }
    if (!ref.strip().equals(ref)) {
      throw new IllegalArgumentException(
          "a secret reference has no leading or trailing blanks: '" + ref + "'");
    }
    if (ref.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a secret reference has no control characters");
    }
    return ref;
  }

  /** One path segment: '%' and '/' are escaped so that names cannot run into each other. */
  private static String segment(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a name in a secret reference cannot be blank");
    }
    return name.strip().replace("%", "%25").replace("/", "%2F");
  }
}
