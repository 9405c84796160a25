package io.clipdeck.migrate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises migrations of one SQLite file, where Flyway takes no lock: a lock per file within this
 * process, and an OS file lock beside the database across processes. PostgreSQL and MariaDB need
 * none (Flyway locks them itself).
 */
final class MigrationLock implements AutoCloseable {

  private static final Map<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  /** For servers, where Flyway locks: holds nothing. */
  static MigrationLock none() {
    return new MigrationLock(null, null, null);
  }

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock fileLock;

  private MigrationLock(ReentrantLock local, FileChannel channel, FileLock fileLock) {
    this.local = local;
    this.channel = channel;
    this.fileLock = fileLock;
  }

  /** Waits until no other migration of this database runs, then holds it off. */
  static MigrationLock acquire(Path database) {
    Path key = database.toAbsolutePath().normalize();
    ReentrantLock local = IN_PROCESS.computeIfAbsent(key, path -> new ReentrantLock());
    local.lock();
    try {
      FileChannel channel =
          FileChannel.open(
              key.resolveSibling(key.getFileName() + ".clipdeck-migrate.lock"),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE);
      return new MigrationLock(local, channel, channel.lock());
    } catch (IOException e) {
      local.unlock();
      throw new UncheckedIOException("Cannot lock " + key + " for migrating: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    if (local == null) {
      return;
    }
    try {
      fileLock.release();
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      local.unlock();
    }
  }
}
