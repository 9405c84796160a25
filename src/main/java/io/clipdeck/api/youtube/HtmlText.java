package io.clipdeck.api.youtube;

import java.util.Map;

/**
 * {@code search.list} sends titles, descriptions and channel names HTML-escaped ({@code &amp;},
 * {@code &#39;}, {@code &quot;}); {@code videos.list} does not. This reads them back to text, once
 * (so {@code &amp;lt;} becomes {@code &lt;}, as typed by the uploader), leaving anything that is
 * not an entity as it is.
 */
final class HtmlText {

  private static final Map<String, String> NAMED =
      Map.of(
          "amp", "&",
          "lt", "<",
          "gt", ">",
          "quot", "\"",
          "apos", "'",
          "nbsp", "\u00a0");

  private HtmlText() {}

  static String unescape(String text) {
    if (text == null || text.indexOf('&') < 0) {
      return text == null ? "" : text;
    }
    StringBuilder out = new StringBuilder(text.length());
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int semicolon = c == '&' ? text.indexOf(';', i + 1) : -1;
      if (semicolon > i + 1 && semicolon - i <= 10) {
        String replacement = entity(text.substring(i + 1, semicolon));
        if (replacement != null) {
          out.append(replacement);
          i = semicolon + 1;
          continue;
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  private static String entity(String name) {
    if (name.startsWith("#")) {
      try {
        int codePoint =
            name.startsWith("#x") || name.startsWith("#X")
                ? Integer.parseInt(name.substring(2), 16)
                : Integer.parseInt(name.substring(1));
        return Character.isValidCodePoint(codePoint) && codePoint != 0
            ? Character.toString(codePoint)
            : null;
      } catch (NumberFormatException notANumber) {
        return null;
      }
    }
    return NAMED.get(name);
  }
}
