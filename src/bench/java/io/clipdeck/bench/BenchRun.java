package io.clipdeck.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * What {@code mvn -Pbench package} starts instead of JMH's own main: the servers' ceilings first
 * when the run includes the lookups set against them (so both are measured in the same run, on the
 * same load): pgbench's for {@link DataLayerServerBenchmark}'s, sysbench's for its MariaDB lookups
 * and {@link MariaDbDriverBenchmark}; then JMH with the command line it was given.
 *
 * <p>System properties: {@code bench.output} (where {@code pgbench.json} and {@code sysbench.json}
 * go), {@code bench.pgbench.seconds} and {@code bench.pgbench.scale} (0 seconds: no pgbench),
 * {@code bench.sysbench.seconds} (0: no sysbench; without sysbench installed the run stops and says
 * so), and {@code bench.smoke=true}, which cuts every benchmark to one fork, no warm-up and one
 * short measurement (and a bulk insert to 10,000 rows unless {@code bench.bulkVideos} says how
 * many): a check that everything runs, not a measurement.
 */
public final class BenchRun {

  /** A benchmark the ceiling is compared with: the run measures pgbench when JMH will run it. */
  private static final String COMPARED =
      DataLayerServerBenchmark.class.getName() + ".repositoryGetById1";

  /**
   * The MariaDB lookups sysbench's ceiling is compared with: either one makes the run measure it.
   */
  private static final List<String> COMPARED_WITH_SYSBENCH =
      List.of(COMPARED, MariaDbDriverBenchmark.class.getName() + ".pointSelect1");

  private BenchRun() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions command = new CommandLineOptions(args);
    boolean smoke = Boolean.getBoolean("bench.smoke");
    int seconds = Integer.getInteger("bench.pgbench.seconds", 10);
    Path ceiling = Path.of(System.getProperty("bench.output", "target/bench"), PgbenchCeiling.FILE);
    // A ceiling from an earlier run must not be reported against this run's lookups.
    Files.deleteIfExists(ceiling);
    if (seconds > 0 && includes(command, COMPARED)) {
      String pgbench = PgbenchCeiling.find();
      if (pgbench == null) {
        System.out.println(
            "# pgbench not found: no ceiling this run. Install it (Debian: apt-get install"
                + " postgresql-client; it is in /usr/lib/postgresql/<version>/bin/) and run again.");
      } else {
        new PgbenchCeiling(pgbench, Integer.getInteger("bench.pgbench.scale", 10), seconds)
            .run(ceiling);
      }
    }
    Path sysbenchCeiling =
        Path.of(System.getProperty("bench.output", "target/bench"), SysbenchCeiling.FILE);
    Files.deleteIfExists(sysbenchCeiling);
    int sysbenchSeconds = Integer.getInteger("bench.sysbench.seconds", 10);
    if (sysbenchSeconds > 0
        && COMPARED_WITH_SYSBENCH.stream().anyMatch(b -> includes(command, b))) {
      String sysbench = SysbenchCeiling.find();
      if (sysbench == null) {
        throw new IllegalStateException(SysbenchCeiling.MISSING);
      }
      new SysbenchCeiling(sysbench, sysbenchSeconds).run(sysbenchCeiling);
    }
    ChainedOptionsBuilder options = new OptionsBuilder().parent(command);
    String bulkVideos = System.getProperty("bench.bulkVideos", "");
    if (!bulkVideos.isBlank()) {
      options.param("rows", bulkVideos);
    } else if (smoke) {
      options.param("rows", "10000");
    }
    if (smoke) {
      options
          .forks(1)
          .warmupIterations(0)
          .measurementIterations(1)
          .measurementTime(TimeValue.seconds(1));
    }
    Options built = options.build();
    new Runner(built).run();
  }

  /** Whether JMH's include patterns (find semantics, as JMH's own) select {@code benchmark}. */
  private static boolean includes(CommandLineOptions command, String benchmark) {
    var patterns = command.getIncludes();
    return patterns.isEmpty()
        || patterns.stream().anyMatch(regex -> Pattern.compile(regex).matcher(benchmark).find());
  }
}
