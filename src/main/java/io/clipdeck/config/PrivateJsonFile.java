package io.clipdeck.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Set;

/**
 * What Clipdeck's own files (profiles, settings, the vault) share: owner-only, replaced atomically
 * (temp file created 0600, fsync, rename, fsync of the directory), and a file that cannot be read
 * is kept as {@code <name>.unreadable-<time>} rather than overwritten.
 */
public final class PrivateJsonFile {

  public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  public static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private static final DateTimeFormatter COPY_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private PrivateJsonFile() {}

  /** The mapper for Clipdeck's JSON files: snake_case names, ISO-8601 durations, strict fields. */
  public static ObjectMapper mapper() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build();
  }

  /**
   * Replaces {@code file} with {@code content}: readers see the old file or the new, never half.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    createPrivateDirectory(dir);
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
    Path temp =
        posix
            ? Files.createTempFile(
                dir,
                "." + file.getFileName() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(FILE))
            : Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      if (posix) {
        // The umask may have narrowed the attribute above; set it exactly.
        Files.setPosixFilePermissions(temp, FILE);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Writes a file the user named (an export): owner-only (0600), replaced atomically, and nothing
   * else touched. Unlike {@link #writeAtomically} the folder keeps its permissions, and a symbolic
   * link at {@code file} is refused rather than followed: the content goes to a new temp file
   * created exclusively beside it, which is then renamed over the name (a rename replaces a link
   * that appears meanwhile, it never writes through it).
   *
   * @throws IOException with a message naming the file when it is a link, a folder, or the folder
   *     is missing
   */
  public static void writeOwnFile(Path file, byte[] content) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.isSymbolicLink(target)) {
      throw new IOException(
          target + " is a symbolic link: Clipdeck does not write through links; give a plain file");
    }
    if (Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(target + " is a folder: give a file name");
    }
    Path dir = target.getParent();
    if (!Files.isDirectory(dir)) {
      throw new IOException("no folder " + dir + ": create it first");
    }
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
    Path temp =
        posix
            ? Files.createTempFile(
                dir,
                "." + target.getFileName() + ".",
                ".tmp",
                PosixFilePermissions.asFileAttribute(FILE))
            : Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
    try {
      if (posix) {
        Files.setPosixFilePermissions(temp, FILE);
      }
      try (FileChannel channel =
          FileChannel.open(
              temp, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      try {
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      syncDirectory(dir);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Creates {@code dir} owner-only, or narrows an existing one that others can enter. */
  public static void createPrivateDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
    }
    if (Files.getFileStore(dir).supportsFileAttributeView("posix")
        && !Files.getPosixFilePermissions(dir).equals(DIRECTORY)) {
      Files.setPosixFilePermissions(dir, DIRECTORY);
    }
  }

  /**
   * Keeps a copy of a file that could not be read beside it, owner-only, and says so in a sentence
   * that can end an error message.
   */
  public static String keepUnreadableCopy(Path file, Clock clock) {
    Path copy =
        file.resolveSibling(
            file.getFileName() + ".unreadable-" + LocalDateTime.now(clock).format(COPY_SUFFIX));
    try {
      if (!Files.exists(copy)) {
        Files.copy(file, copy);
        if (Files.getFileStore(copy).supportsFileAttributeView("posix")) {
          Files.setPosixFilePermissions(copy, FILE);
        }
      }
      return "the file is left as it is and a copy is kept at " + copy;
    } catch (IOException e) {
      return "the file is left as it is (a copy could not be made: " + e.getMessage() + ")";
    }
  }

  /** "FILE line L, column C is not a valid WHAT (Jackson's reason)". */
  public static String describe(Path file, JacksonException e, String what) {
    JsonLocation where = e.getLocation();
    String line =
        where == null || where.getLineNr() < 1
            ? ""
            : " line " + where.getLineNr() + ", column " + where.getColumnNr();
    return file + line + " is not a valid " + what + " (" + rootMessage(e) + ")";
  }

  /** The innermost message: Jackson wraps a constructor's own explanation. */
  public static String rootMessage(Exception e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause instanceof JacksonException jackson
            ? jackson.getOriginalMessage()
            : cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot sync a directory; the rename is still atomic.
    }
  }
}
