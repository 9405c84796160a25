package io.clipdeck.testing;

import static org.junit.jupiter.api.Assertions.fail;

import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster of its own, for tests that stop, restart or kill a server: the
 * machine's shared server on 5432 is never touched. {@code initdb} makes it in a temporary
 * directory with trust authentication, on a free port on 127.0.0.1 with its socket in that
 * directory; {@link #close()} stops it and deletes the directory.
 *
 * <p>PostgreSQL refuses to run as root, so when the tests run as root every {@code initdb}/{@code
 * pg_ctl} runs as the {@code postgres} OS user through {@code runuser}, and the directory belongs
 * to that user. Every wait is bounded. When the binaries are missing, the test is skipped with the
 * reason on a workstation and fails under CI ({@link TestDatabases#serversRequired()}).
 *
 * <p>The binaries come from {@code -Dclipdeck.test.pg.bin=DIR}, else the newest {@code
 * /usr/lib/postgresql/<version>/bin} that has them.
 */
public final class TempPostgresCluster implements AutoCloseable {

  /** How {@code pg_ctl stop} ends the server's sessions. */
  public enum StopMode {
    /** Waits for every session to end by itself. */
    SMART,
    /** Rolls back open transactions, disconnects every session, then shuts down cleanly. */
    FAST,
    /** Quits at once; the next start runs crash recovery. */
    IMMEDIATE;

    String flag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final String HOST = "127.0.0.1";
  public static final String USER = "postgres";

  /** Longest any one {@code initdb} or {@code pg_ctl} run may take before the test fails. */
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** What {@code pg_ctl -w -t} waits for a start or stop. */
  private static final int PG_CTL_WAIT_SECONDS = 30;

  private static final Set<TempPostgresCluster> LIVE = ConcurrentHashMap.newKeySet();

  static {
    // A crashed or interrupted test run must not leave servers behind.
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("temp-postgres-cleanup")
                .unstarted(() -> LIVE.forEach(TempPostgresCluster::closeQuietly)));
  }

  private final Path bin;
  private final String host;
  private final List<String> commandPrefix;
  private final Path directory;
  private final Path data;
  private final Path socketDir;
  private final Path serverLog;
  private int port;
  private boolean everStarted;
  private boolean closed;

  private TempPostgresCluster(Path bin, Path directory, String host, List<String> commandPrefix) {
    this.bin = bin;
    this.host = host;
    this.commandPrefix = List.copyOf(commandPrefix);
    this.directory = directory;
    this.data = directory.resolve("data");
    this.socketDir = directory.resolve("sock");
    this.serverLog = directory.resolve("server.log");
  }

  /** Makes a cluster with {@code initdb}; it is not running until {@link #start()}. */
  public static TempPostgresCluster create() {
    return create(HOST, List.of());
  }

  /**
   * Makes a cluster whose server runs inside {@code namespace}, listening on its address there: the
   * test can then cut the network between the app and the server.
   */
  public static TempPostgresCluster createIn(NetworkNamespace namespace) {
    return create(namespace.innerAddress(), namespace.execPrefix());
  }

  /**
   * Makes a streaming replica of {@code primary}, which must be running: {@code pg_basebackup -R}
   * copies its data and writes the standby settings. It is not running until {@link #start()}.
   */
  public static TempPostgresCluster standbyOf(TempPostgresCluster primary) {
    return make(primary.host, primary.commandPrefix, cluster -> cluster.copyFrom(primary));
  }

  private static TempPostgresCluster create(String host, List<String> commandPrefix) {
    return make(host, commandPrefix, TempPostgresCluster::initdb);
  }

  private static TempPostgresCluster make(
      String host, List<String> commandPrefix, Consumer<TempPostgresCluster> fill) {
    Path bin = binaries();
    Optional<UserPrincipal> owner = serverUser();
    try {
      Path directory = Files.createTempDirectory("clipdeck-pg-");
      Path socketDir = Files.createDirectory(directory.resolve("sock"));
      if (owner.isPresent()) {
        Files.setOwner(directory, owner.get());
        Files.setOwner(socketDir, owner.get());
      }
      TempPostgresCluster cluster = new TempPostgresCluster(bin, directory, host, commandPrefix);
      LIVE.add(cluster);
      try {
        fill.accept(cluster);
      } catch (RuntimeException | Error e) {
        cluster.close();
        throw e;
      }
      return cluster;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot make a temporary PostgreSQL directory", e);
    }
  }

  /** Makes a cluster and starts it. */
  public static TempPostgresCluster started() {
    TempPostgresCluster cluster = create();
    try {
      cluster.start();
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  public int port() {
    return port;
  }

  public String host() {
    return host;
  }

  /** The cluster's directory: {@code data/}, {@code sock/} and {@code server.log}. */
  public Path directory() {
    return directory;
  }

  /**
   * A profile for this cluster's {@code postgres} database as user {@code postgres}, with desktop
   * pool settings.
   */
  public ConnectionProfile profile(String name) {
    return ConnectionProfile.server(name, DatabaseKind.POSTGRESQL, host, port, "postgres", USER);
  }

  /** The JDBC URL of a database in this cluster. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  /** Starts the server and waits (bounded) until it accepts connections. */
  public synchronized void start() {
    requireOpen();
    if (everStarted) {
      pgCtl("start", "-w", "-t", Integer.toString(PG_CTL_WAIT_SECONDS), "-l", serverLog.toString());
      return;
    }
    // The free port may be taken by someone else between choosing it and binding it: try again.
    RuntimeException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      port = freePort();
      writePortSetting();
      try {
        pgCtl(
            "start", "-w", "-t", Integer.toString(PG_CTL_WAIT_SECONDS), "-l", serverLog.toString());
        everStarted = true;
        return;
      } catch (RuntimeException e) {
        last = e;
        if (!serverLogText().contains("could not bind")) {
          throw e;
        }
      }
    }
    throw last;
  }

  /** Stops the server with {@code pg_ctl stop -m MODE} and waits (bounded) until it is down. */
  public synchronized void stop(StopMode mode) {
    requireOpen();
    pgCtl("stop", "-m", mode.flag(), "-w", "-t", Integer.toString(PG_CTL_WAIT_SECONDS));
  }

  /** {@code pg_ctl restart -m fast}: returns when the server accepts connections again. */
  public synchronized void restart() {
    restart(StopMode.FAST);
  }

  public synchronized void restart(StopMode mode) {
    requireOpen();
    pgCtl(
        "restart",
        "-m",
        mode.flag(),
        "-w",
        "-t",
        Integer.toString(PG_CTL_WAIT_SECONDS),
        "-l",
        serverLog.toString());
  }

  /**
   * {@code kill -9} of the postmaster, as a crash or the OOM killer would do it. Returns once the
   * postmaster is gone and its backends have noticed and exited (they are killed too if they have
   * not within 10 s), so that {@link #start()} can run crash recovery straight away.
   */
  public synchronized void kill9() {
    requireOpen();
    long pid =
        postmasterPid().orElseThrow(() -> new IllegalStateException("the server is not running"));
    ProcessHandle postmaster =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new IllegalStateException("no postmaster process " + pid));
    List<ProcessHandle> children = postmaster.descendants().toList();
    postmaster.destroyForcibly();
    awaitExit(List.of(postmaster), Duration.ofSeconds(10), "postmaster " + pid);
    if (!awaitExitQuietly(children, Duration.ofSeconds(10))) {
      children.forEach(ProcessHandle::destroyForcibly);
      awaitExit(children, Duration.ofSeconds(10), "the backends of postmaster " + pid);
    }
  }

  /** {@code pg_ctl promote}: a standby leaves recovery and takes writes; returns once it does. */
  public synchronized void promote() {
    requireOpen();
    pgCtl("promote", "-w", "-t", Integer.toString(PG_CTL_WAIT_SECONDS));
  }

  /**
   * Throws this cluster's data away and makes it a streaming replica of {@code primary} (running),
   * on the same port: how a DBA brings an old primary back after a failover. The server must be
   * stopped.
   */
  public synchronized void rebuildAsStandbyOf(TempPostgresCluster primary) {
    requireOpen();
    if (isRunning()) {
      throw new IllegalStateException("stop " + this + " before rebuilding it");
    }
    deleteRecursively(data);
    copyFrom(primary);
  }

  /**
   * The position the server has written (a primary) or replayed (a standby) its WAL to, as a byte
   * count: a standby has every commit of its primary once its figure reaches the primary's.
   */
  public long walPosition() {
    try (Connection connection = connect("postgres");
        Statement statement = connection.createStatement();
        ResultSet result =
            statement.executeQuery(
                "SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn()"
                    + " ELSE pg_current_wal_lsn() END - '0/0'::pg_lsn")) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the WAL position of " + this, e);
    }
  }

  /** Whether the postmaster process is alive (it may still be starting or stopping). */
  public synchronized boolean isRunning() {
    return postmasterPid().flatMap(ProcessHandle::of).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Whether a new connection to the {@code postgres} database can run a query now. */
  public boolean acceptsConnections() {
    try (Connection connection = connect("postgres", 1);
        Statement statement = connection.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** A new connection (outside any pool) to a database of this cluster. */
  public Connection connect(String database) throws SQLException {
    return connect(database, 5);
  }

  /** Runs one statement on the {@code postgres} database, outside any pool. */
  public void execute(String sql) {
    try (Connection connection = connect("postgres");
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

  /** Stops the server (immediate: nobody needs its data) and deletes its directory. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (isRunning()) {
        try {
          pgCtl("stop", "-m", "immediate", "-w", "-t", Integer.toString(PG_CTL_WAIT_SECONDS));
        } catch (RuntimeException e) {
          postmasterPid().flatMap(ProcessHandle::of).ifPresent(ProcessHandle::destroyForcibly);
        }
      }
    } finally {
      LIVE.remove(this);
      deleteRecursively(directory);
    }
  }

  @Override
  public String toString() {
    return "TempPostgresCluster[" + host + ":" + port + ", " + directory + "]";
  }

  private void initdb() {
    run(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            USER,
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"),
        "initdb");
    // Throwaway data: no fsync. Small shared memory, so that several clusters fit side by side.
    appendConfig(
        "listen_addresses = '"
            + host
            + "'\n"
            + "unix_socket_directories = '"
            + socketDir
            + "'\n"
            + "fsync = off\n"
            + "synchronous_commit = off\n"
            + "full_page_writes = off\n"
            + "shared_buffers = 16MB\n"
            + "max_connections = 40\n");
    trustOwnSubnet();
  }

  /**
   * Fills {@code data/} with a base backup of {@code primary} in standby mode; the primary's own
   * settings come along, so this cluster's address, socket and port are appended after them.
   */
  private void copyFrom(TempPostgresCluster primary) {
    run(
        List.of(
            bin.resolve("pg_basebackup").toString(),
            "-h",
            primary.host,
            "-p",
            Integer.toString(primary.port),
            "-U",
            USER,
            "-D",
            data.toString(),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
            "--no-sync"),
        "pg_basebackup");
    appendConfig(
        "listen_addresses = '" + host + "'\n" + "unix_socket_directories = '" + socketDir + "'\n");
    if (everStarted) {
      writePortSetting();
    }
  }

  /** Trust connections from the server's own subnet too (a namespace's link, not only lo). */
  private void trustOwnSubnet() {
    try {
      Files.writeString(
          data.resolve("pg_hba.conf"),
          "\n# clipdeck TempPostgresCluster\nhost all all samenet trust\n"
              + "host replication all samenet trust\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writePortSetting() {
    // The last setting in postgresql.conf wins, so appending on a retry replaces the port.
    appendConfig("port = " + port + "\n");
  }

  private void appendConfig(String lines) {
    try {
      // Appending keeps the file's owner (the postgres user).
      Files.writeString(
          data.resolve("postgresql.conf"),
          "\n# clipdeck TempPostgresCluster\n" + lines,
          StandardCharsets.UTF_8,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void pgCtl(String... arguments) {
    List<String> command = new ArrayList<>();
    command.add(bin.resolve("pg_ctl").toString());
    command.add("-D");
    command.add(data.toString());
    command.addAll(List.of(arguments));
    run(command, "pg_ctl " + arguments[0]);
  }

  private void run(List<String> command, String what) {
    List<String> full = new ArrayList<>(commandPrefix);
    if (serverUser().isPresent()) {
      full.addAll(List.of("runuser", "-u", USER, "--"));
    }
    full.addAll(command);
    Path output = null;
    try {
      output = Files.createTempFile("clipdeck-pg-cmd-", ".out");
      ProcessBuilder builder =
          new ProcessBuilder(full)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      builder.environment().put("LC_ALL", "C");
      builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
      Process process = builder.start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            what
                + " did not finish within "
                + COMMAND_TIMEOUT
                + " on "
                + this
                + diagnostics(output));
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            what + " failed (exit " + process.exitValue() + ") on " + this + diagnostics(output));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot run " + full, e);
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

  private String diagnostics(Path output) {
    String commandOutput;
    try {
      commandOutput = Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      commandOutput = "(unreadable)";
    }
    return "\n--- output ---\n" + commandOutput + "\n--- server log ---\n" + tail(serverLogText());
  }

  private static String tail(String text) {
    return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
  }

  private Connection connect(String database, int timeoutSeconds) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", USER);
    properties.setProperty("connectTimeout", Integer.toString(timeoutSeconds));
    properties.setProperty("socketTimeout", "30");
    properties.setProperty("ApplicationName", "TempPostgresCluster");
    return DriverManager.getConnection(jdbcUrl(database), properties);
  }

  private Optional<Long> postmasterPid() {
    Path pidFile = data.resolve("postmaster.pid");
    try {
      if (!Files.exists(pidFile)) {
        return Optional.empty();
      }
      List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      // Being written or removed by the server right now.
      return Optional.empty();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  private static void awaitExit(List<ProcessHandle> processes, Duration timeout, String what) {
    if (!awaitExitQuietly(processes, timeout)) {
      throw new IllegalStateException(what + " still running after " + timeout);
    }
  }

  private static boolean awaitExitQuietly(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle process : processes) {
      long left = deadline - System.nanoTime();
      try {
        process.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        return false;
      } catch (java.util.concurrent.ExecutionException e) {
        return !process.isAlive();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port on " + HOST, e);
    }
  }

  private static void closeQuietly(TempPostgresCluster cluster) {
    try {
      cluster.close();
    } catch (RuntimeException ignored) {
      // best effort at JVM exit
    }
  }

  private static void deleteRecursively(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      // The server may still be writing its log as it dies: one more try, then give up quietly.
      try (Stream<Path> paths = Files.walk(root)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(path);
        }
      } catch (IOException again) {
        // left in the temp directory; harmless
      }
    }
  }

  /** The directory with initdb, pg_ctl and postgres; skips or fails the test when there is none. */
  private static Path binaries() {
    String configured = System.getProperty("clipdeck.test.pg.bin");
    if (configured != null && !configured.isBlank()) {
      Path bin = Path.of(configured);
      if (hasBinaries(bin)) {
        return bin;
      }
      return unavailable("-Dclipdeck.test.pg.bin=" + configured + " has no initdb/pg_ctl/postgres");
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        Optional<Path> newest =
            versions
                .map(version -> version.resolve("bin"))
                .filter(TempPostgresCluster::hasBinaries)
                .max(Comparator.comparing(TempPostgresCluster::majorVersion));
        if (newest.isPresent()) {
          return newest.get();
        }
      } catch (IOException e) {
        return unavailable("cannot list " + root + ": " + e.getMessage());
      }
    }
    return unavailable(
        "no PostgreSQL server binaries (initdb, pg_ctl) under "
            + root
            + "/<version>/bin; install postgresql or set -Dclipdeck.test.pg.bin");
  }

  private static int majorVersion(Path bin) {
    try {
      return Integer.parseInt(bin.getParent().getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static boolean hasBinaries(Path bin) {
    return Stream.of("initdb", "pg_ctl", "postgres")
        .allMatch(name -> Files.isExecutable(bin.resolve(name)));
  }

  /** The OS user to run PostgreSQL as when we are root; empty when we can run it ourselves. */
  private static Optional<UserPrincipal> serverUser() {
    if (!"root".equals(System.getProperty("user.name"))) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          Path.of("/").getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER));
    } catch (IOException e) {
      return unavailable(
          "the tests run as root and there is no '"
              + USER
              + "' OS user to run PostgreSQL as (it refuses to run as root)");
    }
  }

  private static <T> T unavailable(String reason) {
    if (TestDatabases.serversRequired()) {
      fail("TempPostgresCluster: " + reason + " (CI needs it)");
    }
    Assumptions.abort("TempPostgresCluster: " + reason + " (skipped; set CI=true to fail instead)");
    throw new AssertionError("unreachable");
  }
}
