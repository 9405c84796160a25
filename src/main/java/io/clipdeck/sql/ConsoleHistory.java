package io.clipdeck.sql;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.clipdeck.config.PrivateJsonFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One profile's console history and saved snippets, under {@code <data>/sql/}. The history is
 * append-only JSON lines ({@code history-<profile>.jsonl}): a statement costs one appended line,
 * nothing is rewritten, and a line cut short by a crash is skipped when read. Snippets are one
 * small JSON file ({@code snippets-<profile>.json}) replaced atomically. Both are owner-only.
 */
public final class ConsoleHistory {

  private static final Logger LOG = LoggerFactory.getLogger(ConsoleHistory.class);

  /** How many of the newest entries are read back; older lines stay in the file. */
  static final int READ_BACK = 5_000;

  /**
   * One statement run.
   *
   * @param rows rows changed or read; null when unknown
   * @param error the server's message when it failed, else null
   */
  public record Entry(String statement, Instant at, Duration duration, Long rows, String error) {}

  /** A statement kept under a name. */
  public record Snippet(String name, String sql) {}

  private final Path historyFile;
  private final Path snippetsFile;
  private final ObjectMapper lines =
      PrivateJsonFile.mapper().copy().disable(SerializationFeature.INDENT_OUTPUT);
  private final ObjectMapper json = PrivateJsonFile.mapper();
  private final Object lock = new Object();

  ConsoleHistory(Path historyFile, Path snippetsFile) {
    this.historyFile = historyFile;
    this.snippetsFile = snippetsFile;
  }

  /** The history of {@code profile} under the data directory. */
  public static ConsoleHistory forProfile(Path dataDir, String profile) {
    String name = URLEncoder.encode(profile, StandardCharsets.UTF_8).replace("*", "%2A");
    Path dir = dataDir.resolve("sql");
    return new ConsoleHistory(
        dir.resolve("history-" + name + ".jsonl"), dir.resolve("snippets-" + name + ".json"));
  }

  public Path file() {
    return historyFile;
  }

  /** Appends an entry; a failure to write is logged, never thrown at the statement that ran. */
  public void add(Entry entry) {
    synchronized (lock) {
      try {
        PrivateJsonFile.createPrivateDirectory(historyFile.getParent());
        if (Files.notExists(historyFile)) {
          Files.createFile(historyFile, PosixFilePermissions.asFileAttribute(PrivateJsonFile.FILE));
        }
        byte[] line = (lines.writeValueAsString(entry) + "\n").getBytes(StandardCharsets.UTF_8);
        Files.write(historyFile, line, StandardOpenOption.APPEND);
      } catch (IOException e) {
        LOG.warn("Could not add to the SQL history {}: {}", historyFile, e.getMessage());
      }
    }
  }

  /**
   * The newest entries whose statement or error contains {@code text} (any case; blank: all),
   * newest first, at most {@code limit}.
   */
  public List<Entry> search(String text, int limit) {
    String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    List<Entry> all = readAll();
    List<Entry> found = new ArrayList<>();
    for (int i = all.size() - 1; i >= 0 && found.size() < limit; i--) {
      Entry entry = all.get(i);
      if (needle.isEmpty()
          || entry.statement().toLowerCase(Locale.ROOT).contains(needle)
          || (entry.error() != null && entry.error().toLowerCase(Locale.ROOT).contains(needle))) {
        found.add(entry);
      }
    }
    return found;
  }

  private List<Entry> readAll() {
    synchronized (lock) {
      if (Files.notExists(historyFile)) {
        return List.of();
      }
      List<Entry> entries = new ArrayList<>();
      try (BufferedReader reader = Files.newBufferedReader(historyFile, StandardCharsets.UTF_8)) {
        String line;
        while ((line = reader.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          try {
            entries.add(lines.readValue(line, Entry.class));
          } catch (JacksonException e) {
            // A line cut short by a crash, or edited by hand: skip it, keep the rest.
            LOG.debug("Skipped an unreadable line of {}", historyFile);
          }
          if (entries.size() > 2 * READ_BACK) {
            entries.subList(0, entries.size() - READ_BACK).clear();
          }
        }
      } catch (IOException e) {
        LOG.warn("Could not read the SQL history {}: {}", historyFile, e.getMessage());
      }
      return entries.size() > READ_BACK
          ? entries.subList(entries.size() - READ_BACK, entries.size())
          : entries;
    }
  }

  /** The saved snippets, in the order they were saved. */
  public List<Snippet> snippets() {
    synchronized (lock) {
      if (Files.notExists(snippetsFile)) {
        return List.of();
      }
      try {
        return List.copyOf(
            json.readValue(snippetsFile.toFile(), new TypeReference<List<Snippet>>() {}));
      } catch (IOException e) {
        LOG.warn("Could not read the SQL snippets {}: {}", snippetsFile, e.getMessage());
        return List.of();
      }
    }
  }

  /**
   * The snippets whose name or SQL contains {@code text} (any case; blank: all), sorted by name.
   */
  public List<Snippet> searchSnippets(String text) {
    String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    return snippets().stream()
        .filter(
            snippet ->
                needle.isEmpty()
                    || snippet.name().toLowerCase(Locale.ROOT).contains(needle)
                    || snippet.sql().toLowerCase(Locale.ROOT).contains(needle))
        .sorted(Comparator.comparing(Snippet::name, String.CASE_INSENSITIVE_ORDER))
        .toList();
  }

  /**
   * Saves a snippet, replacing one of the same name.
   *
   * @throws IllegalArgumentException when the name or the SQL is blank
   */
  public void saveSnippet(Snippet snippet) {
    if (snippet.name() == null || snippet.name().isBlank()) {
      throw new IllegalArgumentException("A snippet needs a name: type one before saving");
    }
    if (snippet.sql() == null || snippet.sql().isBlank()) {
      throw new IllegalArgumentException(
          "The snippet " + snippet.name() + " has no SQL: select the statement to save");
    }
    synchronized (lock) {
      List<Snippet> kept = new ArrayList<>(snippets());
      kept.removeIf(old -> old.name().equals(snippet.name()));
      kept.add(snippet);
      writeSnippets(kept);
    }
  }

  /** Deletes the snippet of that name; true when there was one. */
  public boolean deleteSnippet(String name) {
    synchronized (lock) {
      List<Snippet> kept = new ArrayList<>(snippets());
      boolean removed = kept.removeIf(old -> old.name().equals(name));
      if (removed) {
        writeSnippets(kept);
      }
      return removed;
    }
  }

  private void writeSnippets(List<Snippet> kept) {
    try {
      PrivateJsonFile.writeAtomically(snippetsFile, json.writeValueAsBytes(kept));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not save the snippets to " + snippetsFile, e);
    }
  }
}
