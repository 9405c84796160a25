package io.clipdeck.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes {@link UiState} as {@code ui-state.json}. Saving is atomic ({@link
 * PrivateJsonFile}); a file that cannot be read is copied aside, named in the log, and the defaults
 * are used (the next save replaces it, the copy stays).
 */
public final class UiStateStore {

  private static final Logger log = LoggerFactory.getLogger(UiStateStore.class);

  /** Far more than any state file; a larger one is not read. */
  static final long MAX_FILE_BYTES = 256 * 1024;

  private final Path file;
  private final Clock clock;
  private final ObjectMapper mapper =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(SerializationFeature.INDENT_OUTPUT)
          // A newer Clipdeck's file still opens in an older one.
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  public UiStateStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** The store of the user's config directory. */
  public static UiStateStore in(AppPaths paths, Clock clock) {
    return new UiStateStore(paths.configDir().resolve("ui-state.json"), clock);
  }

  public Path file() {
    return file;
  }

  /** What was read, and what was wrong with the file when it could not be. */
  public record Loaded(UiState state, Optional<String> problem) {}

  public Loaded load() {
    if (!Files.exists(file)) {
      return new Loaded(UiState.defaults(), Optional.empty());
    }
    String problem;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        problem = file + " is larger than a window state file can be";
      } else {
        UiState state = mapper.readValue(file.toFile(), UiState.class);
        if (state != null) {
          return new Loaded(state, Optional.empty());
        }
        problem = file + " is empty";
      }
    } catch (JacksonException e) {
      problem = file + " is not a valid window state file (" + e.getOriginalMessage() + ")";
    } catch (IOException e) {
      problem = "cannot read " + file + ": " + e.getMessage();
    }
    String kept =
        problem + "; the defaults are used and " + PrivateJsonFile.keepUnreadableCopy(file, clock);
    log.warn("Window state not restored: {}", kept);
    return new Loaded(UiState.defaults(), Optional.of(kept));
  }

  public void save(UiState state) {
    try {
      PrivateJsonFile.writeAtomically(file, mapper.writeValueAsBytes(state));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot save the window state to " + file + ": " + e.getMessage(), e);
    }
  }
}
