package io.clipdeck.secrets;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Converts secrets between {@code char[]} and UTF-8 bytes without a {@code String} in between, into
 * buffers sized up front so that no copy is left behind unwiped.
 */
final class Secrets {

  private Secrets() {}

  static byte[] utf8(char[] secret) {
    CharsetEncoder encoder =
        StandardCharsets.UTF_8
            .newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer out = ByteBuffer.allocate(secret.length * 3);
    try {
      check(encoder.encode(CharBuffer.wrap(secret), out, true));
      check(encoder.flush(out));
      return Arrays.copyOf(out.array(), out.position());
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException("the secret is not valid Unicode (a lone surrogate?)");
    } finally {
      Arrays.fill(out.array(), (byte) 0);
    }
  }

  static char[] chars(byte[] utf8) throws CharacterCodingException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    CharBuffer out = CharBuffer.allocate(utf8.length);
    try {
      check(decoder.decode(ByteBuffer.wrap(utf8), out, true));
      check(decoder.flush(out));
      return Arrays.copyOf(out.array(), out.position());
    } finally {
      Arrays.fill(out.array(), '\0');
    }
  }

  static void wipe(byte[] bytes) {
    if (bytes != null) {
      Arrays.fill(bytes, (byte) 0);
    }
  }

  static void wipe(char[] chars) {
    if (chars != null) {
      Arrays.fill(chars, '\0');
    }
  }

  /** Whether {@code text} contains {@code secret}: keeps a secret out of a message by accident. */
  static boolean mentions(CharSequence text, char[] secret) {
    if (secret.length == 0 || text.length() < secret.length) {
      return false;
    }
    outer:
    for (int start = 0; start <= text.length() - secret.length; start++) {
      for (int i = 0; i < secret.length; i++) {
        if (text.charAt(start + i) != secret[i]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static void check(CoderResult result) throws CharacterCodingException {
    if (result.isError() || result.isOverflow()) {
      result.throwException();
    }
  }
}
