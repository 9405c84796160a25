package io.clipdeck.db;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The driver properties a pool opens connections with: Clipdeck's desktop defaults, the profile's
 * TLS and timeouts, then the user's {@code connect_args}, checked against an allow-list per driver.
 * A property that makes the driver load a class, read a local file for the server or deserialize
 * objects is refused: a profile file is data, never code.
 */
final class DriverProperties {

  /** Portable {@code connect_args} keys that are pool settings, not driver properties. */
  static final String AUTOCOMMIT = "autocommit";

  static final String ISOLATION = "isolation";

  /** The session's time zone, e.g. {@code UTC} or {@code Europe/Paris}. */
  static final String TIMEZONE = "timezone";

  private static final java.util.regex.Pattern TIME_ZONE =
      java.util.regex.Pattern.compile("[A-Za-z0-9_/+:-]{1,64}");

  private static final Set<String> POSTGRESQL =
      Set.of(
          "ApplicationName",
          "options",
          "connectTimeout",
          "socketTimeout",
          "loginTimeout",
          "cancelSignalTimeout",
          "tcpKeepAlive",
          "ssl",
          "sslmode",
          "sslrootcert",
          "sslcert",
          "sslkey",
          "currentSchema",
          "prepareThreshold",
          "preparedStatementCacheQueries",
          "defaultRowFetchSize",
          "reWriteBatchedInserts",
          "binaryTransfer",
          "stringtype",
          "targetServerType",
          "readOnly",
          "readOnlyMode",
          "preferQueryMode",
          "gssEncMode",
          "assumeMinServerVersion",
          "escapeSyntaxCallMode",
          "quoteReturningIdentifiers");

  private static final Set<String> MYSQL =
      Set.of(
          "characterEncoding",
          "connectionCollation",
          "characterSetResults",
          "useUnicode",
          "sessionVariables",
          "connectTimeout",
          "socketTimeout",
          "tcpKeepAlive",
          "sslMode",
          "trustCertificateKeyStoreUrl",
          "trustCertificateKeyStoreType",
          "serverRSAPublicKeyFile",
          "allowPublicKeyRetrieval",
          "serverTimezone",
          "connectionTimeZone",
          "forceConnectionTimeZoneToSession",
          "preserveInstants",
          "useServerPrepStmts",
          "cachePrepStmts",
          "prepStmtCacheSize",
          "prepStmtCacheSqlLimit",
          "rewriteBatchedStatements",
          "useCursorFetch",
          "defaultFetchSize",
          "zeroDateTimeBehavior",
          "connectionAttributes",
          "maxAllowedPacket",
          "useCompression",
          "tinyInt1isBit",
          "useAffectedRows",
          "jdbcCompliantTruncation",
          "useLocalSessionState",
          "cacheResultSetMetadata",
          "cacheServerConfiguration",
          "elideSetAutoCommits",
          "maintainTimeStats");

  /**
   * Connector/J's throughput settings, as HikariCP's guidance for MySQL gives them: statements
   * prepared once on the server and kept per connection (250 of up to 2 KB of SQL; the server's
   * {@code max_prepared_stmt_count} is 16,382 by default, ten pools of ten connections use a
   * sixth), session state (autocommit, isolation, read-only) tracked in the client instead of asked
   * of the server, result-set metadata and the server's variables cached, batches rewritten into
   * multi-row statements, and no timing of every packet. A profile's connect_args override each.
   */
  private static final Map<String, String> MYSQL_THROUGHPUT =
      Map.of(
          "cachePrepStmts", "true",
          "prepStmtCacheSize", "250",
          "prepStmtCacheSqlLimit", "2048",
          "useServerPrepStmts", "true",
          "useLocalSessionState", "true",
          "rewriteBatchedStatements", "true",
          "cacheResultSetMetadata", "true",
          "cacheServerConfiguration", "true",
          "elideSetAutoCommits", "true",
          "maintainTimeStats", "false");

  private static final Set<String> SQLITE =
      Set.of(
          "journal_mode",
          "busy_timeout",
          "foreign_keys",
          "synchronous",
          "cache_size",
          "temp_store",
          "mmap_size",
          "page_size",
          "transaction_mode",
          "locking_mode",
          "date_class",
          "date_precision",
          "date_string_format",
          "recursive_triggers",
          "case_sensitive_like");

  /** Properties known to load code, reach local files for the server, or deserialize objects. */
  private static final Map<String, String> REFUSED =
      Map.ofEntries(
          Map.entry("socketfactory", "names a class for the driver to load"),
          Map.entry("socketfactoryarg", "configures a class for the driver to load"),
          Map.entry("sslfactory", "names a class for the driver to load"),
          Map.entry("sslfactoryarg", "configures a class for the driver to load"),
          Map.entry("sslhostnameverifier", "names a class for the driver to load"),
          Map.entry("sslpasswordcallback", "names a class for the driver to load"),
          Map.entry("authenticationpluginclassname", "names a class for the driver to load"),
          Map.entry("authenticationplugins", "names classes for the driver to load"),
          Map.entry("defaultauthenticationplugin", "names a class for the driver to load"),
          Map.entry("queryinterceptors", "names classes for the driver to load"),
          Map.entry("exceptioninterceptors", "names classes for the driver to load"),
          Map.entry("connectionlifecycleinterceptors", "names classes for the driver to load"),
          Map.entry("clientinfoprovider", "names a class for the driver to load"),
          Map.entry("propertiestransform", "names a class for the driver to load"),
          Map.entry("profilereventhandler", "names a class for the driver to load"),
          Map.entry("logger", "names a class for the driver to load"),
          Map.entry("loggerfile", "makes the driver write files where the profile says"),
          Map.entry("loggerlevel", "makes the driver log connection details"),
          Map.entry("allowloadlocalinfile", "lets the server read files from this machine"),
          Map.entry("allowloadlocalinfileinpath", "lets the server read files from this machine"),
          Map.entry("allowurlinlocalinfile", "lets the server make this machine fetch URLs"),
          Map.entry("autodeserialize", "deserializes Java objects sent by the server"),
          Map.entry("statementinterceptors", "names classes for the driver to load"),
          Map.entry("enable_load_extension", "lets SQL load native code into Clipdeck"),
          Map.entry("load_extension", "loads native code into Clipdeck"),
          Map.entry("password", "belongs in the secret store, not in connect_args"),
          Map.entry("user", "is the profile's user field"));

  /**
   * Keys that would choose the TLS mode or its trust anchor behind the profile's {@code tls_mode}
   * and {@code ca_file}: refused in {@code connect_args}, so the mode shown is the mode used.
   */
  private static final Set<String> TLS_KEYS =
      Set.of(
          "ssl",
          "sslmode",
          "sslrootcert",
          "usessl",
          "requiressl",
          "verifyservercertificate",
          "trustcertificatekeystoreurl",
          "trustcertificatekeystoretype",
          "trustcertificatekeystorepassword",
          "fallbacktosystemtruststore",
          "disablesslhostnameverification",
          "trustservercertificate");

  private DriverProperties() {}

  /** Checks the profile's {@code connect_args}; the message names the key and what to do. */
  static void check(String profileName, DatabaseKind kind, Map<String, String> connectArgs) {
    Set<String> allowed = allowList(kind);
    for (String key : connectArgs.keySet()) {
      String lower = key.toLowerCase(Locale.ROOT);
      if (lower.equals(TIMEZONE)) {
        timeZone(profileName, connectArgs);
        continue;
      }
      if (lower.equals(AUTOCOMMIT) || lower.equals(ISOLATION)) {
        continue;
      }
      String reason = REFUSED.get(lower);
      if (reason == null && (lower.endsWith("factory") || lower.endsWith("classname"))) {
        reason = "names a class for the driver to load";
      }
      if (reason != null) {
        throw new IllegalArgumentException(
            "Profile '" + profileName + "': connect_args '" + key + "' is refused: it " + reason);
      }
      if (TLS_KEYS.contains(lower)) {
        throw new IllegalArgumentException(
            "Profile '"
                + profileName
                + "': connect_args '"
                + key
                + "' is refused: the profile's tls_mode and ca_file choose TLS, so it could"
                + " not weaken them unseen; set tls_mode (disable, prefer, require, verify-full)"
                + " instead");
      }
      if (canonical(allowed, key).isEmpty()) {
        throw new IllegalArgumentException(
            "Profile '"
                + profileName
                + "': connect_args '"
                + key
                + "' is not a "
                + kind.displayName()
                + " driver property Clipdeck allows; allowed: "
                + String.join(", ", sorted(allowed)));
      }
    }
  }

  /**
   * The properties to open connections with (the profile's connect_args were checked when it was
   * made).
   */
  static Properties of(ConnectionProfile profile) {
    Properties properties = new Properties();
    PoolSettings pool = profile.pool();
    Duration statementTimeout = pool.statementTimeout();
    switch (profile.kind()) {
      case POSTGRESQL -> {
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("socketTimeout", "60");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("ApplicationName", pool.applicationName());
        properties.setProperty("sslmode", postgresSslMode(profile.tlsMode()));
        if (profile.tlsMode() == TlsMode.VERIFY_FULL) {
          properties.setProperty("sslrootcert", profile.caFile());
        }
      }
      case MYSQL -> {
        properties.setProperty("connectTimeout", "5000");
        properties.setProperty("socketTimeout", "60000");
        properties.setProperty("tcpKeepAlive", "true");
        properties.setProperty("connectionAttributes", "program_name:" + pool.applicationName());
        MYSQL_THROUGHPUT.forEach(properties::setProperty);
        properties.setProperty("sslMode", mysqlSslMode(profile.tlsMode()));
        if (profile.tlsMode() == TlsMode.VERIFY_FULL) {
          properties.setProperty(
              "trustCertificateKeyStoreUrl", PemTrustStore.of(profile.caFile()).toUri().toString());
          properties.setProperty("trustCertificateKeyStoreType", "PKCS12");
          properties.setProperty("trustCertificateKeyStorePassword", PemTrustStore.PASSWORD);
        }
      }
      case SQLITE -> {
        // WAL lets the dashboard read while a writer works; busy_timeout waits for the one writer.
        properties.setProperty("journal_mode", "WAL");
        properties.setProperty("busy_timeout", "5000");
        properties.setProperty("foreign_keys", "true");
      }
    }
    Set<String> allowed = allowList(profile.kind());
    check(profile.name(), profile.kind(), pool.connectArgs());
    pool.connectArgs()
        .forEach(
            (key, value) ->
                canonical(allowed, key).ifPresent(name -> properties.setProperty(name, value)));
    Optional<String> zone = timeZone(profile.name(), pool.connectArgs());
    if (profile.kind() == DatabaseKind.MYSQL && zone.isPresent()) {
      String variables = properties.getProperty("sessionVariables", "");
      String setting = "time_zone='" + zone.get() + "'";
      properties.setProperty(
          "sessionVariables", variables.isBlank() ? setting : variables + "," + setting);
    }
    if (profile.kind() == DatabaseKind.POSTGRESQL && !statementTimeout.isZero()) {
      // Server-side, so a runaway query stops on the server, not only in the client.
      String option = "-c statement_timeout=" + statementTimeout.toMillis();
      String options = properties.getProperty("options", "");
      properties.setProperty("options", options.isBlank() ? option : options + " " + option);
    }
    refuseDangerous(profile.name(), properties.stringPropertyNames(), "driver property");
    return properties;
  }

  /**
   * Checks the URL a pool opens: nothing after the database name (no {@code ?}, {@code ;} or {@code
   * &} that would add a property), and no refused property in it either way.
   */
  static void checkUrl(String profileName, String url) {
    int query = indexOfAny(url, "?;&#");
    if (query >= 0) {
      String rest = url.substring(query + 1);
      for (String pair : rest.split("[?;&#]")) {
        int eq = pair.indexOf('=');
        String key = eq < 0 ? pair : pair.substring(0, eq);
        refuseDangerous(profileName, Set.of(key), "JDBC URL property");
      }
      throw new IllegalArgumentException(
          "Profile '"
              + profileName
              + "': the JDBC URL would carry settings after the database name; Clipdeck takes"
              + " driver properties only from connect_args");
    }
  }

  private static void refuseDangerous(String profileName, Set<String> keys, String route) {
    for (String key : keys) {
      String lower = key.strip().toLowerCase(Locale.ROOT);
      String reason = REFUSED.get(lower);
      if (reason == null && (lower.endsWith("factory") || lower.endsWith("classname"))) {
        reason = "names a class for the driver to load";
      }
      if (reason != null && !lower.equals("user") && !lower.equals("password")) {
        throw new IllegalArgumentException(
            "Profile '" + profileName + "': " + route + " '" + key + "' is refused: it " + reason);
      }
    }
  }

  private static int indexOfAny(String text, String chars) {
    for (int i = 0; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /**
   * SQL run on each new connection, or empty. MySQL and MariaDB name their statement timeout
   * differently; executable comments let one statement set the right one on either server.
   */
  static Optional<String> connectionInitSql(ConnectionProfile profile) {
    Dialect dialect = Dialect.of(profile.kind());
    return timeZone(profile.name(), profile.pool().connectArgs())
        .flatMap(dialect::sessionTimeZoneSql)
        .or(() -> dialect.sessionStatementTimeoutSql(profile.pool().statementTimeout()));
  }

  /** The portable {@code autocommit} key, if the profile sets it. */
  static Optional<Boolean> autocommit(ConnectionProfile profile) {
    return portable(profile.pool().connectArgs(), AUTOCOMMIT).map(Boolean::parseBoolean);
  }

  /** The portable {@code isolation} key as HikariCP's constant name, if the profile sets it. */
  static Optional<String> isolation(String profileName, Map<String, String> connectArgs) {
    return portable(connectArgs, ISOLATION)
        .map(
            value -> {
              String level = value.trim().toUpperCase(Locale.ROOT).replace(' ', '_');
              if (!Set.of("READ_UNCOMMITTED", "READ_COMMITTED", "REPEATABLE_READ", "SERIALIZABLE")
                  .contains(level)) {
                throw new IllegalArgumentException(
                    "Profile '"
                        + profileName
                        + "': isolation '"
                        + value
                        + "' is unknown: use read_committed, repeatable_read, serializable or"
                        + " read_uncommitted");
              }
              return "TRANSACTION_" + level;
            });
  }

  /** The portable {@code timezone} key, checked so it can go into SQL. */
  static Optional<String> timeZone(String profileName, Map<String, String> connectArgs) {
    return portable(connectArgs, TIMEZONE)
        .map(
            zone -> {
              if (!TIME_ZONE.matcher(zone).matches()) {
                throw new IllegalArgumentException(
                    "Profile '"
                        + profileName
                        + "': timezone '"
                        + zone
                        + "' is not a time zone name like UTC, Europe/Paris or +02:00");
              }
              return zone;
            });
  }

  private static Optional<String> portable(Map<String, String> connectArgs, String key) {
    return connectArgs.entrySet().stream()
        .filter(entry -> entry.getKey().equalsIgnoreCase(key))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private static Set<String> allowList(DatabaseKind kind) {
    return switch (kind) {
      case POSTGRESQL -> POSTGRESQL;
      case MYSQL -> MYSQL;
      case SQLITE -> SQLITE;
    };
  }

  private static Optional<String> canonical(Set<String> allowed, String key) {
    return allowed.stream().filter(name -> name.equalsIgnoreCase(key)).findFirst();
  }

  private static Set<String> sorted(Set<String> names) {
    Set<String> sorted = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    sorted.addAll(names);
    return sorted;
  }

  private static String postgresSslMode(TlsMode mode) {
    return switch (mode) {
      case DISABLE -> "disable";
      case PREFER -> "prefer";
      case REQUIRE -> "require";
      case VERIFY_FULL -> "verify-full";
    };
  }

  private static String mysqlSslMode(TlsMode mode) {
    return switch (mode) {
      case DISABLE -> "DISABLED";
      case PREFER -> "PREFERRED";
      case REQUIRE -> "REQUIRED";
      case VERIFY_FULL -> "VERIFY_IDENTITY";
    };
  }
}
