package io.clipdeck.db;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How to reach one database. For SQLite, {@code database} is the file's path and the network fields
 * are unused. The password is never part of a profile: {@code passwordRef} names it in the secret
 * store.
 *
 * @param passwordRef the key of the password in the secret store; null when the login needs none
 * @param environment what the database is for; {@link Environment#UNLABELLED} when not given
 * @param tlsMode how a server connection is encrypted; {@link TlsMode#PREFER} when not given
 * @param caFile the certificate authority file for {@link TlsMode#VERIFY_FULL}
 */
public record ConnectionProfile(
    String name,
    DatabaseKind kind,
    String host,
    int port,
    String database,
    String user,
    String passwordRef,
    Environment environment,
    TlsMode tlsMode,
    String caFile,
    PoolSettings pool) {

  public ConnectionProfile {
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A profile needs a name");
    }
    if (name.length() > 80 || name.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(
          "Profile name '" + name + "' is too long or has control characters: use up to 80");
    }
    if (database == null || database.isBlank()) {
      throw new IllegalArgumentException(
          "Profile '"
              + name
              + "' has no "
              + (kind.isFileBased() ? "SQLite file path" : "database name"));
    }
    if (kind.isFileBased() && database.indexOf('?') >= 0) {
      throw new IllegalArgumentException(
          "Profile '"
              + name
              + "': the SQLite file path has a '?', which the driver would read as settings:"
              + " rename the file or give its folder another name");
    }
    if (!kind.isFileBased()) {
      if (host == null || host.isBlank()) {
        throw new IllegalArgumentException("Profile '" + name + "' has no host");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(
            "Profile '" + name + "' has port " + port + ": use 1 to 65535");
      }
      ProfileFields.checkHost(name, host);
      ProfileFields.checkDatabase(name, database);
    }
    // Not chosen is not Development: an unlabelled profile is guarded like Production.
    environment = environment == null ? Environment.UNLABELLED : environment;
    tlsMode = tlsMode == null ? TlsMode.PREFER : tlsMode;
    if (tlsMode == TlsMode.VERIFY_FULL
        && !kind.isFileBased()
        && (caFile == null || caFile.isBlank())) {
      throw new IllegalArgumentException(
          "Profile '" + name + "' uses verify-full TLS without a CA file: give the CA's PEM file");
    }
    pool = pool == null ? PoolSettings.DESKTOP : pool;
    DriverProperties.check(name, kind, pool.connectArgs());
    DriverProperties.isolation(name, pool.connectArgs());
  }

  /**
   * A local SQLite file labelled Development, with desktop pool settings (the first-start default;
   * the editor and {@code profiles add} set the environment the user chose).
   */
  public static ConnectionProfile sqlite(String name, Path file) {
    return new ConnectionProfile(
        name,
        DatabaseKind.SQLITE,
        null,
        0,
        file.toAbsolutePath().toString(),
        null,
        null,
        Environment.DEVELOPMENT,
        TlsMode.DISABLE,
        null,
        PoolSettings.DESKTOP);
  }

  /**
   * A server database labelled Development, with no password, TLS when the server offers it ({@link
   * TlsMode#PREFER}) and desktop pool settings. The editor, {@code profiles add} and {@code
   * DATABASE_*} set the environment the user chose, or leave it {@link Environment#UNLABELLED}.
   */
  public static ConnectionProfile server(
      String name, DatabaseKind kind, String host, int port, String database, String user) {
    return new ConnectionProfile(
        name,
        kind,
        host,
        port,
        database,
        user,
        null,
        Environment.DEVELOPMENT,
        TlsMode.PREFER,
        null,
        PoolSettings.DESKTOP);
  }

  /** Where the database is, for messages: {@code host:port/db} or the file path. */
  public String location() {
    return kind.isFileBased() ? database : host + ":" + port + "/" + database;
  }

  /**
   * The JDBC URL, without any secret in it and without properties: the host and database were
   * checked when the profile was made, so no field can add a {@code ?key=value}; the driver
   * properties go separately, through the allow-list.
   */
  public String jdbcUrl() {
    String url = Dialect.of(kind).jdbcUrl(host, port, database);
    if (!kind.isFileBased()) {
      DriverProperties.checkUrl(name, url);
    }
    return url;
  }

  /**
   * How the connection is protected, in words for lists and messages: {@code TLS off (disable)},
   * {@code TLS when offered, certificate not checked (prefer)}, {@code TLS, certificate not checked
   * (require)}, {@code TLS verified against CA FILE (verify-full)}; {@code local file} for SQLite.
   */
  public String tlsSummary() {
    if (kind.isFileBased()) {
      return "local file";
    }
    return switch (tlsMode) {
      case DISABLE -> "TLS off (disable)";
      case PREFER -> "TLS when offered, certificate not checked (prefer)";
      case REQUIRE -> "TLS, certificate not checked (require)";
      case VERIFY_FULL -> "TLS verified against CA " + caFile + " (verify-full)";
    };
  }

  public ConnectionProfile withPool(PoolSettings newPool) {
    return toBuilder().pool(newPool).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Changes a few fields of a profile; {@link #build()} validates the result. */
  public static final class Builder {
    private String name;
    private DatabaseKind kind;
    private String host;
    private int port;
    private String database;
    private String user;
    private String passwordRef;
    private Environment environment;
    private TlsMode tlsMode;
    private String caFile;
    private PoolSettings pool;

    private Builder(ConnectionProfile from) {
      name = from.name;
      kind = from.kind;
      host = from.host;
      port = from.port;
      database = from.database;
      user = from.user;
      passwordRef = from.passwordRef;
      environment = from.environment;
      tlsMode = from.tlsMode;
      caFile = from.caFile;
      pool = from.pool;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public Builder kind(DatabaseKind value) {
      kind = value;
      return this;
    }

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder database(String value) {
      database = value;
      return this;
    }

    public Builder user(String value) {
      user = value;
      return this;
    }

    public Builder passwordRef(String value) {
      passwordRef = value;
      return this;
    }

    public Builder environment(Environment value) {
      environment = value;
      return this;
    }

    public Builder tls(TlsMode mode, String caPemFile) {
      tlsMode = mode;
      caFile = caPemFile;
      return this;
    }

    public Builder pool(PoolSettings value) {
      pool = value;
      return this;
    }

    public ConnectionProfile build() {
      return new ConnectionProfile(
          name, kind, host, port, database, user, passwordRef, environment, tlsMode, caFile, pool);
    }
  }
}
