package io.clipdeck.config;

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
 * How Clipdeck writes its own files in the config directory ({@code profiles.json}, {@code
 * ui-state.json}): atomically and owner-only, and how it keeps a file it could not read.
 */
public final class JsonFiles {

  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final DateTimeFormatter COPY_SUFFIX =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private JsonFiles() {}

  /**
   * Replaces {@code file} with {@code content}: a temp file beside it (mode 0600), fsync, rename,
   * so readers see the old file or the new one, never half of either.
   */
  public static void writeAtomically(Path file, byte[] content) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp");
    try {
      restrictToOwner(temp);
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
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /**
   * Keeps a copy of a file that could not be read beside it ({@code <name>.unreadable-<time>}), so
   * nothing the user wrote is lost; returns a sentence saying where, for the error message.
   */
  public static String keepCopy(Path file, Clock clock) {
    Path copy =
        file.resolveSibling(
            file.getFileName() + ".unreadable-" + LocalDateTime.now(clock).format(COPY_SUFFIX));
    try {
      if (!Files.exists(copy)) {
        Files.copy(file, copy);
        restrictToOwner(copy);
      }
      return "the file is left as it is and a copy is kept at " + copy;
    } catch (IOException e) {
      return "the file is left as it is (a copy could not be made: " + e.getMessage() + ")";
    }
  }

  private static void restrictToOwner(Path path) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView("posix")) {
      Files.setPosixFilePermissions(path, OWNER_ONLY);
    }
  }
}
