package io.clipdeck.secrets;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * The vault's plaintext: the entries as bytes, built in a buffer of exactly the right size so the
 * caller can wipe the one copy there is. Layout (big-endian): {@code int layout (1), int count},
 * then per entry {@code int refLength, ref (UTF-8), int secretLength, secret (UTF-16 chars)}, then
 * zeros up to a multiple of {@value #BLOCK} bytes so the file size only hints at how much is
 * stored.
 */
final class SecretMap {

  static final int BLOCK = 256;
  private static final int LAYOUT = 1;

  private SecretMap() {}

  static byte[] encode(Map<String, char[]> entries) {
    int size = 8;
    for (Map.Entry<String, char[]> entry : entries.entrySet()) {
      size += 8 + entry.getKey().getBytes(StandardCharsets.UTF_8).length;
      size += 2 * entry.getValue().length;
    }
    size = (size + BLOCK - 1) / BLOCK * BLOCK;
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(LAYOUT).putInt(entries.size());
    for (Map.Entry<String, char[]> entry : entries.entrySet()) {
      byte[] ref = entry.getKey().getBytes(StandardCharsets.UTF_8);
      out.putInt(ref.length).put(ref).putInt(entry.getValue().length);
      for (char c : entry.getValue()) {
        out.putChar(c);
      }
    }
    return out.array();
  }

  /**
   * Reads what {@link #encode} wrote; the caller wipes {@code plaintext}.
   *
   * @throws IllegalArgumentException if the bytes do not have that layout
   */
  static TreeMap<String, char[]> decode(byte[] plaintext) {
    ByteBuffer in = ByteBuffer.wrap(plaintext);
    TreeMap<String, char[]> entries = new TreeMap<>();
    try {
      if (in.getInt() != LAYOUT) {
        throw new IllegalArgumentException("unknown layout of the entries");
      }
      int count = in.getInt();
      if (count < 0 || count > in.remaining() / 8) {
        throw new IllegalArgumentException("impossible number of entries: " + count);
      }
      for (int i = 0; i < count; i++) {
        byte[] ref = new byte[length(in, 1)];
        in.get(ref);
        char[] secret = new char[length(in, 2)];
        for (int c = 0; c < secret.length; c++) {
          secret[c] = in.getChar();
        }
        char[] previous = entries.put(new String(ref, StandardCharsets.UTF_8), secret);
        if (previous != null) {
          Secrets.wipe(previous);
          throw new IllegalArgumentException("an entry appears twice");
        }
      }
      while (in.hasRemaining()) {
        if (in.get() != 0) {
          throw new IllegalArgumentException("unexpected bytes after the entries");
        }
      }
      return entries;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      wipe(entries);
      throw e instanceof IllegalArgumentException iae
          ? iae
          : new IllegalArgumentException("the entries end too early");
    }
  }

  static void wipe(Map<String, char[]> entries) {
    entries.values().forEach(Secrets::wipe);
    entries.clear();
  }

  private static int length(ByteBuffer in, int unit) {
    int length = in.getInt();
    if (length < 0 || (long) length * unit > in.remaining()) {
      throw new IllegalArgumentException("an entry is longer than the data");
    }
    return length;
  }
}
