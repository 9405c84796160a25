package io.clipdeck.migrate;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which migrations a profile's database follows, and how Flyway reads them: Clipdeck's own schema
 * ({@link #clipdeckSchema()}), or a project of the user's, with the settings its own Flyway
 * configuration has. Validated on construction: every message names the setting and what to change.
 *
 * @param builtIn Clipdeck's own schema (its scripts on the class path plus the profile's folder);
 *     the other settings are Flyway's defaults then and {@code locations} is empty
 * @param locations where the scripts are, as given: a folder ({@code sql}, {@code
 *     filesystem:/srv/app/db}) or {@code classpath:…}
 * @param table the history table ({@code flyway_schema_history} unless the project says otherwise)
 * @param schema the schema (PostgreSQL) or database (MariaDB) of the history table; empty for the
 *     connection's own
 * @param placeholders {@code ${name}} replacements, in the order given
 * @param baselineVersion the version {@code baseline} marks, and {@code baselineOnMigrate} uses
 * @param baselineOnMigrate baseline a non-empty database without history on the first migrate
 * @param outOfOrder apply a pending migration older than the newest applied one
 * @param validateMigrationNaming refuse scripts whose names Flyway cannot read
 * @param encoding the scripts' character set
 */
public record MigrationProject(
    boolean builtIn,
    List<String> locations,
    String table,
    String schema,
    Map<String, String> placeholders,
    String placeholderPrefix,
    String placeholderSuffix,
    String baselineVersion,
    boolean baselineOnMigrate,
    boolean outOfOrder,
    boolean validateMigrationNaming,
    String encoding) {

  /** Flyway's history table name. */
  public static final String DEFAULT_TABLE = "flyway_schema_history";

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");
  private static final Pattern VERSION = Pattern.compile("\\d+([._]\\d+)*");
  private static final Pattern PLACEHOLDER = Pattern.compile("[A-Za-z0-9_.:-]{1,80}");

  public MigrationProject {
    locations = locations == null ? List.of() : List.copyOf(locations);
    table = table == null || table.isBlank() ? DEFAULT_TABLE : table.strip();
    schema = schema == null ? "" : schema.strip();
    placeholders =
        placeholders == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(placeholders));
    placeholderPrefix =
        placeholderPrefix == null || placeholderPrefix.isEmpty() ? "${" : placeholderPrefix;
    placeholderSuffix =
        placeholderSuffix == null || placeholderSuffix.isEmpty() ? "}" : placeholderSuffix;
    baselineVersion =
        baselineVersion == null || baselineVersion.isBlank() ? "1" : baselineVersion.strip();
    encoding = encoding == null || encoding.isBlank() ? "UTF-8" : encoding.strip();
    if (builtIn && !locations.isEmpty()) {
      throw new IllegalArgumentException(
          "Clipdeck's built-in schema has its own locations; choose it or list your folders,"
              + " not both");
    }
    if (!builtIn && locations.isEmpty()) {
      throw new IllegalArgumentException(
          "A migration project needs at least one location: the folder of its V…__*.sql files");
    }
    for (String location : locations) {
      if (location == null || location.isBlank()) {
        throw new IllegalArgumentException("A location is empty: give a folder or classpath:…");
      }
      if (location.startsWith("s3:") || location.startsWith("gcs:")) {
        throw new IllegalArgumentException(
            "Location " + location + ": Clipdeck reads folders and classpath: locations only");
      }
    }
    if (!IDENTIFIER.matcher(table).matches()) {
      throw new IllegalArgumentException(
          "History table '"
              + table
              + "': use letters, digits and underscores, starting with a letter (e.g. "
              + DEFAULT_TABLE
              + ")");
    }
    if (!schema.isEmpty() && !IDENTIFIER.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "Schema '" + schema + "': use letters, digits and underscores, or leave it empty");
    }
    for (Map.Entry<String, String> placeholder : placeholders.entrySet()) {
      if (!PLACEHOLDER.matcher(placeholder.getKey()).matches()) {
        throw new IllegalArgumentException(
            "Placeholder name '" + placeholder.getKey() + "': letters, digits, _ . : - only");
      }
      if (placeholder.getValue() == null) {
        throw new IllegalArgumentException("Placeholder " + placeholder.getKey() + " has no value");
      }
    }
    if (!VERSION.matcher(baselineVersion).matches()) {
      throw new IllegalArgumentException(
          "Baseline version '" + baselineVersion + "': digits separated by dots, e.g. 1 or 1.1");
    }
    try {
      Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new IllegalArgumentException(
          "Encoding '" + encoding + "' is not a character set Java knows (e.g. UTF-8)", e);
    }
  }

  /** Clipdeck's own schema, as every profile had it before projects. */
  public static MigrationProject clipdeckSchema() {
    return new MigrationProject(
        true, List.of(), DEFAULT_TABLE, "", Map.of(), "${", "}", "1", false, false, true, "UTF-8");
  }

  /** A project of the user's in these folders, every other setting Flyway's default. */
  public static MigrationProject of(List<String> locations) {
    return new MigrationProject(
        false,
        locations,
        DEFAULT_TABLE,
        "",
        Map.of(),
        "${",
        "}",
        "1",
        false,
        false,
        false,
        "UTF-8");
  }

  /** Where the history table is, as SQL names it: {@code schema.table} or {@code table}. */
  public String qualifiedTable() {
    return schema.isEmpty() ? table : schema + "." + table;
  }

  /** The folders of the project's filesystem locations, as given (without {@code filesystem:}). */
  public List<String> folders() {
    List<String> folders = new ArrayList<>();
    for (String location : locations) {
      if (location.startsWith("filesystem:")) {
        folders.add(location.substring("filesystem:".length()));
      } else if (!location.startsWith("classpath:")) {
        folders.add(location);
      }
    }
    return folders;
  }

  /** The locations as Flyway wants them: a bare folder becomes {@code filesystem:folder}. */
  public List<String> flywayLocations() {
    return locations.stream()
        .map(
            location ->
                location.startsWith("filesystem:") || location.startsWith("classpath:")
                    ? location
                    : "filesystem:" + location)
        .toList();
  }

  /** The project in a line: "Clipdeck's schema", or "sql, ../shared · table app_history". */
  public String summary() {
    if (builtIn) {
      return "Clipdeck's built-in schema";
    }
    return String.join(", ", locations)
        + " · table "
        + qualifiedTable()
        + (placeholders.isEmpty() ? "" : " · " + placeholders.size() + " placeholder(s)");
  }

  public MigrationProject withLocations(List<String> value) {
    return new MigrationProject(
        false,
        value,
        table,
        schema,
        placeholders,
        placeholderPrefix,
        placeholderSuffix,
        baselineVersion,
        baselineOnMigrate,
        outOfOrder,
        validateMigrationNaming,
        encoding);
  }

  public MigrationProject withTable(String value) {
    return new MigrationProject(
        builtIn,
        locations,
        value,
        schema,
        placeholders,
        placeholderPrefix,
        placeholderSuffix,
        baselineVersion,
        baselineOnMigrate,
        outOfOrder,
        validateMigrationNaming,
        encoding);
  }
}
