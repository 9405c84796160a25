package io.clipdeck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns JMH's JSON result file into a Markdown summary: one row per benchmark, then a ratio for
 * every pair declared with {@link ComparedTo}.
 *
 * <p>Usage: {@code BenchReport <jmh.json> <summary.md>}. The summary is also printed to stdout.
 */
public final class BenchReport {

  /** The command the harness documents when Maven did not say how it was started. */
  private static final String DEFAULT_COMMAND = "mvn -B -Pbench package";

  private BenchReport() {}

  /** One JMH result: a benchmark method with one set of {@code @Param} values. */
  record Result(
      String benchmark,
      String params,
      String mode,
      double score,
      double error,
      String unit,
      JsonNode raw) {

    String className() {
      return benchmark.substring(0, benchmark.lastIndexOf('.'));
    }

    String methodName() {
      return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    String shortName() {
      String simpleClass = className().substring(className().lastIndexOf('.') + 1);
      return simpleClass + "." + methodName() + (params.isEmpty() ? "" : " (" + params + ")");
    }

    /** Average time, sample time and single shot report time per op: smaller is better. */
    boolean timePerOp() {
      return !"thrpt".equals(mode);
    }
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("Usage: BenchReport <jmh.json> <summary.md>");
      System.exit(2);
    }
    Path json = Path.of(args[0]);
    Path summary = Path.of(args[1]);
    List<Result> results = read(json);
    Path ceilingFile = json.toAbsolutePath().resolveSibling(PgbenchCeiling.FILE);
    JsonNode ceiling =
        Files.exists(ceilingFile) ? new ObjectMapper().readTree(ceilingFile.toFile()) : null;
    Path sysbenchFile = json.toAbsolutePath().resolveSibling(SysbenchCeiling.FILE);
    String markdown =
        render(results, ceiling, command(), ZonedDateTime.now())
            + (Files.exists(sysbenchFile)
                ? mariadbCeiling(results, new ObjectMapper().readTree(sysbenchFile.toFile()))
                : "");
    Files.createDirectories(summary.toAbsolutePath().getParent());
    Files.writeString(summary, markdown, StandardCharsets.UTF_8);
    System.out.println(markdown);
    System.out.println("Written to " + summary);
  }

  static List<Result> read(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    if (root == null || !root.isArray() || root.isEmpty()) {
      // An empty file means JMH ran nothing (e.g. -Dbench.include matched no benchmark).
      throw new IOException(json + " holds no JMH results");
    }
    List<Result> results = new ArrayList<>();
    for (JsonNode node : root) {
      JsonNode metric = node.path("primaryMetric");
      results.add(
          new Result(
              node.path("benchmark").asText(),
              params(node.path("params")),
              node.path("mode").asText(),
              metric.path("score").asDouble(Double.NaN),
              // JMH writes "NaN" (a string) when there are too few iterations for an error.
              metric.path("scoreError").asDouble(Double.NaN),
              metric.path("scoreUnit").asText(),
              node));
    }
    return results;
  }

  private static String params(JsonNode params) {
    List<String> pairs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : params.properties()) {
      pairs.add(field.getKey() + "=" + field.getValue().asText());
    }
    return String.join(", ", pairs);
  }

  /** Maven's launcher exports its arguments; without them, the documented command. */
  private static String command() {
    String mavenArgs = System.getenv("MAVEN_CMD_LINE_ARGS");
    return mavenArgs == null || mavenArgs.isBlank() ? DEFAULT_COMMAND : "mvn " + mavenArgs.strip();
  }

  static String render(List<Result> results, JsonNode ceiling, String command, ZonedDateTime when) {
    StringBuilder out = new StringBuilder();
    JsonNode first = results.get(0).raw();
    out.append("# Benchmark summary\n\n");
    out.append("- Date: ")
        .append(when.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
        .append('\n');
    out.append("- Command: `").append(command).append("`\n");
    out.append("- JVM: ")
        .append(first.path("vmName").asText())
        .append(", JDK ")
        .append(first.path("jdkVersion").asText())
        .append(" (VM ")
        .append(first.path("vmVersion").asText())
        .append(")\n");
    out.append("- JVM args: `")
        .append(String.join(" ", texts(first.path("jvmArgs"))))
        .append("`\n");
    out.append("- JMH ")
        .append(first.path("jmhVersion").asText())
        .append(": ")
        .append(first.path("forks").asInt())
        .append(" fork(s), ")
        .append(first.path("warmupIterations").asInt())
        .append(" x ")
        .append(first.path("warmupTime").asText())
        .append(" warmup, ")
        .append(first.path("measurementIterations").asInt())
        .append(" x ")
        .append(first.path("measurementTime").asText())
        .append(" measurement, ")
        .append(first.path("threads").asInt())
        .append(" thread(s)\n");
    out.append("- Machine: ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" cores, ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append("\n\n");

    out.append("| Benchmark | Mode | Score | Error (99.9%) | Unit |\n");
    out.append("|---|---|---:|---:|---|\n");
    for (Result result : results) {
      out.append("| ")
          .append(result.shortName())
          .append(" | ")
          .append(result.mode())
          .append(" | ")
          .append(number(result.score()))
          .append(" | ± ")
          .append(number(result.error()))
          .append(" | ")
          .append(result.unit())
          .append(" |\n");
    }

    List<String> ratios = ratios(results);
    if (!ratios.isEmpty()) {
      out.append("\n## Benchmark vs baseline\n\n");
      out.append("| Benchmark | Baseline | Times faster | Range from the errors |\n");
      out.append("|---|---|---:|---:|\n");
      ratios.forEach(out::append);
      out.append(
          "\nRatio = how many times faster the benchmark is than its baseline (baseline time / "
              + "benchmark time, or benchmark throughput / baseline throughput). The range divides "
              + "the ends of the two error intervals.\n");
    }
    if (ceiling != null) {
      out.append(ceiling(results, ceiling));
    }
    return out.toString();
  }

  /**
   * The PostgreSQL lookups of {@link DataLayerServerBenchmark} against pgbench's select-only
   * ceiling at the same number of server sessions: N platform threads against {@code -c N}, 64
   * virtual threads (on the pool of 10) against {@code -c 10}.
   */
  static String ceiling(List<Result> results, JsonNode ceiling) {
    StringBuilder out = new StringBuilder("\n## PostgreSQL PK lookups vs pgbench's ceiling\n\n");
    out.append("- ")
        .append(ceiling.path("version").asText())
        .append(", `pgbench -S -M prepared -c C -j C -T ")
        .append(ceiling.path("seconds").asInt())
        .append("` over TCP to ")
        .append(ceiling.path("host").asText())
        .append(", scale ")
        .append(ceiling.path("scale").asInt())
        .append(": ")
        .append(ceiling.path("table").asText())
        .append(", one `SELECT abalance ... WHERE aid = ?` per transaction\n");
    out.append(
        "- Clipdeck: `VideoRepository.getById` (no cache) and raw JDBC on the pool of 10, against"
            + " the benchmark's videos table (10,000 rows, 14 columns), not pgbench_accounts\n\n");
    out.append("| clients | pgbench tps | repository ops/s | repository / pgbench |")
        .append(" raw JDBC ops/s | raw / pgbench |\n");
    out.append("|---|---:|---:|---:|---:|---:|\n");
    for (JsonNode row : ceiling.path("results")) {
      int clients = row.path("clients").asInt();
      double tps = row.path("tps").asDouble();
      String suffix = clients == 10 ? "Virtual64" : String.valueOf(clients);
      Result repository = lookup(results, "repositoryGetById" + suffix);
      Result raw = lookup(results, "rawGetById" + suffix);
      out.append("| ")
          .append(clients == 10 ? "10 (64 virtual threads, pool of 10)" : clients)
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f", tps))
          .append(" | ")
          .append(
              repository == null
                  ? "not run"
                  : String.format(Locale.ROOT, "%,.0f", repository.score()))
          .append(" | ")
          .append(repository == null ? "" : share(repository.score() / tps))
          .append(" | ")
          .append(raw == null ? "not run" : String.format(Locale.ROOT, "%,.0f", raw.score()))
          .append(" | ")
          .append(raw == null ? "" : share(raw.score() / tps))
          .append(" |\n");
    }
    out.append("\nGoal (issue 7): repository / pgbench ≥ 0.7x.\n");
    return out.toString();
  }

  /**
   * The MariaDB lookups against sysbench's point-select ceiling at the same client count: {@link
   * DataLayerServerBenchmark}'s repository and raw JDBC on the videos table, then each driver of
   * {@link MariaDbDriverBenchmark} on sysbench's own table and statement.
   */
  static String mariadbCeiling(List<Result> results, JsonNode ceiling) {
    StringBuilder out = new StringBuilder("\n## MariaDB PK lookups vs sysbench's ceiling\n\n");
    out.append("- ")
        .append(ceiling.path("version").asText())
        .append(", `sysbench oltp_point_select --db-ps-mode=auto --threads=C --time=")
        .append(ceiling.path("seconds").asInt())
        .append("` over TCP to ")
        .append(ceiling.path("host").asText())
        .append(": one table of ")
        .append(String.format(Locale.ROOT, "%,d", ceiling.path("rows").asInt()))
        .append(" rows, one `SELECT c FROM sbtest1 WHERE id = ?` per query\n");
    out.append(
        "- Clipdeck: `VideoRepository.getById` (no cache) and raw JDBC on the pool of 10 (videos"
            + " table, 10,000 rows); the drivers: raw JDBC on a pool of 10 with sysbench's table"
            + " and statement\n\n");
    List<String> drivers =
        List.of(
            MariaDbDriverBenchmark.MYSQL_DEFAULTS,
            MariaDbDriverBenchmark.MYSQL_TUNED,
            MariaDbDriverBenchmark.MARIADB);
    out.append("| clients | sysbench qps | repository | / sysbench | raw JDBC | / sysbench |");
    drivers.forEach(driver -> out.append(' ').append(driver).append(" | / sysbench |"));
    out.append("\n|---|---:|---:|---:|---:|---:|").append("---:|---:|".repeat(drivers.size()));
    out.append('\n');
    for (JsonNode row : ceiling.path("results")) {
      int clients = row.path("clients").asInt();
      double qps = row.path("qps").asDouble();
      out.append("| ")
          .append(clients)
          .append(" | ")
          .append(String.format(Locale.ROOT, "%,.0f", qps))
          .append(" |");
      String dataLayer = DataLayerServerBenchmark.class.getName() + ".";
      appendShare(out, find(results, dataLayer + "repositoryGetById" + clients, "db=MYSQL"), qps);
      appendShare(out, find(results, dataLayer + "rawGetById" + clients, "db=MYSQL"), qps);
      for (String driver : drivers) {
        appendShare(
            out,
            find(
                results,
                MariaDbDriverBenchmark.class.getName() + ".pointSelect" + clients,
                "driver=" + driver),
            qps);
      }
      out.append('\n');
    }
    out.append("\nGoal (issue 22): raw JDBC / sysbench ≥ 0.7x at 1, 4 and 16 clients.\n");
    return out.toString();
  }

  private static void appendShare(StringBuilder out, Result result, double ceiling) {
    if (result == null) {
      out.append(" not run | |");
    } else {
      out.append(' ')
          .append(String.format(Locale.ROOT, "%,.0f", result.score()))
          .append(" | ")
          .append(share(result.score() / ceiling))
          .append(" |");
    }
  }

  private static Result find(List<Result> results, String benchmark, String param) {
    return results.stream()
        .filter(r -> r.benchmark().equals(benchmark) && r.params().contains(param))
        .findFirst()
        .orElse(null);
  }

  /** Two decimals: a share of the ceiling is below 1x, where one decimal hides the difference. */
  private static String share(double ratio) {
    return String.format(Locale.ROOT, "%.2fx", ratio);
  }

  private static Result lookup(List<Result> results, String method) {
    return results.stream()
        .filter(r -> r.benchmark().equals(DataLayerServerBenchmark.class.getName() + "." + method))
        .filter(r -> r.params().contains("db=POSTGRESQL"))
        .findFirst()
        .orElse(null);
  }

  /** Table rows for each benchmark whose method declares baselines with {@link ComparedTo}. */
  private static List<String> ratios(List<Result> results) {
    Map<String, Result> byKey = new LinkedHashMap<>();
    for (Result result : results) {
      byKey.put(key(result.benchmark(), result), result);
    }
    List<String> rows = new ArrayList<>();
    for (Result result : results) {
      for (String baselineMethod : baselines(result)) {
        Result baseline = byKey.get(key(result.className() + "." + baselineMethod, result));
        if (baseline == null) {
          rows.add("| " + result.shortName() + " | " + baselineMethod + " | not run | |\n");
          continue;
        }
        if (!baseline.unit().equals(result.unit()) || !baseline.mode().equals(result.mode())) {
          rows.add(
              "| "
                  + result.shortName()
                  + " | "
                  + baseline.shortName()
                  + " | different mode or unit | |\n");
          continue;
        }
        rows.add(
            "| "
                + result.shortName()
                + " | "
                + baseline.shortName()
                + " | "
                + times(ratio(result, baseline))
                + " | "
                + range(result, baseline)
                + " |\n");
      }
    }
    return rows;
  }

  /** Same benchmark name and same parameters: a pair compares like with like. */
  private static String key(String benchmark, Result result) {
    return benchmark + "|" + result.mode() + "|" + result.params();
  }

  private static List<String> baselines(Result result) {
    try {
      // Not initialised: only its annotations are read, no benchmark state is built.
      Class<?> type = Class.forName(result.className(), false, BenchReport.class.getClassLoader());
      for (Method method : type.getMethods()) {
        ComparedTo comparedTo = method.getAnnotation(ComparedTo.class);
        if (method.getName().equals(result.methodName()) && comparedTo != null) {
          return List.of(comparedTo.value());
        }
      }
    } catch (ClassNotFoundException e) {
      // Results from elsewhere (an older run, another class path): report them without ratios.
      System.err.println("No pairs for " + result.benchmark() + ": class not on the class path");
    }
    return List.of();
  }

  private static double ratio(Result benchmark, Result baseline) {
    return benchmark.timePerOp()
        ? baseline.score() / benchmark.score()
        : benchmark.score() / baseline.score();
  }

  /** The pessimistic and optimistic ends, from the 99.9% error intervals of both scores. */
  private static String range(Result benchmark, Result baseline) {
    if (Double.isNaN(benchmark.error()) || Double.isNaN(baseline.error())) {
      return "n/a";
    }
    // An error as large as its score puts zero inside the interval: no ratio bounds it.
    if (benchmark.error() >= benchmark.score() || baseline.error() >= baseline.score()) {
      return "too noisy to bound";
    }
    double low;
    double high;
    if (benchmark.timePerOp()) {
      low = (baseline.score() - baseline.error()) / (benchmark.score() + benchmark.error());
      high = (baseline.score() + baseline.error()) / (benchmark.score() - benchmark.error());
    } else {
      low = (benchmark.score() - benchmark.error()) / (baseline.score() + baseline.error());
      high = (benchmark.score() + benchmark.error()) / (baseline.score() - baseline.error());
    }
    return times(low) + " – " + times(high);
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, ratio >= 10 ? "%.0fx" : "%.1fx", ratio);
  }

  /** Three decimals, as JMH prints its own table. */
  private static String number(double value) {
    return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(node -> texts.add(node.asText()));
    return texts;
  }
}
