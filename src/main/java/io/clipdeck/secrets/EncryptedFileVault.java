package io.clipdeck.secrets;

import io.clipdeck.config.PrivateJsonFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;

/**
 * Secrets in one file encrypted with AES-256-GCM under a key derived from a master password with
 * PBKDF2-HMAC-SHA256 (600,000 iterations, random 16-byte salt); see {@link VaultFile} for the
 * format. Each write uses a fresh random 12-byte nonce and replaces the file atomically, owner-only
 * (0600) in an owner-only directory (0700).
 *
 * <p>The master password is asked for ({@code masterPassword.get()}) only when the file has to be
 * opened or created; the supplier must return a fresh array each time, which the vault wipes. The
 * derived key is then kept in memory for the vault's life (deriving it takes about half a second)
 * until {@link #lock()}. Nothing but the key is cached: each call reads the file again.
 *
 * <p>A file that is not exactly what Clipdeck wrote gives a {@link VaultDamagedException} and is
 * never written to; a wrong master password gives a {@link WrongMasterPasswordException}. Calls
 * block (PBKDF2, file I/O): run them off the JavaFX Application Thread. One vault object is safe to
 * share between threads; two processes writing the same file at once are not coordinated (the last
 * write wins).
 */
public final class EncryptedFileVault implements SecretStore {

  /** The vault's file name in Clipdeck's configuration directory. */
  public static final String FILE_NAME = "vault.json";

  /** Larger files are not read: a vault of passwords is a few kilobytes. */
  static final long MAX_FILE_BYTES = 16L << 20;

  private final Path file;
  private final Supplier<char[]> masterPassword;
  private final SecureRandom random;

  /** An export file: written beside the user's other files, its folder left as it is. */
  private final boolean userFile;

  private final ReentrantLock lock = new ReentrantLock();

  /** The key of the file last opened or written, with the parameters it was derived with. */
  private VaultKey key;

  private record VaultKey(int iterations, byte[] salt, byte[] bytes) {
    boolean fits(VaultFile vault) {
      return iterations == vault.iterations() && Arrays.equals(salt, vault.salt());
    }

    @Override
    public String toString() {
      return "VaultKey[iterations=" + iterations + "]";
    }
  }

  public EncryptedFileVault(Path file, Supplier<char[]> masterPassword, SecureRandom random) {
    this(file, masterPassword, random, false);
  }

  private EncryptedFileVault(
      Path file, Supplier<char[]> masterPassword, SecureRandom random, boolean userFile) {
    this.file = Objects.requireNonNull(file, "file").toAbsolutePath();
    this.masterPassword = Objects.requireNonNull(masterPassword, "masterPassword");
    this.random = Objects.requireNonNull(random, "random");
    this.userFile = userFile;
  }

  /**
   * Writes a new vault holding exactly {@code entries} at {@code file}, under a fresh salt and a
   * passphrase that must meet {@link MasterPassword#checkStrength}: whatever was at {@code file} is
   * replaced, never opened or added to. The file is written as an export is (its folder untouched,
   * a symbolic link refused). The entries are not wiped.
   */
  public static void writeNew(
      Path file, Supplier<char[]> passphrase, SecureRandom random, Map<String, char[]> entries) {
    EncryptedFileVault vault = new EncryptedFileVault(file, passphrase, random, true);
    TreeMap<String, char[]> copy = new TreeMap<>();
    try {
      entries.forEach((ref, secret) -> copy.put(SecretRef.validate(ref), secret.clone()));
      vault.lock.lock();
      try {
        vault.write(copy);
      } finally {
        vault.forgetKey();
        vault.lock.unlock();
      }
    } finally {
      SecretMap.wipe(copy);
    }
  }

  /** The vault file. */
  public Path file() {
    return file;
  }

  @Override
  public void put(String ref, char[] secret) {
    SecretRef.validate(ref);
    SecretServiceStore.requireSecret(secret);
    lock.lock();
    try {
      TreeMap<String, char[]> entries = read().orElseGet(TreeMap::new);
      try {
        Secrets.wipe(entries.put(ref, secret.clone()));
        write(entries);
      } finally {
        SecretMap.wipe(entries);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Optional<char[]> get(String ref) {
    SecretRef.validate(ref);
    lock.lock();
    try {
      Optional<TreeMap<String, char[]>> entries = read();
      if (entries.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.ofNullable(entries.get().get(ref)).map(char[]::clone);
      } finally {
        SecretMap.wipe(entries.get());
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void remove(String ref) {
    SecretRef.validate(ref);
    lock.lock();
    try {
      Optional<TreeMap<String, char[]>> entries = read();
      if (entries.isEmpty()) {
        return;
      }
      try {
        char[] removed = entries.get().remove(ref);
        if (removed != null) {
          Secrets.wipe(removed);
          write(entries.get());
        }
      } finally {
        SecretMap.wipe(entries.get());
      }
    } finally {
      lock.unlock();
    }
  }

  /** Forgets the derived key: the next call asks for the master password again. */
  public void lock() {
    lock.lock();
    try {
      forgetKey();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String describe() {
    Path home = Path.of(System.getProperty("user.home", "/")).toAbsolutePath();
    String shown =
        file.startsWith(home) && !home.equals(home.getRoot())
            ? "~/" + home.relativize(file)
            : file.toString();
    return "encrypted vault file " + shown;
  }

  @Override
  public String toString() {
    return describe();
  }

  /** The entries in the file, or empty if there is no file yet. */
  private Optional<TreeMap<String, char[]>> read() {
    byte[] text;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new VaultDamagedException(file, "larger than " + MAX_FILE_BYTES + " bytes");
      }
      text = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      if (key != null) {
        // This object opened or wrote the file: its going away is not "no secrets yet".
        throw new VaultDamagedException(file, "the file is gone since it was opened");
      }
      return Optional.empty();
    } catch (IOException e) {
      throw new SecretStoreException("cannot read the vault " + file + ": " + e, e);
    }
    VaultFile vault = VaultFile.parse(file, text);
    byte[] keyBytes = keyFor(vault);
    byte[] plaintext;
    try {
      plaintext =
          VaultCipher.open(keyBytes, vault.nonce(), vault.entriesData(), vault.ciphertext());
    } catch (AEADBadTagException e) {
      throw new VaultDamagedException(
          file, "the entries fail their AES-GCM authentication: the file was altered");
    }
    try {
      return Optional.of(SecretMap.decode(plaintext));
    } catch (IllegalArgumentException e) {
      throw new VaultDamagedException(file, e.getMessage());
    } finally {
      Secrets.wipe(plaintext);
    }
  }

  /** The key that opens {@code vault}: the cached one, or one derived and proven by its check. */
  private byte[] keyFor(VaultFile vault) {
    if (key != null && key.fits(vault) && passwordFits(key.bytes(), vault)) {
      return key.bytes();
    }
    forgetKey();
    byte[] candidate = derive(vault.salt(), vault.iterations());
    if (!passwordFits(candidate, vault)) {
      Secrets.wipe(candidate);
      throw new WrongMasterPasswordException(file);
    }
    key = new VaultKey(vault.iterations(), vault.salt(), candidate);
    return candidate;
  }

  private boolean passwordFits(byte[] keyBytes, VaultFile vault) {
    byte[] check = vault.check();
    byte[] nonce = Arrays.copyOf(check, VaultCipher.NONCE_BYTES);
    byte[] tag = Arrays.copyOfRange(check, VaultCipher.NONCE_BYTES, check.length);
    try {
      VaultCipher.open(keyBytes, nonce, vault.checkData(), tag);
      return true;
    } catch (AEADBadTagException e) {
      return false;
    }
  }

  private void write(TreeMap<String, char[]> entries) {
    if (key == null) {
      byte[] salt = randomBytes(VaultCipher.SALT_BYTES);
      key = new VaultKey(VaultCipher.ITERATIONS, salt, derive(salt, VaultCipher.ITERATIONS, true));
    }
    VaultFile header =
        new VaultFile(key.iterations(), key.salt(), new byte[0], new byte[0], new byte[0]);
    byte[] checkNonce = randomBytes(VaultCipher.NONCE_BYTES);
    byte[] checkTag = VaultCipher.seal(key.bytes(), checkNonce, header.checkData(), new byte[0]);
    byte[] check = new byte[VaultFile.CHECK_BYTES];
    System.arraycopy(checkNonce, 0, check, 0, checkNonce.length);
    System.arraycopy(checkTag, 0, check, checkNonce.length, checkTag.length);
    byte[] nonce = randomBytes(VaultCipher.NONCE_BYTES);
    byte[] plaintext = SecretMap.encode(entries);
    try {
      byte[] sealed = VaultCipher.seal(key.bytes(), nonce, header.entriesData(), plaintext);
      VaultFile vault = new VaultFile(key.iterations(), key.salt(), check, nonce, sealed);
      if (userFile) {
        PrivateJsonFile.writeOwnFile(file, vault.toJson());
      } else {
        PrivateJsonFile.writeAtomically(file, vault.toJson());
      }
    } catch (IOException e) {
      throw new SecretStoreException("cannot write the vault " + file + ": " + e, e);
    } finally {
      Secrets.wipe(plaintext);
    }
  }

  private byte[] derive(byte[] salt, int iterations) {
    return derive(salt, iterations, false);
  }

  /** With {@code creating}, the password must be strong enough for a new vault. */
  private byte[] derive(byte[] salt, int iterations, boolean creating) {
    char[] password = masterPassword.get();
    try {
      if (password == null || password.length == 0) {
        throw new SecretStoreException(
            "no master password for "
                + file
                + ": set "
                + MasterPassword.ENVIRONMENT_VARIABLE
                + " or type one");
      }
      if (creating) {
        MasterPassword.checkStrength(password, file);
      }
      return VaultCipher.deriveKey(password, salt, iterations);
    } finally {
      Secrets.wipe(password);
    }
  }

  private byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }

  private void forgetKey() {
    if (key != null) {
      Secrets.wipe(key.bytes());
      key = null;
    }
  }
}
