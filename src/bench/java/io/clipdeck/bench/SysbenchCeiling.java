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
 * The MariaDB server's own ceiling for primary-key lookups, measured in the same run as the
 * lookups: {@code sysbench oltp_point_select} over TCP with server-side prepared statements ({@code
 * --db-ps-mode=auto}, sysbench's default), one {@code SELECT c FROM sbtest1 WHERE id = ?} per
 * query, on a scratch database prepared with one table of {@link #ROWS} rows, at the client counts
 * the Java lookups use. The queries per second go to {@code sysbench.json} beside JMH's results,
 * where {@link BenchReport} sets the MariaDB lookups and drivers against them.
 */
final class SysbenchCeiling {

  static final List<Integer> CLIENTS = List.of(1, 4, 16);

  static final int ROWS = MariaDbDriverBenchmark.ROWS;

  static final String FILE = "sysbench.json";

  static final String MISSING =
      "sysbench is not installed, and the run includes MariaDB lookups to set against its ceiling."
          + " Install it (Debian: apt-get install sysbench) or skip the ceiling with"
          + " -Dbench.sysbench.seconds=0.";

  private static final Pattern QPS =
      Pattern.compile("queries:\\s+\\d+\\s+\\(([0-9.]+) per sec\\.\\)");

  private final String sysbench;
  private final int seconds;

  SysbenchCeiling(String sysbench, int seconds) {
    this.sysbench = sysbench;
    this.seconds = seconds;
  }

  /** sysbench on the PATH; null when there is none. */
  static String find() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, "sysbench");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    return null;
  }

  /** Prepares a scratch database, measures each client count, drops it, writes the file. */
  void run(Path output) throws IOException, InterruptedException {
    String database =
        "clipdeck_sb_"
            + UUID.randomUUID()
                .toString()
                .replace("-", "")
                .substring(0, 12)
                .toLowerCase(Locale.ROOT);
    ObjectMapper json = new ObjectMapper();
    ObjectNode root = json.createObjectNode();
    root.put("sysbench", sysbench);
    root.put("version", command(List.of(sysbench, "--version")).strip());
    root.put(
        "host",
        DataLayerServerBenchmark.MARIADB_HOST + ":" + DataLayerServerBenchmark.MARIADB_PORT);
    root.put("rows", ROWS);
    root.put("seconds", seconds);
    ArrayNode results = root.putArray("results");
    admin("CREATE DATABASE " + database);
    try {
      System.out.println("# sysbench ceiling: oltp_point_select prepare, " + ROWS + " rows");
      command(oltpPointSelect(database, "prepare", List.of()));
      for (int clients : CLIENTS) {
        String out =
            command(
                oltpPointSelect(
                    database,
                    "run",
                    List.of("--threads=" + clients, "--time=" + seconds, "--db-ps-mode=auto")));
        Matcher qps = QPS.matcher(out);
        if (!qps.find()) {
          throw new IOException("sysbench printed no queries line:\n" + out);
        }
        double value = Double.parseDouble(qps.group(1));
        System.out.printf(
            Locale.ROOT, "# sysbench oltp_point_select --threads=%d: %.0f qps%n", clients, value);
        results.addObject().put("clients", clients).put("qps", value);
      }
    } finally {
      admin("DROP DATABASE IF EXISTS " + database);
    }
    Files.createDirectories(output.toAbsolutePath().getParent());
    Files.writeString(
        output,
        json.writerWithDefaultPrettyPrinter().writeValueAsString(root),
        StandardCharsets.UTF_8);
  }

  private List<String> oltpPointSelect(String database, String verb, List<String> options) {
    List<String> command =
        new ArrayList<>(
            List.of(
                sysbench,
                "oltp_point_select",
                "--db-driver=mysql",
                "--mysql-host=" + DataLayerServerBenchmark.MARIADB_HOST,
                "--mysql-port=" + DataLayerServerBenchmark.MARIADB_PORT,
                "--mysql-user=" + DataLayerServerBenchmark.MARIADB_USER,
                "--mysql-db=" + database,
                "--tables=1",
                "--table-size=" + ROWS));
    command.addAll(options);
    command.add(verb);
    return command;
  }

  private static void admin(String statement) throws IOException {
    DataLayerServerBenchmark.Scratch.admin(
        "jdbc:mysql://"
            + DataLayerServerBenchmark.MARIADB_HOST
            + ":"
            + DataLayerServerBenchmark.MARIADB_PORT
            + "/",
        DataLayerServerBenchmark.MARIADB_USER,
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
