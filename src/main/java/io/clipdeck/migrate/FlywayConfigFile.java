package io.clipdeck.migrate;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Reads a project's own Flyway configuration into a {@link MigrationProject}: {@code flyway.conf}
 * (properties, {@code flyway.locations=filesystem:sql}) and {@code flyway.toml} (Flyway 10+: a
 * {@code [flyway]} table and {@code [environments.NAME]} tables, the environment's own {@code
 * [environments.NAME.flyway]} settings winning). Only the settings a project defines its migrations
 * by are read; the connection (url, user, password) stays the profile's.
 *
 * <p>A relative folder is taken relative to the configuration file's folder, where the project's
 * Flyway runs from, and kept as it was given otherwise (a file given as {@code app/flyway.toml}
 * with {@code locations = ["filesystem:sql"]} yields {@code app/sql}).
 */
public final class FlywayConfigFile {

  private FlywayConfigFile() {}

  /** Reads {@code file}; a {@code .toml} file as TOML, anything else as properties. */
  public static MigrationProject read(Path file) {
    return read(file, Optional.empty());
  }

  /**
   * @param environment the TOML environment to take, else {@code flyway.environment}, else {@code
   *     default}, else the only one
   */
  public static MigrationProject read(Path file, Optional<String> environment) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      Map<String, Object> settings =
          file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".toml")
              ? fromToml(Toml.parse(text), environment)
              : fromProperties(text);
      return project(settings, file.getParent());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  /** {@code flyway.X=…} properties, as the settings map TOML gives too. */
  private static Map<String, Object> fromProperties(String text) {
    Properties properties = new Properties();
    try {
      properties.load(new StringReader(text));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> settings = new LinkedHashMap<>();
    Map<String, String> placeholders = new LinkedHashMap<>();
    for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
      if (!key.startsWith("flyway.")) {
        continue;
      }
      String name = key.substring("flyway.".length());
      String value = properties.getProperty(key).strip();
      if (name.startsWith("placeholders.")) {
        placeholders.put(name.substring("placeholders.".length()), value);
      } else if (name.equals("locations") || name.equals("schemas")) {
        settings.put(name, splitList(value));
      } else {
        settings.put(name, value);
      }
    }
    settings.put("placeholders", placeholders);
    return settings;
  }

  private static Map<String, Object> fromToml(Map<String, Object> toml, Optional<String> wanted) {
    Map<String, Object> flyway = table(toml, "flyway");
    Map<String, Object> environments = table(toml, "environments");
    Optional<String> name =
        wanted
            .or(() -> Optional.ofNullable(flyway.get("environment")).map(Object::toString))
            .or(
                () ->
                    environments.containsKey("default")
                        ? Optional.of("default")
                        : environments.size() == 1
                            ? Optional.of(environments.keySet().iterator().next())
                            : Optional.empty());
    Map<String, Object> settings = new LinkedHashMap<>(flyway);
    Map<String, String> placeholders = new LinkedHashMap<>(strings(table(flyway, "placeholders")));
    if (name.isPresent()) {
      if (!environments.containsKey(name.get()) && wanted.isPresent()) {
        throw new IllegalArgumentException(
            "has no [environments." + name.get() + "] (it has " + environments.keySet() + ")");
      }
      Map<String, Object> environment = table(environments, name.get());
      // The environment's own connection-side settings (schemas), then its flyway overrides.
      for (String key : List.of("schemas")) {
        if (environment.containsKey(key)) {
          settings.put(key, environment.get(key));
        }
      }
      Map<String, Object> overrides = table(environment, "flyway");
      settings.putAll(overrides);
      placeholders.putAll(strings(table(overrides, "placeholders")));
    }
    settings.put("placeholders", placeholders);
    return settings;
  }

  private static MigrationProject project(Map<String, Object> settings, Path folder) {
    List<String> locations =
        list(settings.get("locations")).stream().map(l -> resolved(l, folder)).toList();
    if (locations.isEmpty()) {
      // Flyway's own default location, on disk beside the configuration.
      locations = List.of(resolved("filesystem:sql", folder));
    }
    String schema = text(settings.get("defaultSchema"));
    if (schema.isEmpty()) {
      List<String> schemas = list(settings.get("schemas"));
      schema = schemas.isEmpty() ? "" : schemas.getFirst();
    }
    @SuppressWarnings("unchecked")
    Map<String, String> placeholders = (Map<String, String>) settings.get("placeholders");
    return new MigrationProject(
        false,
        locations,
        text(settings.get("table")),
        schema,
        placeholders,
        text(settings.get("placeholderPrefix")),
        text(settings.get("placeholderSuffix")),
        text(settings.get("baselineVersion")),
        bool(settings.get("baselineOnMigrate"), "baselineOnMigrate"),
        bool(settings.get("outOfOrder"), "outOfOrder"),
        bool(settings.get("validateMigrationNaming"), "validateMigrationNaming"),
        text(settings.get("encoding")));
  }

  /** A relative folder taken from the configuration file's folder; anything else as written. */
  private static String resolved(String location, Path folder) {
    if (location.startsWith("classpath:") || folder == null) {
      return location;
    }
    String path =
        location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
    Path given = Path.of(path);
    return given.isAbsolute() ? path : folder.resolve(given).normalize().toString();
  }

  private static List<String> splitList(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return items;
  }

  private static List<String> list(Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> items) {
      return items.stream().map(Object::toString).toList();
    }
    return splitList(value.toString());
  }

  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  private static boolean bool(Object value, String name) {
    if (value == null) {
      return false;
    }
    return switch (value.toString().strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException(name + " must be true or false, not " + value);
    };
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> table(Map<String, Object> parent, String key) {
    Object value = parent.get(key);
    return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
  }

  private static Map<String, String> strings(Map<String, Object> table) {
    Map<String, String> strings = new LinkedHashMap<>();
    table.forEach(
        (key, value) -> {
          if (!(value instanceof Map<?, ?>)) {
            strings.put(key, value.toString());
          }
        });
    return strings;
  }

  /**
   * The part of TOML a Flyway configuration uses: tables and dotted tables, {@code key = value}
   * with dotted or quoted keys, basic and literal strings, booleans, numbers, arrays (across lines
   * too) and inline tables. Values come back as String, Boolean-as-String, List or Map.
   */
  static final class Toml {

    private final String text;
    private int at;
    private int line = 1;

    private Toml(String text) {
      this.text = text;
    }

    static Map<String, Object> parse(String text) {
      return new Toml(text).document();
    }

    private Map<String, Object> document() {
      Map<String, Object> root = new LinkedHashMap<>();
      Map<String, Object> current = root;
      while (true) {
        skipBlankAndComments();
        if (at >= text.length()) {
          return root;
        }
        char c = text.charAt(at);
        if (c == '[') {
          boolean arrayOfTables = text.startsWith("[[", at);
          at += arrayOfTables ? 2 : 1;
          List<String> path = keyPath(']');
          expect(']');
          if (arrayOfTables) {
            expect(']');
          }
          current = descend(root, path);
        } else {
          List<String> path = keyPath('=');
          expect('=');
          Object value = value();
          Map<String, Object> owner = descend(current, path.subList(0, path.size() - 1));
          owner.put(path.getLast(), value);
        }
        endOfLine();
      }
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> descend(Map<String, Object> from, List<String> path) {
      Map<String, Object> table = from;
      for (String key : path) {
        Object next = table.get(key);
        if (!(next instanceof Map<?, ?>)) {
          next = new LinkedHashMap<String, Object>();
          table.put(key, next);
        }
        table = (Map<String, Object>) next;
      }
      return table;
    }

    private List<String> keyPath(char end) {
      List<String> path = new ArrayList<>();
      while (true) {
        skipSpaces();
        char c = peek();
        String key;
        if (c == '"' || c == '\'') {
          key = string();
        } else {
          int start = at;
          while (at < text.length()
              && (Character.isLetterOrDigit(text.charAt(at))
                  || text.charAt(at) == '_'
                  || text.charAt(at) == '-')) {
            at++;
          }
          key = text.substring(start, at);
          if (key.isEmpty()) {
            throw error("expected a key");
          }
        }
        path.add(key);
        skipSpaces();
        if (peek() == '.') {
          at++;
        } else if (peek() == end) {
          return path;
        } else {
          throw error("expected '" + end + "' after the key " + String.join(".", path));
        }
      }
    }

    private Object value() {
      skipSpaces();
      char c = peek();
      if (c == '"' || c == '\'') {
        return string();
      }
      if (c == '[') {
        at++;
        List<Object> items = new ArrayList<>();
        while (true) {
          skipBlankAndComments();
          if (peek() == ']') {
            at++;
            return items;
          }
          items.add(value());
          skipBlankAndComments();
          if (peek() == ',') {
            at++;
          } else if (peek() != ']') {
            throw error("expected ',' or ']' in an array");
          }
        }
      }
      if (c == '{') {
        at++;
        Map<String, Object> table = new LinkedHashMap<>();
        skipSpaces();
        if (peek() == '}') {
          at++;
          return table;
        }
        while (true) {
          List<String> path = keyPath('=');
          expect('=');
          descend(table, path.subList(0, path.size() - 1)).put(path.getLast(), value());
          skipSpaces();
          if (peek() == ',') {
            at++;
          } else if (peek() == '}') {
            at++;
            return table;
          } else {
            throw error("expected ',' or '}' in an inline table");
          }
        }
      }
      int start = at;
      while (at < text.length() && ",]}#\n\r".indexOf(text.charAt(at)) < 0) {
        at++;
      }
      String bare = text.substring(start, at).strip();
      if (bare.isEmpty()) {
        throw error("expected a value");
      }
      return bare;
    }

    private String string() {
      char quote = text.charAt(at);
      boolean multiLine = text.startsWith(String.valueOf(quote).repeat(3), at);
      at += multiLine ? 3 : 1;
      if (multiLine && peek() == '\n') {
        at++;
        line++;
      }
      StringBuilder value = new StringBuilder();
      while (true) {
        if (at >= text.length()) {
          throw error("a string is not closed");
        }
        char c = text.charAt(at);
        if (multiLine ? text.startsWith(String.valueOf(quote).repeat(3), at) : c == quote) {
          at += multiLine ? 3 : 1;
          return value.toString();
        }
        if (c == '\n') {
          if (!multiLine) {
            throw error("a string is not closed on its line");
          }
          line++;
        }
        if (c == '\\' && quote == '"') {
          at++;
          char escaped = peek();
          value.append(
              switch (escaped) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case '"' -> '"';
                case '\\' -> '\\';
                default -> throw error("unknown escape \\" + escaped);
              });
          at++;
          continue;
        }
        value.append(c);
        at++;
      }
    }

    private void expect(char c) {
      skipSpaces();
      if (peek() != c) {
        throw error("expected '" + c + "'");
      }
      at++;
    }

    private void endOfLine() {
      skipSpaces();
      if (peek() == '#') {
        while (at < text.length() && text.charAt(at) != '\n') {
          at++;
        }
      }
      if (at < text.length() && text.charAt(at) == '\r') {
        at++;
      }
      if (at < text.length()) {
        if (text.charAt(at) != '\n') {
          throw error("unexpected text after a value");
        }
        at++;
        line++;
      }
    }

    private void skipSpaces() {
      while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t')) {
        at++;
      }
    }

    private void skipBlankAndComments() {
      while (at < text.length()) {
        char c = text.charAt(at);
        if (c == '\n') {
          line++;
          at++;
        } else if (Character.isWhitespace(c)) {
          at++;
        } else if (c == '#') {
          while (at < text.length() && text.charAt(at) != '\n') {
            at++;
          }
        } else {
          return;
        }
      }
    }

    private char peek() {
      return at < text.length() ? text.charAt(at) : '\0';
    }

    private IllegalArgumentException error(String what) {
      return new IllegalArgumentException(
          "line " + line + ": " + what + " (not TOML Flyway reads)");
    }
  }
}
