package io.clipdeck.secrets;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

/**
 * The vault file's shape: one JSON object written by a fixed template, so that any change to the
 * text (a flipped byte, a truncation, a hand edit) is noticed before the master password is even
 * asked for.
 *
 * <pre>{@code
 * {
 *   "format": "clipdeck-vault",
 *   "version": 1,
 *   "kdf": "PBKDF2-HMAC-SHA256",
 *   "iterations": 600000,
 *   "salt": "<16 bytes, Base64>",
 *   "cipher": "AES-256-GCM",
 *   "check": "<12-byte nonce + 16-byte GCM tag over nothing: proves the password>",
 *   "nonce": "<12 bytes, Base64, new on every write>",
 *   "ciphertext": "<all entries, AES-256-GCM, tag appended, Base64>",
 *   "checksum": "sha256:<hex over the header, check, nonce and ciphertext>"
 * }
 * }</pre>
 *
 * <p>All the entries are encrypted at once, with the header (format, version, KDF, iterations,
 * salt, cipher) as GCM associated data. Compared with one ciphertext per entry this hides the
 * references too (they name profiles and providers), needs one nonce per write instead of one per
 * entry, and leaves nothing to swap, drop or replay between entries; the vault is small, so
 * re-encrypting it all on each write costs nothing noticeable.
 *
 * <p>Two checks tell damage from a wrong password. The unkeyed SHA-256 {@code checksum} catches
 * accidental damage anywhere, the salt included, which would otherwise only show up as "wrong
 * password". The {@code check} field, a GCM tag over no data made with the vault key, then tells a
 * wrong master password apart; if the password is right but the entries still fail their tag, the
 * file was altered deliberately (and its checksum recomputed): that is damage too.
 */
record VaultFile(int iterations, byte[] salt, byte[] check, byte[] nonce, byte[] ciphertext) {

  static final String FORMAT = "clipdeck-vault";
  static final int VERSION = 1;
  static final String KDF = "PBKDF2-HMAC-SHA256";
  static final String CIPHER = "AES-256-GCM";
  static final int CHECK_BYTES = VaultCipher.NONCE_BYTES + VaultCipher.TAG_BYTES;

  private static final List<String> FIELDS =
      List.of(
          "format",
          "version",
          "kdf",
          "iterations",
          "salt",
          "cipher",
          "check",
          "nonce",
          "ciphertext",
          "checksum");

  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** The header bytes: what the key depends on and how the file is read. */
  byte[] header() {
    return bytes(
        out -> {
          out.writeUTF(FORMAT);
          out.writeInt(VERSION);
          out.writeUTF(KDF);
          out.writeInt(iterations);
          out.writeInt(salt.length);
          out.write(salt);
          out.writeUTF(CIPHER);
        });
  }

  /** Associated data of the password check. */
  byte[] checkData() {
    return withPurpose("password-check");
  }

  /** Associated data of the entries. */
  byte[] entriesData() {
    return withPurpose("entries");
  }

  String checksum() {
    byte[] all =
        bytes(
            out -> {
              for (byte[] part : new byte[][] {header(), check, nonce, ciphertext}) {
                out.writeInt(part.length);
                out.write(part);
              }
            });
    try {
      return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(all));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK lacks SHA-256", e);
    }
  }

  byte[] toJson() {
    Base64.Encoder base64 = Base64.getEncoder();
    String json =
        """
        {
          "format": "%s",
          "version": %s,
          "kdf": "%s",
          "iterations": %s,
          "salt": "%s",
          "cipher": "%s",
          "check": "%s",
          "nonce": "%s",
          "ciphertext": "%s",
          "checksum": "%s"
        }
        """
            .formatted(
                FORMAT,
                VERSION,
                KDF,
                iterations,
                base64.encodeToString(salt),
                CIPHER,
                base64.encodeToString(check),
                base64.encodeToString(nonce),
                base64.encodeToString(ciphertext),
                checksum());
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * Reads a vault file's text.
   *
   * @throws VaultDamagedException naming what is wrong, if it is not exactly a file Clipdeck wrote
   */
  static VaultFile parse(Path file, byte[] text) {
    JsonNode root = readTree(file, text);
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw new VaultDamagedException(file, "unexpected field '" + name + "'");
      }
    }
    for (String name : FIELDS) {
      if (!root.has(name)) {
        throw new VaultDamagedException(file, "field '" + name + "' is missing");
      }
    }
    constant(file, root, "format", FORMAT);
    if (!root.get("version").isInt() || root.get("version").intValue() != VERSION) {
      throw new VaultDamagedException(
          file, "format version " + root.get("version") + " is not one this Clipdeck reads");
    }
    constant(file, root, "kdf", KDF);
    constant(file, root, "cipher", CIPHER);
    JsonNode iterations = root.get("iterations");
    if (!iterations.isInt()
        || iterations.intValue() < VaultCipher.ITERATIONS
        || iterations.intValue() > VaultCipher.MAX_ITERATIONS) {
      throw new VaultDamagedException(
          file,
          "field 'iterations' is not a number from "
              + VaultCipher.ITERATIONS
              + " to "
              + VaultCipher.MAX_ITERATIONS);
    }
    byte[] ciphertext = base64(file, root, "ciphertext", -1);
    if (ciphertext.length < VaultCipher.TAG_BYTES + SecretMap.BLOCK
        || (ciphertext.length - VaultCipher.TAG_BYTES) % SecretMap.BLOCK != 0) {
      throw new VaultDamagedException(file, "field 'ciphertext' has an impossible length");
    }
    VaultFile vault =
        new VaultFile(
            iterations.intValue(),
            base64(file, root, "salt", VaultCipher.SALT_BYTES),
            base64(file, root, "check", CHECK_BYTES),
            base64(file, root, "nonce", VaultCipher.NONCE_BYTES),
            ciphertext);
    if (!Arrays.equals(vault.toJson(), text)) {
      if (!vault.checksum().equals(root.get("checksum").asText())) {
        throw new VaultDamagedException(
            file, "checksum mismatch: the file changed after Clipdeck wrote it");
      }
      throw new VaultDamagedException(
          file, "its text differs from what Clipdeck writes (edited by hand?)");
    }
    return vault;
  }

  @Override
  public String toString() {
    return "VaultFile[iterations=" + iterations + ", " + ciphertext.length + " bytes sealed]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VaultFile that && Arrays.equals(toJson(), that.toJson());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toJson());
  }

  private static JsonNode readTree(Path file, byte[] text) {
    try {
      JsonNode root = MAPPER.readTree(text);
      if (root == null || !root.isObject()) {
        throw new VaultDamagedException(file, "not a JSON object (empty or truncated?)");
      }
      return root;
    } catch (JacksonException e) {
      JsonLocation where = e.getLocation();
      String line =
          where == null || where.getLineNr() < 1
              ? ""
              : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
      throw new VaultDamagedException(
          file, "not valid JSON" + line + " (truncated?): " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void constant(Path file, JsonNode root, String name, String expected) {
    if (!expected.equals(root.get(name).textValue())) {
      throw new VaultDamagedException(file, "field '" + name + "' is not \"" + expected + "\"");
    }
  }

  private static byte[] base64(Path file, JsonNode root, String name, int length) {
    String text = root.get(name).textValue();
    try {
      byte[] value = text == null ? null : Base64.getDecoder().decode(text);
      if (value != null && (length < 0 || value.length == length)) {
        return value;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new VaultDamagedException(
        file,
        "field '" + name + "' is not " + (length < 0 ? "" : length + " bytes of ") + "Base64");
  }

  private byte[] withPurpose(String purpose) {
    byte[] header = header();
    return bytes(
        out -> {
          out.write(header);
          out.writeUTF(purpose);
        });
  }

  private interface Writes {
    void to(DataOutputStream out) throws IOException;
  }

  private static byte[] bytes(Writes writes) {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(buffer)) {
      writes.to(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.toByteArray();
  }
}
