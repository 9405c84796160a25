package io.clipdeck.ui.profiles;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Environment;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.db.TlsMode;
import io.clipdeck.ui.fx.Fields;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The profile editor's fields as text, the way the user types them, and the conversion to a profile
 * with a message that names the field when a value is wrong.
 */
public final class ProfileForm {

  final StringProperty name = new SimpleStringProperty("");
  final ObjectProperty<DatabaseKind> kind = new SimpleObjectProperty<>(DatabaseKind.POSTGRESQL);
  final StringProperty host = new SimpleStringProperty("");
  final StringProperty port = new SimpleStringProperty("");
  final StringProperty database = new SimpleStringProperty("");
  final StringProperty user = new SimpleStringProperty("");
  final StringProperty password = new SimpleStringProperty("");

  /** Null until the user chooses: a new profile has no assumed environment. */
  final ObjectProperty<Environment> environment = new SimpleObjectProperty<>();

  final ObjectProperty<TlsMode> tlsMode = new SimpleObjectProperty<>(TlsMode.PREFER);
  final StringProperty caFile = new SimpleStringProperty("");
  final StringProperty poolSize = new SimpleStringProperty("");
  final StringProperty maxOverflow = new SimpleStringProperty("");
  final StringProperty poolTimeoutSeconds = new SimpleStringProperty("");
  final StringProperty poolRecycleSeconds = new SimpleStringProperty("");
  final BooleanProperty prePing = new SimpleBooleanProperty(true);
  final StringProperty statementTimeoutMillis = new SimpleStringProperty("");
  final StringProperty applicationName = new SimpleStringProperty("");
  final BooleanProperty echo = new SimpleBooleanProperty(false);
  final BooleanProperty echoPool = new SimpleBooleanProperty(false);
  final StringProperty connectArgs = new SimpleStringProperty("");

  /** The password reference of the profile being edited, kept when the password is left blank. */
  private String passwordRef;

  // Properties the view binds to, one accessor each.
  public StringProperty nameProperty() {
    return name;
  }

  public ObjectProperty<DatabaseKind> kindProperty() {
    return kind;
  }

  public StringProperty hostProperty() {
    return host;
  }

  public StringProperty portProperty() {
    return port;
  }

  public StringProperty databaseProperty() {
    return database;
  }

  public StringProperty userProperty() {
    return user;
  }

  public StringProperty passwordProperty() {
    return password;
  }

  public ObjectProperty<Environment> environmentProperty() {
    return environment;
  }

  public ObjectProperty<TlsMode> tlsModeProperty() {
    return tlsMode;
  }

  public StringProperty caFileProperty() {
    return caFile;
  }

  public StringProperty poolSizeProperty() {
    return poolSize;
  }

  public StringProperty maxOverflowProperty() {
    return maxOverflow;
  }

  public StringProperty poolTimeoutSecondsProperty() {
    return poolTimeoutSeconds;
  }

  public StringProperty poolRecycleSecondsProperty() {
    return poolRecycleSeconds;
  }

  public BooleanProperty prePingProperty() {
    return prePing;
  }

  public StringProperty statementTimeoutMillisProperty() {
    return statementTimeoutMillis;
  }

  public StringProperty applicationNameProperty() {
    return applicationName;
  }

  public BooleanProperty echoProperty() {
    return echo;
  }

  public BooleanProperty echoPoolProperty() {
    return echoPool;
  }

  /** Driver properties, one {@code key=value} per line. */
  public StringProperty connectArgsProperty() {
    return connectArgs;
  }

  String passwordRef() {
    return passwordRef;
  }

  /** Fills the fields from a profile; the password field starts blank ("unchanged"). */
  void load(ConnectionProfile profile) {
    name.set(profile.name());
    kind.set(profile.kind());
    host.set(nullToEmpty(profile.host()));
    port.set(profile.kind().isFileBased() ? "" : String.valueOf(profile.port()));
    database.set(profile.database());
    user.set(nullToEmpty(profile.user()));
    password.set("");
    passwordRef = profile.passwordRef();
    environment.set(profile.environment().isLabelled() ? profile.environment() : null);
    tlsMode.set(profile.tlsMode());
    caFile.set(nullToEmpty(profile.caFile()));
    PoolSettings pool = profile.pool();
    poolSize.set(String.valueOf(pool.poolSize()));
    maxOverflow.set(String.valueOf(pool.maxOverflow()));
    poolTimeoutSeconds.set(String.valueOf(pool.poolTimeout().toMillis() / 1000.0));
    poolRecycleSeconds.set(String.valueOf(pool.poolRecycle().toSeconds()));
    prePing.set(pool.prePing());
    statementTimeoutMillis.set(String.valueOf(pool.statementTimeout().toMillis()));
    applicationName.set(pool.applicationName());
    echo.set(pool.echo());
    echoPool.set(pool.echoPool());
    connectArgs.set(
        pool.connectArgs().entrySet().stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining("\n")));
  }

  /** Starts a new profile of the given kind with desktop defaults. */
  void clear(DatabaseKind newKind, Path sqliteFolder) {
    ConnectionProfile blank =
        newKind.isFileBased()
            ? ConnectionProfile.sqlite("New profile", sqliteFolder.resolve("new.db"))
            : ConnectionProfile.server(
                "New profile", newKind, "localhost", newKind.defaultPort(), "clipdeck", "");
    load(blank);
    environment.set(null);
    passwordRef = null;
  }

  /**
   * The profile the fields describe.
   *
   * @param newPasswordRef the reference to use when a password was typed
   * @throws IllegalArgumentException naming the field that is wrong
   */
  ConnectionProfile toProfile(String newPasswordRef) {
    DatabaseKind chosenKind = kind.get();
    PoolSettings pool =
        PoolSettings.DESKTOP.toBuilder()
            .poolSize(Fields.wholeNumber("Pool size", poolSize.get()))
            .maxOverflow(Fields.wholeNumber("Max overflow", maxOverflow.get()))
            .poolTimeout(Fields.seconds("Pool timeout", poolTimeoutSeconds.get()))
            .poolRecycle(Fields.seconds("Pool recycle", poolRecycleSeconds.get()))
            .prePing(prePing.get())
            .statementTimeout(
                Duration.ofMillis(
                    Fields.wholeNumber("Statement timeout", statementTimeoutMillis.get())))
            .applicationName(applicationName.get())
            .echo(echo.get())
            .echoPool(echoPool.get())
            .connectArgs(parseConnectArgs(connectArgs.get()))
            .build();
    String ref = password.get().isEmpty() ? passwordRef : newPasswordRef;
    ConnectionProfile base =
        chosenKind.isFileBased()
            ? ConnectionProfile.sqlite(name.get().trim(), Path.of(database.get().trim()))
            : ConnectionProfile.server(
                name.get().trim(),
                chosenKind,
                host.get().trim(),
                Fields.wholeNumber("Port", port.get()),
                database.get().trim(),
                user.get().trim());
    return base.toBuilder()
        .passwordRef(chosenKind.isFileBased() ? null : ref)
        .environment(environment.get() == null ? Environment.UNLABELLED : environment.get())
        .tls(tlsMode.get(), caFile.get().isBlank() ? null : caFile.get().trim())
        .pool(pool)
        .build();
  }

  /**
   * The profile to save: as {@link #toProfile}, and its environment chosen (a connection can be
   * tested before, a profile is not saved without one).
   */
  ConnectionProfile toSavedProfile(String newPasswordRef) {
    ConnectionProfile profile = toProfile(newPasswordRef);
    if (!profile.environment().isLabelled()) {
      throw new IllegalArgumentException(
          "Environment: choose Development, Test or Production (Clipdeck does not assume one, and"
              + " guards an unlabelled database like Production)");
    }
    return profile;
  }

  static Map<String, String> parseConnectArgs(String text) {
    Map<String, String> args = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].trim();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int equals = line.indexOf('=');
      if (equals < 1) {
        throw new IllegalArgumentException(
            "Driver properties, line " + (i + 1) + ": '" + line + "' is not key=value");
      }
      args.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
    }
    return args;
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
