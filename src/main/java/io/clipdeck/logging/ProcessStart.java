package io.clipdeck.logging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * When this process started, to the centisecond: the start of the cold-start figures.
 *
 * <p>{@link ProcessHandle.Info#startInstant()} is not good enough on Linux: the JDK adds the
 * process's start (clock ticks since boot) to the boot time of {@code /proc/stat}, which is whole
 * seconds, so its figure is up to a second early and every "ms since start" up to a second long.
 * Here the boot time comes from {@code /proc/uptime} (centiseconds) instead; other systems record
 * the start precisely, and their {@code startInstant()} is used.
 */
public final class ProcessStart {

  /** Linux's USER_HZ, the unit of {@code /proc/self/stat}'s start time: 100 on every arch. */
  private static final long TICKS_PER_SECOND = 100;

  private static final long EPOCH_MILLIS = read();

  private ProcessStart() {}

  /** The process's start, in epoch milliseconds. */
  public static long epochMillis() {
    return EPOCH_MILLIS;
  }

  /** Milliseconds from the process's start to now. */
  public static long millisSince() {
    return System.currentTimeMillis() - EPOCH_MILLIS;
  }

  private static long read() {
    return fromProc()
        .or(() -> ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli))
        .orElseGet(System::currentTimeMillis);
  }

  private static Optional<Long> fromProc() {
    try {
      Path stat = Path.of("/proc/self/stat");
      Path uptime = Path.of("/proc/uptime");
      if (!Files.isReadable(stat) || !Files.isReadable(uptime)) {
        return Optional.empty();
      }
      long now = System.currentTimeMillis();
      double upSeconds =
          Double.parseDouble(Files.readString(uptime, StandardCharsets.US_ASCII).split(" ")[0]);
      String line = Files.readString(stat, StandardCharsets.US_ASCII);
      // Field 2 is the command in parentheses and may hold spaces: count from the last ')'.
      String[] after = line.substring(line.lastIndexOf(')') + 2).split(" ");
      long startTicks = Long.parseLong(after[19]); // field 22, starttime
      long bootMillis = now - Math.round(upSeconds * 1000);
      return Optional.of(bootMillis + startTicks * 1000 / TICKS_PER_SECOND);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
