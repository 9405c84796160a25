package io.clipdeck.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * What a fault test measured (heal times, error counts, rows lost): printed to standard error,
 * where Maven shows it next to the test, prefixed {@code [measured]} so it is easy to grep, and
 * appended to {@code target/reliability/measured.tsv}, from which docs/reliability.md is written.
 */
public final class Measured {

  private static final Path LOG = Path.of("target", "reliability", "measured.tsv");

  private Measured() {}

  public static void report(String test, String what) {
    System.err.println("[measured] " + test + ": " + what);
    try {
      Files.createDirectories(LOG.getParent());
      Files.writeString(
          LOG,
          Instant.now() + "\t" + test + "\t" + what.replace('\t', ' ') + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot append to " + LOG.toAbsolutePath(), e);
    }
  }
}
