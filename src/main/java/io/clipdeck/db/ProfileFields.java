package io.clipdeck.db;

import java.util.regex.Pattern;

/**
 * The host and database fields of a server profile, checked before they reach a JDBC URL: a host is
 * a DNS name, an IPv4 address or an IPv6 address in brackets, and a database name is letters,
 * digits and {@code _ $ . -}. Neither can then carry a {@code ?}, {@code &}, {@code ;}, {@code /},
 * {@code ,} or parenthesis that a driver would read as a property, a second host or a path.
 */
final class ProfileFields {

  private static final Pattern DNS_LABEL =
      Pattern.compile("[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("\\[([0-9A-Fa-f:.]{2,45})\\]");
  private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_$][A-Za-z0-9_$.-]{0,63}");

  private ProfileFields() {}

  /** Checks a server's host; the message names the profile, the field and what is accepted. */
  static void checkHost(String profileName, String host) {
    if (!isHost(host)) {
      throw new IllegalArgumentException(
          "Profile '"
              + profileName
              + "': host '"
              + printable(host)
              + "' is not a host name, an IPv4 address or an IPv6 address in brackets (like"
              + " db.example.com, 10.0.0.5 or [::1])");
    }
  }

  /** Checks a server database's name. */
  static void checkDatabase(String profileName, String database) {
    if (!DATABASE.matcher(database).matches()) {
      throw new IllegalArgumentException(
          "Profile '"
              + profileName
              + "': database '"
              + printable(database)
              + "' is not a database name Clipdeck accepts: use 1 to 64 letters, digits and _ $ ."
              + " - (no ?, &, ;, / or spaces, which a driver would read as settings)");
    }
  }

  static boolean isHost(String host) {
    if (host == null || host.isEmpty() || host.length() > 253) {
      return false;
    }
    var ipv6 = IPV6.matcher(host);
    if (ipv6.matches()) {
      return isIpv6(ipv6.group(1));
    }
    if (IPV4.matcher(host).matches()) {
      for (String octet : host.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return false;
        }
      }
      return true;
    }
    String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    if (name.isEmpty()) {
      return false;
    }
    for (String label : name.split("\\.", -1)) {
      if (!DNS_LABEL.matcher(label).matches()) {
        return false;
      }
    }
    // A name of digits and dots only would be a malformed IPv4 address.
    return !name.matches("[0-9.]+");
  }

  private static boolean isIpv6(String text) {
    String[] halves = text.split("::", -1);
    if (halves.length > 2) {
      return false;
    }
    int groups = 0;
    for (int h = 0; h < halves.length; h++) {
      if (halves[h].isEmpty()) {
        continue;
      }
      String[] parts = halves[h].split(":", -1);
      for (int i = 0; i < parts.length; i++) {
        String part = parts[i];
        boolean last = h == halves.length - 1 && i == parts.length - 1;
        if (last && part.contains(".")) {
          if (!IPV4.matcher(part).matches() || !isHost(part)) {
            return false;
          }
          groups += 2;
        } else if (part.matches("[0-9A-Fa-f]{1,4}")) {
          groups++;
        } else {
          return false;
        }
      }
    }
    return halves.length == 2 ? groups <= 7 : groups == 8;
  }

  /** A field as it can appear in a message: control characters shown as '?', at most 80. */
  private static String printable(String text) {
    String shown =
        text.codePoints()
            .map(c -> Character.isISOControl(c) ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return shown.length() > 80 ? shown.substring(0, 80) + "…" : shown;
  }
}
