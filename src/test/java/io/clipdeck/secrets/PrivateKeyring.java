package io.clipdeck.secrets;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Secret Service for one test class: a private D-Bus session bus ({@code dbus-daemon}) and a
 * fresh GNOME Keyring unlocked with a throw-away password, both under a temporary HOME and
 * XDG_RUNTIME_DIR. Installs nothing: when the programs are missing the test is skipped, or fails
 * under CI ({@code CI=true}) naming the Debian packages. {@link #close()} stops every process it
 * started, and any keyring daemon the private bus started on demand.
 */
final class PrivateKeyring implements AutoCloseable {

  static final String DEBIAN_PACKAGES = "gnome-keyring libsecret-tools dbus-x11";
  private static final List<String> PROGRAMS =
      List.of("dbus-daemon", "dbus-send", "gnome-keyring-daemon", "secret-tool");
  private static final Duration START = Duration.ofSeconds(20);

  private final Path root;
  private final Path runtimeDir;
  private final Map<String, String> environment;
  private final List<Process> started = new ArrayList<>();

  private PrivateKeyring(Path root) throws IOException {
    this.root = root;
    Path home = Files.createDirectories(root.resolve("home"));
    this.runtimeDir = Files.createDirectories(root.resolve("run"));
    Files.setPosixFilePermissions(runtimeDir, PosixFilePermissions.fromString("rwx------"));
    environment = new HashMap<>();
    environment.put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    environment.put("HOME", home.toString());
    environment.put("XDG_RUNTIME_DIR", runtimeDir.toString());
    environment.put("XDG_DATA_HOME", home.resolve(".local/share").toString());
    environment.put("XDG_CONFIG_HOME", home.resolve(".config").toString());
    environment.put("XDG_CACHE_HOME", home.resolve(".cache").toString());
    environment.put("LANG", "C.UTF-8");
  }

  /**
   * A bus with an unlocked keyring, or a skipped (failed, under CI) test if programs are missing.
   */
  static PrivateKeyring startUnlocked(Path root) {
    return start(root, true);
  }

  /**
   * A bus only: the first Secret Service call starts GNOME Keyring on demand, with no keyring
   * unlocked and no one to answer its prompt, so storing fails.
   */
  static PrivateKeyring startWithoutUnlocking(Path root) {
    return start(root, false);
  }

  private static PrivateKeyring start(Path root, boolean unlock) {
    requirePrograms();
    PrivateKeyring keyring;
    try {
      keyring = new PrivateKeyring(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try {
      keyring.startBus();
      if (unlock) {
        keyring.startKeyring();
      }
      return keyring;
    } catch (IOException | RuntimeException | AssertionError e) {
      keyring.close();
      throw new AssertionError("could not start a private Secret Service: " + e, e);
    }
  }

  /** The environment in which {@code secret-tool} reaches this keyring. */
  Map<String, String> environment() {
    return Map.copyOf(environment);
  }

  Path home() {
    return Path.of(environment.get("HOME"));
  }

  /** The processes started so far, including those the bus started on demand. */
  List<ProcessHandle> processes() {
    Map<Long, ProcessHandle> all = new LinkedHashMap<>();
    started.forEach(p -> all.put(p.pid(), p.toHandle()));
    activatedByOurBus().forEach(p -> all.putIfAbsent(p.pid(), p));
    return List.copyOf(all.values());
  }

  @Override
  public void close() {
    List<ProcessHandle> all = processes();
    for (ProcessHandle process : all) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (ProcessHandle process : all) {
      try {
        process.onExit().get(5, TimeUnit.SECONDS);
      } catch (TimeoutException | ExecutionException e) {
        process.destroyForcibly();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void requirePrograms() {
    List<String> missing = PROGRAMS.stream().filter(p -> onPath(p).isEmpty()).toList();
    if (missing.isEmpty()) {
      return;
    }
    String reason =
        "no Secret Service to test against: "
            + String.join(", ", missing)
            + " not found; install the Debian packages "
            + DEBIAN_PACKAGES;
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + " (CI=true requires them: .ci/run installs them)");
    }
    Assumptions.abort(reason + " (test skipped; set CI=true to make this a failure)");
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private void startBus() throws IOException {
    Path address = root.resolve("bus.address");
    ProcessBuilder builder =
        new ProcessBuilder("dbus-daemon", "--session", "--nofork", "--print-address=1")
            .redirectOutput(address.toFile())
            .redirectError(root.resolve("bus.log").toFile());
    started.add(launch(builder));
    await("the private D-Bus session bus prints its address")
        .atMost(START)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> Files.readString(address).contains("\n"));
    environment.put(
        "DBUS_SESSION_BUS_ADDRESS", Files.readString(address).lines().findFirst().orElseThrow());
  }

  private void startKeyring() throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(
                "gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets")
            .redirectOutput(root.resolve("keyring.out").toFile())
            .redirectError(root.resolve("keyring.log").toFile());
    Process keyring = launch(builder);
    started.add(keyring);
    try (OutputStream stdin = keyring.getOutputStream()) {
      stdin.write(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    }
    await("GNOME Keyring owns org.freedesktop.secrets on the private bus")
        .atMost(START)
        .pollInterval(Duration.ofMillis(100))
        .until(this::secretServiceRegistered);
  }

  private boolean secretServiceRegistered() throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(
                "dbus-send",
                "--session",
                "--print-reply",
                "--dest=org.freedesktop.DBus",
                "/org/freedesktop/DBus",
                "org.freedesktop.DBus.NameHasOwner",
                "string:org.freedesktop.secrets")
            .redirectErrorStream(true);
    Process query = launch(builder);
    if (!query.waitFor(5, TimeUnit.SECONDS)) {
      query.destroyForcibly();
      return false;
    }
    return new String(query.getInputStream().readAllBytes(), StandardCharsets.UTF_8)
        .contains("boolean true");
  }

  private Process launch(ProcessBuilder builder) throws IOException {
    builder.environment().clear();
    builder.environment().putAll(environment);
    return builder.start();
  }

  /**
   * Daemons the bus started on demand are not our children (they are reparented), but they carry
   * our private XDG_RUNTIME_DIR in their environment: that is how they are found.
   */
  private List<ProcessHandle> activatedByOurBus() {
    String marker = "\0XDG_RUNTIME_DIR=" + runtimeDir + "\0";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("gnome-keyring-daemon")).orElse(false))
        .filter(p -> environOf(p).contains(marker))
        .toList();
  }

  private static String environOf(ProcessHandle process) {
    try {
      Path environ = Path.of("/proc", Long.toString(process.pid()), "environ");
      return "\0" + Files.readString(environ, StandardCharsets.ISO_8859_1) + "\0";
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }
}
