package io.clipdeck.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps {@link Settings} in {@code settings.json} in the configuration directory: written
 * atomically, owner-only. A file that cannot be read is never overwritten: the defaults are used,
 * the problem (file, line, column, what is wrong) is reported, a copy is kept beside it as {@code
 * settings.json.unreadable-<time>}, and saving is refused until the file is fixed or moved.
 */
public final class SettingsStore {

  /** Far larger than any settings file; a bigger one is refused before parsing. */
  static final long MAX_FILE_BYTES = 1024 * 1024;

  private static final Pattern SETTING_NAME = Pattern.compile("([a-z_]+(?:\\.[a-z_]+)*) ");

  private final Path file;
  private final Clock clock;
  private final ObjectMapper mapper = PrivateJsonFile.mapper();
  private volatile Optional<String> damage = Optional.empty();

  public SettingsStore(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** The store of a console: {@code settings.json} in its configuration directory. */
  public static SettingsStore in(AppPaths paths, Clock clock) {
    return new SettingsStore(paths.configDir().resolve("settings.json"), clock);
  }

  public Path file() {
    return file;
  }

  /** What was read: the settings to use, and why they are the defaults when the file is bad. */
  public record Loaded(Settings settings, Optional<String> problem) {}

  /** Reads the file; no file means the defaults, a bad file the defaults and a problem. */
  public Loaded load() {
    if (!Files.exists(file)) {
      damage = Optional.empty();
      return new Loaded(Settings.DEFAULTS, Optional.empty());
    }
    String problem;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        problem = file + " is " + Files.size(file) + " bytes, more than a settings file can be";
      } else {
        Settings settings = mapper.readValue(file.toFile(), Settings.class);
        if (settings == null) {
          problem = file + " is empty: it should hold a JSON object";
        } else {
          damage = Optional.empty();
          return new Loaded(settings, Optional.empty());
        }
      }
    } catch (JacksonException e) {
      problem = describe(e);
    } catch (IOException e) {
      problem = "cannot read " + file + ": " + e.getMessage();
    }
    String reported =
        problem
            + "; Clipdeck uses the default settings; "
            + PrivateJsonFile.keepUnreadableCopy(file, clock);
    damage = Optional.of(reported);
    return new Loaded(Settings.DEFAULTS, Optional.of(reported));
  }

  /** Why the file was not used, while it is still as it was read. */
  public Optional<String> problem() {
    return damage;
  }

  /** Replaces the stored settings, atomically; refused while an unreadable file is in place. */
  public void save(Settings settings) {
    damage.ifPresent(
        problem -> {
          throw new IllegalStateException(
              "Not saving settings: " + problem + ". Fix or move " + file + " first.");
        });
    try {
      PrivateJsonFile.writeAtomically(file, mapper.writeValueAsBytes(settings));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot save settings to " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * A value Jackson could read but a record refused has no location of its own in the message: find
   * the line of the field by its path.
   */
  private String describe(JacksonException e) {
    // A syntax error arrives wrapped in a mapping error; its own location is the right one.
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof StreamReadException syntax) {
        return PrivateJsonFile.describe(file, syntax, "settings file");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    if (e instanceof JsonMappingException bind && !bind.getPath().isEmpty()) {
      String reason = PrivateJsonFile.rootMessage(e);
      // Validation messages start with the setting they are about ("dashboard.chart_window is
      // ..."): point at that field rather than at the end of the object holding it.
      Matcher named = SETTING_NAME.matcher(reason);
      List<String> names =
          named.lookingAt()
              ? List.of(named.group(1).split("\\."))
              : bind.getPath().stream().map(JsonMappingException.Reference::getFieldName).toList();
      Optional<JsonLocation> where =
          locate(names).or(() -> Optional.ofNullable(bind.getLocation()));
      String at =
          where
              .filter(location -> location.getLineNr() > 0)
              .map(
                  location ->
                      " line " + location.getLineNr() + ", column " + location.getColumnNr())
              .orElse("");
      String path = path(bind);
      return file
          + at
          + " is not a valid settings file ("
          + (named.lookingAt() || path.isEmpty() ? "" : path + ": ")
          + reason
          + ")";
    }
    return PrivateJsonFile.describe(file, e, "settings file");
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  /** Where the field at {@code names} (outermost first) is in the file. */
  private Optional<JsonLocation> locate(List<String> names) {
    try (JsonParser parser = mapper.createParser(file.toFile())) {
      int depth = 0;
      int matched = 0;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
          matched = Math.min(matched, depth);
        } else if (token == JsonToken.FIELD_NAME
            && depth == matched + 1
            && matched < names.size()
            && Objects.equals(parser.currentName(), names.get(matched))) {
          matched++;
          if (matched == names.size()) {
            return Optional.of(parser.currentTokenLocation());
          }
        }
      }
    } catch (IOException unreadable) {
      // The message without a line is still right.
    }
    return Optional.empty();
  }
}
