// Build step of `mvn -Pinstaller package`, run as a source file by the JDK 25 toolchain's `java`:
//
//   java installer/AotTraining.java <launcher> <app-dir> <work-dir>
//
// 1. Starts the freshly built app-image's own launcher twice, with its window on JavaFX's headless
//    platform, and lets it close itself once its first view is on screen
//    (-Dclipdeck.startupMarker=exit): once as a new user (not recorded), then as the returning user
//    every later start is. The JVM records
//    what that second start loaded and linked (-XX:AOTCacheOutput, JEP 483/514) into
//    <app-dir>/clipdeck.aot.
// 2. Adds -XX:AOTCache=$APPDIR/clipdeck.aot to the launcher's configuration, so every later start
//    maps those classes instead of loading them from the jars.
// 3. Starts the launcher again (--version) and fails if the JVM complains about the cache.
//
// Why the cache goes into the configuration afterwards: the JVM refuses -XX:AOTCache and
// -XX:AOTCacheOutput together, and the launcher's own options come after JAVA_TOOL_OPTIONS.
// Why not -XX:SharedArchiveFile + -XX:+AutoCreateSharedArchive: that dynamic archive sits on the
// runtime's base archive, which jlink dumps without Clipdeck's --add-exports/--add-opens, and the JVM
// then prints "Mismatched values for property jdk.module.addexports" on every start.

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

void main(String[] args) throws Exception {
  if (args.length != 3) {
    throw new IllegalArgumentException("usage: AotTraining <launcher> <app-dir> <work-dir>");
  }
  Path launcher = Path.of(args[0]).toAbsolutePath();
  Path appDir = Path.of(args[1]).toAbsolutePath();
  Path work = Path.of(args[2]).toAbsolutePath();
  Path cache = appDir.resolve("clipdeck.aot");
  Path config = onlyConfig(appDir);

  Files.createDirectories(work);
  Files.deleteIfExists(cache);
  Path log = work.resolve("aot-training.log");
  String options =
      String.join(
          " ",
          "-XX:AOTCacheOutput=" + cache,
          "-Dclipdeck.startupMarker=exit",
          "-Dglass.platform=Headless",
          "-Dprism.order=sw",
          "-Djavafx.cachedir=" + work.resolve("openjfx"));
  // A fresh user: the training run makes its own local SQLite profile, never touches the builder's.
  Map<String, String> env =
      Map.of(
          "JAVA_TOOL_OPTIONS", options,
          "XDG_CONFIG_HOME", work.resolve("config").toString(),
          "XDG_DATA_HOME", work.resolve("data").toString(),
          "XDG_CACHE_HOME", work.resolve("cache").toString());
  // A returning user's start is what the cache is for: a first, unrecorded start makes the local
  // profile, the settings and the UI state, so the recorded one reads them (Jackson's reading
  // classes, the restored window) instead of only writing them.
  Map<String, String> firstStart = new java.util.HashMap<>(env);
  firstStart.put("JAVA_TOOL_OPTIONS", options.replace("-XX:AOTCacheOutput=" + cache + " ", ""));
  int first = run(List.of(launcher.toString()), firstStart, work.resolve("first-start.log"), 300);
  if (first != 0) {
    throw new IllegalStateException(
        "The first start before the AOT training run failed (exit "
            + first
            + "); its output is in "
            + work.resolve("first-start.log"));
  }
  int code = run(List.of(launcher.toString()), env, log, 300);
  String output = Files.readString(log, StandardCharsets.UTF_8);
  if (code != 0 || !output.contains("clipdeck-view-shown ms=") || !Files.exists(cache)) {
    throw new IllegalStateException(
        "The AOT training run failed (exit " + code + "); its output is in " + log);
  }
  System.out.println(
      "AOT cache " + cache + " (" + Files.size(cache) / (1024 * 1024) + " MiB) from " + launcher);

  addCacheOption(config);

  Path check = work.resolve("aot-check.log");
  code = run(List.of(launcher.toString(), "--version"), Map.of(), check, 120);
  String version = Files.readString(check, StandardCharsets.UTF_8);
  if (code != 0 || version.contains("[error]") || version.contains("[warning]")) {
    throw new IllegalStateException(
        "The launcher does not start cleanly with the AOT cache (exit " + code + "):\n" + version);
  }
  System.out.print(version);
}

/** The launcher's configuration: the one {@code .cfg} jpackage wrote for the main launcher. */
Path onlyConfig(Path appDir) throws IOException {
  Path config = appDir.resolve("Clipdeck.cfg");
  if (!Files.exists(config)) {
    throw new IllegalStateException("No launcher configuration at " + config);
  }
  return config;
}

/** Adds the cache option after the last java-options line (once, however often this runs). */
void addCacheOption(Path config) throws IOException {
  String option = "java-options=-XX:AOTCache=$APPDIR/clipdeck.aot";
  List<String> lines = new ArrayList<>(Files.readAllLines(config, StandardCharsets.UTF_8));
  if (lines.contains(option)) {
    return;
  }
  int last = -1;
  for (int i = 0; i < lines.size(); i++) {
    if (lines.get(i).startsWith("java-options=")) {
      last = i;
    }
  }
  if (last < 0) {
    throw new IllegalStateException(config + " has no [JavaOptions] to add the AOT cache to");
  }
  lines.add(last + 1, option);
  Files.write(config, lines, StandardCharsets.UTF_8);
}

int run(List<String> command, Map<String, String> env, Path output, int timeoutSeconds)
    throws IOException, InterruptedException {
  ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
  builder.redirectOutput(output.toFile());
  builder.environment().putAll(env);
  Process process = builder.start();
  if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
    process.destroyForcibly();
    throw new IllegalStateException(
        command + " did not finish within " + timeoutSeconds + " s; output in " + output);
  }
  return process.exitValue();
}
