package io.clipdeck.migrate;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where a profile's migrations live, for the project it follows.
 *
 * <ul>
 *   <li>Clipdeck's built-in schema: the scripts on the class path ({@code db/migration/<dialect>})
 *       and the user's own in a folder per profile ({@code <folder>/up}); down scripts carry the
 *       same file name in a sibling folder Flyway never scans ({@code db/rollback/<dialect>},
 *       {@code <folder>/down}).
 *   <li>A project of the user's: its locations as given. A down script is Flyway's undo file beside
 *       the versioned one ({@code U1.1__add_tags.sql} for {@code V1.1__add_tags.sql}), or a file of
 *       the versioned one's name in the profile's {@code down} folder. Undo files are kept out of
 *       Flyway's scan ({@link #isUndoFile}): Flyway's free edition refuses them.
 * </ul>
 *
 * @param dialect {@code postgresql}, {@code mysql} or {@code sqlite}
 * @param userFolder the profile's folder, holding {@code up/} and {@code down/}
 * @param project the migration project the profile follows
 */
public record MigrationLocations(String dialect, Path userFolder, MigrationProject project) {

  private static final Pattern UNDO_FILE = Pattern.compile("U\\d[^_]*__.*");

  public MigrationLocations {
    project = project == null ? MigrationProject.clipdeckSchema() : project;
  }

  /** Clipdeck's built-in schema plus the profile's folder. */
  public MigrationLocations(String dialect, Path userFolder) {
    this(dialect, userFolder, MigrationProject.clipdeckSchema());
  }

  public static MigrationLocations of(ConnectionProfile profile, Path migrationsRoot) {
    return of(profile, migrationsRoot, MigrationProject.clipdeckSchema());
  }

  public static MigrationLocations of(
      ConnectionProfile profile, Path migrationsRoot, MigrationProject project) {
    return new MigrationLocations(
        dialect(profile.kind()), migrationsRoot.resolve(slug(profile)), project);
  }

  static String dialect(DatabaseKind kind) {
    return kind.id();
  }

  /** The same folders for another project. */
  public MigrationLocations with(MigrationProject other) {
    return new MigrationLocations(dialect, userFolder, other);
  }

  public String builtInUp() {
    return "db/migration/" + dialect;
  }

  public String builtInDown() {
    return "db/rollback/" + dialect;
  }

  public Path userUp() {
    return userFolder.resolve("up");
  }

  public Path userDown() {
    return userFolder.resolve("down");
  }

  /** Whether Flyway would take {@code fileName} for an undo script (Flyway Teams' naming). */
  public static boolean isUndoFile(String fileName) {
    return UNDO_FILE.matcher(fileName).matches();
  }

  /** What Flyway scans, as Flyway writes locations. */
  public List<String> flywayLocations() {
    if (!project.builtIn()) {
      return project.flywayLocations();
    }
    List<String> where = new ArrayList<>();
    where.add("classpath:" + builtInUp());
    if (Files.isDirectory(userUp())) {
      where.add("filesystem:" + userUp());
    }
    return where;
  }

  /** A script as found: where it was (a class-path resource or a file, as given) and its text. */
  public record Script(String where, String text) {}

  /**
   * The up script Flyway names {@code script} (its path inside a location): Clipdeck's own on the
   * class path, else the user's folder; in a project of the user's, its locations in order.
   */
  public Optional<Script> up(String script) {
    if (project.builtIn()) {
      return find(builtInUp(), userUp(), script);
    }
    for (String location : project.locations()) {
      Optional<Script> found = inLocation(location, script);
      if (found.isPresent()) {
        return found;
      }
    }
    // Flyway may report a path from an older layout: look for the file name anywhere.
    String name = fileName(script);
    for (String folder : project.folders()) {
      Optional<Path> file = search(Path.of(folder), name);
      if (file.isPresent()) {
        return Optional.of(new Script(file.get().toString(), read(file.get())));
      }
    }
    return Optional.empty();
  }

  /**
   * The down script of the migration Flyway names {@code script}: for the built-in schema in its
   * rollback folder; for a user's project the undo file beside the up script, else a file of the up
   * script's name in the profile's {@code down} folder.
   */
  public Optional<Script> down(String script) {
    if (project.builtIn()) {
      return find(builtInDown(), userDown(), script);
    }
    String name = fileName(script);
    Optional<String> undoName = undoName(name);
    Optional<Script> up = up(script);
    if (undoName.isPresent() && up.isPresent()) {
      String where = up.get().where();
      if (where.startsWith("classpath:")) {
        String resource = where.substring("classpath:".length());
        int slash = resource.lastIndexOf('/');
        String undo = (slash < 0 ? "" : resource.substring(0, slash + 1)) + undoName.get();
        Optional<String> text = resource(undo);
        if (text.isPresent()) {
          return Optional.of(new Script("classpath:" + undo, text.get()));
        }
      } else {
        Path undo = Path.of(where).resolveSibling(undoName.get());
        if (Files.isRegularFile(undo)) {
          return Optional.of(new Script(undo.toString(), read(undo)));
        }
      }
    }
    Path own = userDown().resolve(name);
    return Files.isRegularFile(own)
        ? Optional.of(new Script(own.toString(), read(own)))
        : Optional.empty();
  }

  /** Where to write a down script for {@code script}, for a message that asks for one. */
  public String downHint(String script) {
    String name = fileName(script);
    if (project.builtIn()) {
      return userDown().resolve(name)
          + " (built-in migrations keep theirs in "
          + builtInDown()
          + ")";
    }
    Optional<String> undo = undoName(name);
    Optional<Script> up = up(script);
    if (undo.isPresent() && up.isPresent() && !up.get().where().startsWith("classpath:")) {
      return Path.of(up.get().where()).resolveSibling(undo.get())
          + " (or "
          + userDown().resolve(name)
          + ")";
    }
    return userDown().resolve(name).toString();
  }

  /** The folder new migrations are written to, and whether down scripts go beside them. */
  record NewFiles(Path upFolder, Path downFolder, boolean undoNaming) {}

  NewFiles newFiles() {
    if (project.builtIn()) {
      return new NewFiles(userUp(), userDown(), false);
    }
    List<String> folders = project.folders();
    if (folders.isEmpty()) {
      throw new IllegalStateException(
          "The project has no folder to write a migration into (only classpath: locations)");
    }
    Path folder = Path.of(folders.getFirst());
    return new NewFiles(folder, folder, true);
  }

  /**
   * {@code text} with the project's placeholders replaced, as Flyway replaces them in the up
   * scripts: down scripts and dry runs show and run what the database would see.
   */
  public String substitute(String text, String defaultSchema) {
    if (project.placeholders().isEmpty() && !text.contains(project.placeholderPrefix())) {
      return text;
    }
    String result = text;
    for (Map.Entry<String, String> placeholder : project.placeholders().entrySet()) {
      result =
          result.replace(
              project.placeholderPrefix() + placeholder.getKey() + project.placeholderSuffix(),
              placeholder.getValue());
    }
    result =
        result.replace(
            project.placeholderPrefix() + "flyway:table" + project.placeholderSuffix(),
            project.table());
    return result.replace(
        project.placeholderPrefix() + "flyway:defaultSchema" + project.placeholderSuffix(),
        defaultSchema);
  }

  /** {@code U1.1__x.sql} for {@code V1.1__x.sql}; nothing for a repeatable or a baseline. */
  static Optional<String> undoName(String versionedName) {
    return versionedName.startsWith("V") && versionedName.contains("__")
        ? Optional.of("U" + versionedName.substring(1))
        : Optional.empty();
  }

  private Optional<Script> inLocation(String location, String script) {
    if (location.startsWith("classpath:")) {
      String folder = location.substring("classpath:".length()).replaceAll("^/+|/+$", "");
      String resource = folder.isEmpty() ? script : folder + "/" + script;
      return resource(resource).map(text -> new Script("classpath:" + resource, text));
    }
    String folder =
        location.startsWith("filesystem:") ? location.substring("filesystem:".length()) : location;
    Path file = Path.of(folder).resolve(script);
    return Files.isRegularFile(file)
        ? Optional.of(new Script(file.toString(), read(file)))
        : Optional.empty();
  }

  private Optional<String> resource(String resource) {
    try (InputStream in = MigrationLocations.class.getClassLoader().getResourceAsStream(resource)) {
      return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), charset()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  private static Optional<Path> search(Path folder, String name) {
    if (!Files.isDirectory(folder)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(folder)) {
      return files.filter(file -> file.getFileName().toString().equals(name)).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot search " + folder + ": " + e.getMessage(), e);
    }
  }

  private String read(Path file) {
    try {
      return Files.readString(file, charset());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private Charset charset() {
    return Charset.forName(project.encoding());
  }

  private static String fileName(String script) {
    return Path.of(script).getFileName().toString();
  }

  private static Optional<Script> find(String classpathFolder, Path userFolder, String script) {
    String name = fileName(script);
    String resource = classpathFolder + "/" + name;
    try (InputStream in = MigrationLocations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        return Optional.of(new Script(resource, new String(in.readAllBytes(), UTF_8)));
      }
      Path file = userFolder.resolve(name);
      return Files.isRegularFile(file)
          ? Optional.of(new Script(file.toString(), Files.readString(file)))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + script + ": " + e.getMessage(), e);
    }
  }

  /** A folder name from the profile's name: letters, digits, dash and underscore only. */
  static String slug(ConnectionProfile profile) {
    String slug =
        profile
            .name()
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9_-]+", "-")
            .replaceAll("^-|-$", "");
    return slug.isEmpty() ? "profile" : slug;
  }
}
