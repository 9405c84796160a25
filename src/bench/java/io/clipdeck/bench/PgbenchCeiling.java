package io.clipdeck.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PostgreSQL server's own ceiling for primary-key lookups, measured in the same run as {@link
 * DataLayerServerBenchmark}: {@code pgbench -S -M prepared} over TCP (select-only, prepared
 * statements, one {@code SELECT abalance FROM pgbench_accounts WHERE aid = :aid} per transaction)
 * on a scratch database initialised with {@code pgbench -i -s SCALE}, at the client counts the Java
 * lookups use. The transactions per second go to {@code pgbench.json} beside JMH's results, where
 * {@link BenchReport} sets the repository's lookups against them.
 */
final class PgbenchCeiling {

  /** 1, 4 and 16 as the platform-thread lookups; 10 for 64 virtual threads on a pool of 10. */
  static final List<Integer> CLIENTS = List.of(1, 4, 10, 16);

  static final String FILE = "pgbench.json";

  private static final Pattern TPS =
      Pattern.compile("tps = ([0-9.]+) \\((?:without initial connection time|excluding)");

  private final String pgbench;
  private final int scale;
  private final int seconds;

  PgbenchCeiling(String pgbench, int scale, int seconds) {
    this.pgbench = pgbench;
    this.scale = scale;
    this.seconds = seconds;
  }

  /** pgbench on the PATH or in PostgreSQL's own bin directories; null when there is none. */
  static String find() {
    List<Path> candidates = new ArrayList<>();
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(Path.of(dir.isEmpty() ? "." : dir, "pgbench"));
    }
    try (var versions = Files.list(Path.of("/usr/lib/postgresql"))) {
      versions.sorted().forEach(version -> candidates.add(version.resolve("bin/pgbench")));
    } catch (IOException e) {
      // No /usr/lib/postgresql: only the PATH counts.
    }
    return candidates.stream()
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElse(null);
  }

  /** Initialises a scratch database, measures each client count, drops it, writes the file. */
  void run(Path output) throws IOException, InterruptedException {
    String database =
        "clipdeck_pgb_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("pgbench", pgbench);
    root.put("version", command(List.of(pgbench, "--version")).strip());
    root.put("host", DataLayerServerBenchmark.PG_HOST + ":" + DataLayerServerBenchmark.PG_PORT);
    root.put("scale", scale);
    root.put("seconds", seconds);
    root.put("table", "pgbench_accounts (" + scale * 100_000 + " rows)");
    ArrayNode results = root.putArray("results");
    sql("CREATE DATABASE " + database);
    try {
      System.out.println("# pgbench ceiling: pgbench -i -s " + scale + " " + database);
      command(connect(List.of(pgbench, "-i", "-q", "-s", String.valueOf(scale)), database));
      for (int clients : CLIENTS) {
        String c = String.valueOf(clients);
        String out =
            command(
                connect(
                    List.of(
                        pgbench,
                        "-n",
                        "-S",
                        "-M",
                        "prepared",
                        "-c",
                        c,
                        "-j",
                        c,
                        "-T",
                        String.valueOf(seconds)),
                    database));
        Matcher tps = TPS.matcher(out);
        if (!tps.find()) {
          throw new IOException("pgbench printed no tps line:\n" + out);
        }
        double value = Double.parseDouble(tps.group(1));
        System.out.printf(
            Locale.ROOT, "# pgbench -S -M prepared -c %d: %.0f tps%n", clients, value);
        results.addObject().put("clients", clients).put("tps", value);
      }
    } finally {
      sql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(
        output,
        json.writerWithDefaultPrettyPrinter().writeValueAsString(root),
        StandardCharsets.UTF_8);
  }

  private static List<String> connect(List<String> command, String database) {
    List<String> full = new ArrayList<>(command);
    full.addAll(
        List.of(
            "-h",
            DataLayerServerBenchmark.PG_HOST,
            "-p",
            String.valueOf(DataLayerServerBenchmark.PG_PORT),
            "-U",
            DataLayerServerBenchmark.PG_USER,
            database));
    return full;
  }

  private static void sql(String statement) throws IOException {
    DataLayerServerBenchmark.Scratch.admin(
        "jdbc:postgresql://"
            + DataLayerServerBenchmark.PG_HOST
            + ":"
            + DataLayerServerBenchmark.PG_PORT
            + "/postgres",
        DataLayerServerBenchmark.PG_USER,
        statement);
  }

  /** Runs a command to its end (output merged), failing with its output when it fails. */
  private static String command(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(
          String.join(" ", command) + " failed:\n" + new String(out, StandardCharsets.UTF_8));
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
