package io.clipdeck.db.failover;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.config.PrivateJsonFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The switches asked for by {@code clipdeck groups switch} and {@code groups failback}, one per
 * group (the latest), in {@code <config>/group-switches.json}. Each process that runs a group (the
 * console, every {@code worker -g}) keeps its own copy of the group's state; this file is how a
 * switch made from another process reaches them all: each applies a request once, when it first
 * sees it, and its own checks decide from then on (a later failure fails over as usual). One-shot
 * commands on a group prefer the member asked for while it answers.
 */
public final class SwitchRequests {

  private static final Logger log = LoggerFactory.getLogger(SwitchRequests.class);
  private static final ObjectMapper JSON = PrivateJsonFile.mapper();

  /**
   * One request.
   *
   * @param member the member the group should serve from
   * @param reason why, for the group's event log
   * @param at when it was asked for; a process applies each request once
   */
  public record Request(String member, String reason, Instant at) {
    public Request {
      Objects.requireNonNull(member, "member");
      Objects.requireNonNull(at, "at");
      reason = reason == null ? "" : reason;
    }
  }

  private final Path file;

  public SwitchRequests(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  public Path file() {
    return file;
  }

  /** Every group's latest request; none when the file is missing or unreadable (logged). */
  public Map<String, Request> read() {
    try {
      return JSON.readValue(Files.readAllBytes(file), new TypeReference<>() {});
    } catch (NoSuchFileException missing) {
      return Map.of();
    } catch (IOException e) {
      log.error("Group switch requests in {} not read: {}", file, e.getMessage());
      return Map.of();
    }
  }

  /** When the file last changed, to skip reading it when nothing did; {@code 0} when missing. */
  public long lastModified() {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Records a request for {@code group}, replacing its earlier one. */
  public synchronized void ask(String group, Request request) {
    Map<String, Request> all = new LinkedHashMap<>(read());
    all.put(group, request);
    try {
      PrivateJsonFile.writeAtomically(file, JSON.writeValueAsBytes(all));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save the switch request to " + file, e);
    }
  }
}
