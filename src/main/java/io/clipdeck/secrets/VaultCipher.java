package io.clipdeck.secrets;

import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The vault's cryptography, all from the JDK: PBKDF2-HMAC-SHA256 turns the master password into a
 * 256-bit key, AES-256-GCM seals the entries with a 128-bit tag.
 */
final class VaultCipher {

  /** OWASP's recommendation for PBKDF2-HMAC-SHA256 (Password Storage Cheat Sheet, 2023 on). */
  static final int ITERATIONS = 600_000;

  /** Files asking for more are refused: it would only let a forged file hang Clipdeck. */
  static final int MAX_ITERATIONS = 10_000_000;

  static final int SALT_BYTES = 16;
  static final int NONCE_BYTES = 12;
  static final int TAG_BYTES = 16;
  static final int KEY_BYTES = 32;

  private VaultCipher() {}

  /** Derives the vault key; {@code password} is left to the caller to wipe. Takes ~0.5 s. */
  static byte[] deriveKey(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BYTES * 8);
    try {
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks PBKDF2WithHmacSHA256", e);
    } finally {
      spec.clearPassword();
    }
  }

  /** AES-256-GCM: the ciphertext followed by the 16-byte tag. */
  static byte[] seal(byte[] key, byte[] nonce, byte[] associatedData, byte[] plaintext) {
    try {
      return cipher(Cipher.ENCRYPT_MODE, key, nonce, associatedData).doFinal(plaintext);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to encrypt", e);
    }
  }

  /**
   * Opens what {@link #seal} made.
   *
   * @throws AEADBadTagException if the key, nonce, associated data or ciphertext do not match
   */
  static byte[] open(byte[] key, byte[] nonce, byte[] associatedData, byte[] sealed)
      throws AEADBadTagException {
    try {
      return cipher(Cipher.DECRYPT_MODE, key, nonce, associatedData).doFinal(sealed);
    } catch (AEADBadTagException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM failed to decrypt", e);
    }
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce, byte[] associatedData)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BYTES * 8, nonce));
    cipher.updateAAD(associatedData);
    return cipher;
  }
}
