package io.clipdeck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** Looks for secrets in files and text: raw, Base64, hex and UTF-16, as a leak would show them. */
public final class SecretScan {

  private SecretScan() {}

  /** Every form of {@code secret} a careless writer could leave behind, by name. */
  public static Map<String, byte[]> forms(String secret) {
    Map<String, byte[]> forms = new LinkedHashMap<>();
    byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
    forms.put("UTF-8", utf8);
    forms.put("UTF-16BE", secret.getBytes(StandardCharsets.UTF_16BE));
    forms.put("UTF-16LE", secret.getBytes(StandardCharsets.UTF_16LE));
    forms.put("hex", ascii(HexFormat.of().formatHex(utf8)));
    forms.put("HEX", ascii(HexFormat.of().withUpperCase().formatHex(utf8)));
    forms.put("hex UTF-16BE", ascii(HexFormat.of().formatHex(forms.get("UTF-16BE"))));
    // Base64 of the secret at each of the three alignments it could have inside a longer text;
    // the padding and the partial quantum at each end are left out so any alignment matches.
    for (int shift = 0; shift < 3; shift++) {
      byte[] shifted = new byte[shift + utf8.length];
      System.arraycopy(utf8, 0, shifted, shift, utf8.length);
      String encoded = Base64.getEncoder().withoutPadding().encodeToString(shifted);
      int from = shift == 0 ? 0 : 4;
      int to = (shifted.length / 3) * 4;
      if (to - from >= 8) {
        String core = encoded.substring(from, to);
        forms.put("Base64+" + shift, ascii(core));
        forms.put("Base64url+" + shift, ascii(core.replace('+', '-').replace('/', '_')));
      }
    }
    forms.put("Base64 UTF-16BE", ascii(Base64.getEncoder().encodeToString(forms.get("UTF-16BE"))));
    return forms;
  }

  /** "file: secret #i as form" for each form of each secret found in a regular file under roots. */
  public static List<String> filesMentioning(List<String> secrets, Path... roots) {
    List<String> found = new ArrayList<>();
    for (Path root : roots) {
      if (!Files.exists(root)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          byte[] content = Files.readAllBytes(file);
          found.addAll(matches(file.toString(), content, secrets));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return found;
  }

  /** The same search in a piece of text (a message, a log line). */
  public static List<String> textMentioning(String where, String text, List<String> secrets) {
    List<String> found =
        new ArrayList<>(matches(where, text.getBytes(StandardCharsets.UTF_8), secrets));
    String lower = text.toLowerCase(Locale.ROOT);
    for (int i = 0; i < secrets.size(); i++) {
      if (lower.contains(secrets.get(i).toLowerCase(Locale.ROOT))) {
        found.add(where + ": secret #" + i + " (ignoring case)");
      }
    }
    return found;
  }

  public static long count(Path... roots) {
    long n = 0;
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        n += files.filter(Files::isRegularFile).count();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return n;
  }

  private static List<String> matches(String where, byte[] content, List<String> secrets) {
    List<String> found = new ArrayList<>();
    for (int i = 0; i < secrets.size(); i++) {
      for (Map.Entry<String, byte[]> form : forms(secrets.get(i)).entrySet()) {
        if (indexOf(content, form.getValue()) >= 0) {
          found.add(where + ": secret #" + i + " as " + form.getKey());
        }
      }
    }
    return found;
  }

  public static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int start = 0; start <= haystack.length - needle.length; start++) {
      for (int i = 0; i < needle.length; i++) {
        if (haystack[start + i] != needle[i]) {
          continue outer;
        }
      }
      return start;
    }
    return -1;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
