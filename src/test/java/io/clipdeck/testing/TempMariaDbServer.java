package io.clipdeck.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway MariaDB server of its own, for tests that stop, restart or kill a server: the
 * machine's shared server on 3306 is never touched. {@code mariadb-install-db} makes a data
 * directory in a temporary directory; {@code mariadbd} runs in the foreground as a child of the
 * test JVM with {@code --no-defaults} (so no {@code my.cnf} can point it at the shared server's
 * port, socket or data), on a free port on 127.0.0.1 with its socket in that directory. Root logs
 * in from 127.0.0.1 with no password. {@link #close()} kills it and deletes the directory.
 *
 * <p>When the tests run as root the server runs as root too ({@code --user=root}: mariadbd refuses
 * root without it), so the directory needs no change of owner. Every wait is bounded. When the
 * binaries are missing, the test is skipped with the reason on a workstation and fails under CI
 * ({@link TestDatabases#serversRequired()}).
 *
 * <p>The binaries come from {@code -Dclipdeck.test.mariadb.bin=DIR}, else the {@code PATH}, {@code
 * /usr/sbin} and {@code /usr/bin}.
 */
public final class TempMariaDbServer implements AutoCloseable {

  public static final String HOST = "127.0.0.1";
  public static final String USER = "root";

  /** The database {@link #profile} points at, made at the first start. */
  public static final String DATABASE = "clipdeck";

  /** Longest {@code mariadb-install-db} or {@code mariadb-admin} may take (a loaded machine). */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(120);

  /** Longest a start (crash recovery included) or a stop may take. */
  private static final Duration SERVER_WAIT = Duration.ofSeconds(60);

  private static final Set<TempMariaDbServer> LIVE = ConcurrentHashMap.newKeySet();

  static {
    // A crashed or interrupted test run must not leave servers behind.
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("temp-mariadb-cleanup")
                .unstarted(() -> LIVE.forEach(TempMariaDbServer::closeQuietly)));
  }

  /** The three programs, found once per server. */
  record Binaries(Path server, Path installDb, Path admin) {}

  private final Binaries binaries;
  private final String host;
  private final List<String> commandPrefix;
  private final Path directory;
  private final Path data;
  private final Path socket;
  private final Path serverLog;
  private int port;
  private Process server;
  private boolean closed;
  private List<String> extraOptions = List.of();

  private TempMariaDbServer(
      Binaries binaries, String host, List<String> commandPrefix, Path directory) {
    this.binaries = binaries;
    this.host = host;
    this.commandPrefix = List.copyOf(commandPrefix);
    this.directory = directory;
    this.data = directory.resolve("data");
    this.socket = directory.resolve("mysqld.sock");
    this.serverLog = directory.resolve("server.log");
  }

  /** Makes a data directory with {@code mariadb-install-db}; not running until {@link #start()}. */
  public static TempMariaDbServer create() {
    return create(HOST, List.of());
  }

  /**
   * Makes a server that runs inside {@code namespace}, listening on its address there, so the test
   * can cut the network between the app and the server. Root may log in from any address (the app
   * connects from the namespace link's other end).
   */
  public static TempMariaDbServer createIn(NetworkNamespace namespace) {
    return create(namespace.innerAddress(), namespace.execPrefix());
  }

  private static TempMariaDbServer create(String host, List<String> commandPrefix) {
    Binaries binaries = binaries();
    Path directory;
    try {
      directory = Files.createTempDirectory("clipdeck-mariadb-");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a temporary MariaDB directory", e);
    }
    TempMariaDbServer server = new TempMariaDbServer(binaries, host, commandPrefix, directory);
    LIVE.add(server);
    try {
      server.installDb();
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Makes a server and starts it. */
  public static TempMariaDbServer started() {
    TempMariaDbServer server = create();
    try {
      server.start();
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  public int port() {
    return port;
  }

  public String host() {
    return host;
  }

  /** The server's directory: {@code data/}, its socket, pid file and {@code server.log}. */
  public Path directory() {
    return directory;
  }

  /** A profile for this server's {@value #DATABASE} database as root, desktop pool settings. */
  public ConnectionProfile profile(String name) {
    return ConnectionProfile.server(name, DatabaseKind.MYSQL, host, port, DATABASE, USER);
  }

  /** The JDBC URL of a database on this server ({@code ""} for none). */
  public String jdbcUrl(String database) {
    return "jdbc:mysql://" + host + ":" + port + "/" + database;
  }

  /**
   * More mariadbd options for every start from now on (e.g. {@code --ssl-cert=…}); files they name
   * must be readable by the user the server runs as (see {@link #directory()}).
   */
  public synchronized void addOptions(String... options) {
    List<String> all = new ArrayList<>(extraOptions);
    all.addAll(List.of(options));
    extraOptions = List.copyOf(all);
  }

  /**
   * Starts mariadbd on the data directory (and, after the first start, on the same port) and waits
   * (bounded) until it accepts connections; after a kill this includes InnoDB's crash recovery.
   */
  public synchronized void start() {
    requireOpen();
    if (isRunning()) {
      throw new IllegalStateException(this + " is already running");
    }
    if (port != 0) {
      launch();
      return;
    }
    // The free port may be taken by someone else between choosing it and binding it: try again.
    RuntimeException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      port = freePort();
      try {
        launch();
        execute("CREATE DATABASE IF NOT EXISTS " + DATABASE);
        return;
      } catch (RuntimeException e) {
        last = e;
        if (!serverLogText().contains("Address already in use")) {
          throw e;
        }
      }
    }
    throw last;
  }

  /** A clean shutdown with {@code mariadb-admin shutdown}; returns once mariadbd has exited. */
  public synchronized void stop() {
    requireOpen();
    if (!isRunning()) {
      throw new IllegalStateException(this + " is not running");
    }
    run(
        List.of(
            binaries.admin().toString(),
            "--no-defaults",
            "--protocol=TCP",
            "--host=" + host,
            "--port=" + port,
            "--user=" + USER,
            "--connect-timeout=10",
            "shutdown"),
        "mariadb-admin shutdown");
    awaitExit(SERVER_WAIT, "mariadbd after mariadb-admin shutdown");
  }

  /** A clean stop, then a start on the same data directory and port. */
  public synchronized void restart() {
    stop();
    start();
  }

  /**
   * {@code kill -9} of mariadbd, as a crash or the OOM killer would do it: returns once it is gone,
   * so that {@link #start()} runs crash recovery straight away.
   */
  public synchronized void kill9() {
    requireOpen();
    if (!isRunning()) {
      throw new IllegalStateException(this + " is not running");
    }
    server.destroyForcibly(); // SIGKILL on Linux
    awaitExit(Duration.ofSeconds(10), "mariadbd after SIGKILL");
  }

  /** Whether the mariadbd process is alive (it may still be starting or stopping). */
  public synchronized boolean isRunning() {
    return server != null && server.isAlive();
  }

  /** The server's process id, while it runs. */
  public synchronized Optional<Long> pid() {
    return isRunning() ? Optional.of(server.pid()) : Optional.empty();
  }

  /** Whether a new connection can run a query now. */
  public boolean acceptsConnections() {
    try (Connection connection = connect("", 1);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** A new connection (outside any pool) to a database on this server ({@code ""} for none). */
  public Connection connect(String database) throws SQLException {
    return connect(database, 5);
  }

  /** Runs one statement, outside any pool, with no default database. */
  public void execute(String sql) {
    try (Connection connection = connect("");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("'" + sql + "' failed on " + this + ": " + e.getMessage(), e);
    }
  }

  /** The server's log so far, for failure messages. */
  public String serverLogText() {
    try {
      return Files.exists(serverLog) ? Files.readString(serverLog, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(cannot read " + serverLog + ": " + e.getMessage() + ")";
    }
  }

  /** Kills the server (nobody needs its data) and deletes its directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (server != null && server.isAlive()) {
        server.destroyForcibly();
        try {
          server.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      LIVE.remove(this);
      deleteRecursively(directory);
    }
  }

  @Override
  public String toString() {
    return "TempMariaDbServer[" + host + ":" + port + ", " + directory + "]";
  }

  private void installDb() {
    List<String> command = new ArrayList<>();
    command.add(binaries.installDb().toString());
    command.add("--no-defaults");
    command.add("--datadir=" + data);
    command.addAll(runAs());
    // A root that logs in with no password (from 127.0.0.1 too), as the shared test server does.
    command.add("--auth-root-authentication-method=normal");
    command.add("--skip-test-db");
    // Passed on to the bootstrap server: small files, so that several servers fit side by side.
    command.addAll(storageOptions());
    run(command, "mariadb-install-db");
  }

  private void launch() {
    List<String> command = new ArrayList<>(commandPrefix);
    command.add(binaries.server().toString());
    // No option file: /etc/mysql/my.cnf names the shared server's port, socket and data.
    command.add("--no-defaults");
    command.add("--datadir=" + data);
    command.add("--port=" + port);
    command.add("--bind-address=" + host);
    if (!host.equals(HOST)) {
      command.add("--init-file=" + remoteRoot());
    }
    command.add("--socket=" + socket);
    command.add("--pid-file=" + directory.resolve("mysqld.pid"));
    command.add("--log-error=" + serverLog);
    command.addAll(runAs());
    command.add("--skip-log-bin");
    command.add("--skip-name-resolve");
    command.add("--max-connections=40");
    command.addAll(storageOptions());
    command.addAll(extraOptions);
    try {
      server =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("stdout.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    }
    long deadline = System.nanoTime() + SERVER_WAIT.toNanos();
    while (!acceptsConnections()) {
      if (!server.isAlive()) {
        throw new IllegalStateException(
            "mariadbd exited (" + server.exitValue() + ") while starting on " + this + logTail());
      }
      if (System.nanoTime() - deadline > 0) {
        server.destroyForcibly();
        throw new IllegalStateException(
            "mariadbd did not accept connections within "
                + SERVER_WAIT
                + " on "
                + this
                + logTail());
      }
      pause(Duration.ofMillis(50));
    }
  }

  /** SQL run at every start: root may log in from the namespace link's far end, no password. */
  private Path remoteRoot() {
    Path file = directory.resolve("remote-root.sql");
    try {
      Files.writeString(
          file,
          "CREATE USER IF NOT EXISTS 'root'@'%';\n"
              + "GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  /**
   * Throwaway data: small buffers and log. The log is still written to the OS at every commit
   * (flush at commit = 2, only the fsync is deferred), so a {@code kill -9} of the process loses no
   * committed transaction, as on a real server; only a machine crash could.
   */
  private static List<String> storageOptions() {
    return List.of(
        "--innodb-buffer-pool-size=32M",
        "--innodb-log-file-size=8M",
        // The temporary tablespace is written out in full at every start: keep it small.
        "--innodb-temp-data-file-path=ibtmp1:1M:autoextend",
        "--innodb-flush-log-at-trx-commit=2",
        "--skip-innodb-doublewrite");
  }

  /** mariadbd refuses to run as root unless told to; as anyone else it runs as that user. */
  private static List<String> runAs() {
    return "root".equals(System.getProperty("user.name")) ? List.of("--user=root") : List.of();
  }

  private void run(List<String> command, String what) {
    Path output = null;
    try {
      output = Files.createTempFile("clipdeck-mariadb-cmd-", ".out");
      Process process =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            what + " did not finish within " + COMMAND_TIMEOUT + " on " + this + output(output));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            what + " failed (exit " + process.exitValue() + ") on " + this + output(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(what + " was interrupted", e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  private String output(Path output) {
    String text;
    try {
      text = Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      text = "(unreadable)";
    }
    return "\n--- output ---\n" + tail(text) + logTail();
  }

  private String logTail() {
    return "\n--- server log ---\n" + tail(serverLogText());
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  private void awaitExit(Duration timeout, String what) {
    try {
      if (!server.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(what + ": still running after " + timeout + logTail());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for " + what, e);
    }
  }

  private Connection connect(String database, int timeoutSeconds) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds * 1000));
    properties.setProperty("socketTimeout", "30000");
    properties.setProperty("sslMode", "DISABLED");
    properties.setProperty("allowPublicKeyRetrieval", "true");
    return DriverManager.getConnection(jdbcUrl(database), properties);
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  private static void pause(Duration duration) {
    try {
      // Polling a starting server: nothing to wait on but its port.
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for mariadbd", e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + HOST, e);
    }
  }

  private static void closeQuietly(TempMariaDbServer server) {
    try {
      server.close();
    } catch (RuntimeException ignored) {
      // best effort at JVM exit
    }
  }

  private static void deleteRecursively(Path root) {
    for (int attempt = 0; attempt < 2 && Files.exists(root); attempt++) {
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException e) {
        // The server may still be writing its log as it dies: one more try, then leave it.
      }
    }
  }

  /** The programs; skips the test, or fails it under CI, when one is missing. */
  private static Binaries binaries() {
    String configured = System.getProperty("clipdeck.test.mariadb.bin", "");
    List<Path> directories =
        configured.isBlank() ? searchPath(System.getenv("PATH")) : List.of(Path.of(configured));
    return locate(directories)
        .orElseGet(
            () ->
                unavailable(
                    "no MariaDB server binaries (mariadbd or mysqld, mariadb-install-db or"
                        + " mysql_install_db, mariadb-admin or mysqladmin) in "
                        + directories
                        + "; install mariadb-server or set -Dclipdeck.test.mariadb.bin=DIR",
                    TestDatabases.serversRequired()));
  }

  static List<Path> searchPath(String path) {
    Set<Path> directories = new LinkedHashSet<>();
    if (path != null) {
      for (String entry : path.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          directories.add(Path.of(entry));
        }
      }
    }
    // mariadbd lives in /usr/sbin, which a non-root PATH often lacks.
    directories.add(Path.of("/usr/sbin"));
    directories.add(Path.of("/usr/bin"));
    return List.copyOf(directories);
  }

  /** The first directory with each program, MariaDB's names before the older mysql ones. */
  static Optional<Binaries> locate(List<Path> directories) {
    Optional<Path> server = find(directories, "mariadbd", "mysqld");
    Optional<Path> installDb = find(directories, "mariadb-install-db", "mysql_install_db");
    Optional<Path> admin = find(directories, "mariadb-admin", "mysqladmin");
    if (server.isEmpty() || installDb.isEmpty() || admin.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Binaries(server.get(), installDb.get(), admin.get()));
  }

  private static Optional<Path> find(List<Path> directories, String... names) {
    for (String name : names) {
      for (Path directory : directories) {
        Path candidate = directory.resolve(name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** Fails the test when the run needs every server (CI), else skips it with the reason. */
  static <T> T unavailable(String reason, boolean required) {
    if (required) {
      fail("TempMariaDbServer: " + reason + " (CI needs it)");
    }
    Assumptions.abort("TempMariaDbServer: " + reason + " (skipped; set CI=true to fail instead)");
    throw new AssertionError("unreachable");
  }
}
