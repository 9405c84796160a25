package io.clipdeck.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of change to a vault file gives "vault damaged", never a wrong-password error, never
 * data, and leaves the file exactly as it was. The vaults are made once: opening a damaged file is
 * refused before any key is derived.
 */
@Tag("reliability")
class VaultTamperTest {

  private static final String MASTER = "tamper-test master";
  private static final String SECRET = "the-db-password-42";

  @TempDir static Path shared;
  @TempDir Path dir;

  private static byte[] original;
  private static byte[] other;

  @BeforeAll
  static void makeVaults() throws Exception {
    EncryptedFileVault vault = open(shared.resolve("a/vault.json"));
    vault.put("profile/prod/password", SECRET.toCharArray());
    vault.put("api/openai/key", "sk-another-secret".toCharArray());
    original = Files.readAllBytes(vault.file());
    EncryptedFileVault second = open(shared.resolve("b/vault.json"));
    second.put("profile/prod/password", "a-different-one".toCharArray());
    other = Files.readAllBytes(second.file());
  }

  private static EncryptedFileVault open(Path file) {
    return new EncryptedFileVault(file, MASTER::toCharArray, new SecureRandom());
  }

  /** Writes {@code content} as a vault, then tries every operation: all must refuse. */
  private VaultDamagedException assertDamaged(byte[] content) throws Exception {
    Path file = dir.resolve("vault.json");
    Files.write(file, content);
    EncryptedFileVault vault = open(file);
    Throwable onGet = catchThrowable(() -> vault.get("profile/prod/password"));
    assertThat(onGet)
        .isInstanceOf(VaultDamagedException.class)
        .hasMessageStartingWith("vault damaged: " + file + " (");
    assertThatThrownBy(() -> vault.put("profile/prod/password", "new".toCharArray()))
        .isInstanceOf(VaultDamagedException.class);
    assertThatThrownBy(() -> vault.remove("profile/prod/password"))
        .isInstanceOf(VaultDamagedException.class);
    assertThat(Files.readAllBytes(file))
        .as("the damaged file is kept as it was")
        .isEqualTo(content);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
    assertThat(onGet.getMessage()).doesNotContain(SECRET, MASTER, "sk-another-secret");
    return (VaultDamagedException) onGet;
  }

  private static String text(byte[] content) {
    return new String(content, StandardCharsets.US_ASCII);
  }

  private static byte[] edit(UnaryOperator<String> change) {
    return change.apply(text(original)).getBytes(StandardCharsets.US_ASCII);
  }

  private static String field(byte[] content, String name) {
    String text = text(content);
    int start = text.indexOf("\"" + name + "\": \"") + name.length() + 5;
    return text.substring(start, text.indexOf('"', start));
  }

  /**
   * Changes the character at {@code offset} inside the value of {@code name} to another valid
   * Base64 (and hex) character, so that only the checksum can notice.
   */
  private static byte[] flipInField(String name, int offset) {
    String text = text(original);
    int at = text.indexOf("\"" + name + "\": \"") + name.length() + 5 + offset;
    byte[] changed = original.clone();
    changed[at] = (byte) (changed[at] == 'a' ? 'b' : 'a');
    return changed;
  }

  /** The vault as an attacker who knows the format would rewrite it: checksum recomputed. */
  private static byte[] forged(UnaryOperator<VaultFile> change) {
    VaultFile vault = VaultFile.parse(Path.of("original"), original);
    return change.apply(vault).toJson();
  }

  @Test
  void theUntouchedVaultOpens() {
    Path file = dir.resolve("vault.json");
    try {
      Files.write(file, original);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(open(file).get("profile/prod/password").map(String::new)).contains(SECRET);
  }

  @Test
  void aFlippedByteInTheCiphertext() throws Exception {
    assertThat(assertDamaged(flipInField("ciphertext", 40))).hasMessageContaining("checksum");
  }

  @Test
  void aFlippedByteInTheSalt() throws Exception {
    assertThat(assertDamaged(flipInField("salt", 3))).hasMessageContaining("checksum");
  }

  @Test
  void aFlippedByteInTheNonceTheCheckOrTheChecksum() throws Exception {
    assertDamaged(flipInField("nonce", 5));
    assertDamaged(flipInField("check", 7));
    assertDamaged(flipInField("checksum", 20));
  }

  @Test
  void anyFlippedBitAnywhere() throws Exception {
    List<String> undetected = new ArrayList<>();
    for (int at = 0; at < original.length; at++) {
      for (int bit : new int[] {0x01, 0x20, 0x80}) {
        byte[] changed = original.clone();
        changed[at] ^= (byte) bit;
        Path file = dir.resolve("vault.json");
        Files.write(file, changed);
        Throwable thrown = catchThrowable(() -> open(file).get("profile/prod/password"));
        if (!(thrown instanceof VaultDamagedException)) {
          undetected.add("byte " + at + " bit " + bit + ": " + thrown);
        }
      }
    }
    assertThat(undetected).isEmpty();
  }

  @Test
  void truncated() throws Exception {
    for (int length :
        new int[] {0, 1, 10, original.length / 2, original.length - 3, original.length - 1}) {
      assertDamaged(Arrays.copyOf(original, length));
    }
  }

  @Test
  void notJsonOrNotTheRightJson() throws Exception {
    assertThat(assertDamaged("this is not json".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("not valid JSON");
    assertThat(assertDamaged("[1, 2, 3]\n".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("not a JSON object");
    assertThat(assertDamaged("{}".getBytes(StandardCharsets.US_ASCII)))
        .hasMessageContaining("is missing");
    assertThat(assertDamaged(edit(t -> t.replace("\"nonce\"", "\"nonse\""))))
        .hasMessageContaining("unexpected field 'nonse'");
    assertThat(assertDamaged(edit(t -> t.replace("\"version\": 1", "\"version\": 2"))))
        .hasMessageContaining("format version 2");
    assertThat(assertDamaged(edit(t -> t.replace("600000", "1000"))))
        .hasMessageContaining("iterations");
    assertThat(assertDamaged(edit(t -> t.replace("}\n", "}\n{}\n")))).hasMessageContaining("JSON");
    assertThat(assertDamaged(edit(t -> t.replace("\"salt\"", "\"check\": \"AAAA\",\n  \"salt\""))))
        .hasMessageContaining("JSON");
  }

  @Test
  void reformattedByHand() throws Exception {
    assertThat(assertDamaged(edit(t -> t.replace("\n", "\r\n"))))
        .hasMessageContaining("differs from what Clipdeck writes");
    assertThat(assertDamaged(edit(t -> t.replace(": ", ":")))).hasMessageContaining("differs");
  }

  @Test
  void fieldsSwappedBetweenVaults() throws Exception {
    String salt = field(other, "salt");
    String ciphertext = field(other, "ciphertext");
    assertDamaged(edit(t -> t.replace(field(original, "salt"), salt)));
    assertDamaged(edit(t -> t.replace(field(original, "ciphertext"), ciphertext)));
  }

  @Test
  void forgedWithARecomputedChecksum() throws Exception {
    VaultFile donor = VaultFile.parse(Path.of("other"), other);
    // Same password, same checksum rules: only the authentication tags can tell.
    assertThat(
            assertDamaged(
                forged(
                    v ->
                        new VaultFile(
                            v.iterations(),
                            v.salt(),
                            v.check(),
                            donor.nonce(),
                            donor.ciphertext()))))
        .hasMessageContaining("AES-GCM");
    assertThat(
            assertDamaged(
                forged(
                    v -> {
                      byte[] ciphertext = v.ciphertext().clone();
                      ciphertext[10] ^= 1;
                      return new VaultFile(
                          v.iterations(), v.salt(), v.check(), v.nonce(), ciphertext);
                    })))
        .hasMessageContaining("AES-GCM");
    assertThat(
            assertDamaged(
                forged(
                    v -> {
                      byte[] ciphertext =
                          Arrays.copyOf(v.ciphertext(), v.ciphertext().length + 256);
                      return new VaultFile(
                          v.iterations(), v.salt(), v.check(), v.nonce(), ciphertext);
                    })))
        .hasMessageContaining("AES-GCM");
  }

  @Test
  void aDamagedVaultGivesNoDataAndSaysSo() throws Exception {
    Path file = dir.resolve("vault.json");
    Files.write(file, flipInField("ciphertext", 2));
    EncryptedFileVault vault = open(file);
    // get() must throw: quietly returning nothing would make a damaged vault look like a missing
    // password.
    assertThatThrownBy(() -> vault.get("profile/prod/password"))
        .isInstanceOfSatisfying(
            VaultDamagedException.class, damaged -> assertThat(damaged.file()).isEqualTo(file));
    // Once the file is restored the same vault object works again.
    Files.write(file, original);
    assertThat(vault.get("profile/prod/password").map(String::new)).contains(SECRET);
  }

  @Test
  void aVaultFileThatVanishesAfterOpeningIsReportedNotTakenForEmpty() throws Exception {
    Path file = dir.resolve("vault.json");
    Files.write(file, original);
    EncryptedFileVault vault = open(file);
    assertThat(vault.get("profile/prod/password").map(String::new)).contains(SECRET);
    Files.delete(file);

    assertThatThrownBy(() -> vault.get("profile/prod/password"))
        .isInstanceOf(VaultDamagedException.class)
        .hasMessageContaining("gone since it was opened");
    assertThatThrownBy(() -> vault.put("profile/prod/password", "new".toCharArray()))
        .isInstanceOf(VaultDamagedException.class);
    assertThat(file).doesNotExist();
  }
}
