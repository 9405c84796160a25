package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.PoolSettings;
import io.clipdeck.testing.TempPostgresCluster;
import io.clipdeck.testing.TempPostgresCluster.StopMode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group of a PostgreSQL primary and its real streaming replica: {@code health --ready -g} flips
 * as the group loses and regains a member that takes writes, and a write aimed at the group while
 * only the replica answers is refused before it reaches a server.
 */
@Tag("reliability")
class GroupReplicaCommandTest {

  private static final PoolSettings POOL =
      PoolSettings.DESKTOP.toBuilder().poolTimeout(Duration.ofMillis(500)).build();

  @TempDir Path root;

  @Test
  void readinessFlipsWithTheWritableMemberAndTheReplicaTakesNoWrite() throws Exception {
    try (TempPostgresCluster a = TempPostgresCluster.started()) {
      a.execute("CREATE TABLE notes (id int PRIMARY KEY)");
      try (TempPostgresCluster b = TempPostgresCluster.standbyOf(a)) {
        b.start();
        saveGroup(a.profile("a").withPool(POOL), b.profile("b").withPool(POOL));
        assertThat(CliRun.run(root, "health", "--ready", "-g", "g").exitCode()).isZero();

        a.stop(StopMode.FAST);
        CliRun notReady = CliRun.run(root, "health", "--ready", "-g", "g");
        assertThat(notReady.exitCode()).as(notReady.out()).isEqualTo(1);
        assertThat(notReady.out()).contains("serving from b (a replica: no member takes writes)");
        assertThat(CliRun.run(root, "health", "--live", "-g", "g").exitCode()).isZero();

        CliRun refused = CliRun.run(root, "migrate", "-g", "g");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err())
            .contains("Group 'g' has no member that takes writes")
            .contains("b: replica (takes no writes)")
            .contains("Start or promote one");
        CliRun read = CliRun.run(root, "sql", "-g", "g", "-c", "SELECT count(*) FROM notes");
        assertThat(read.exitCode()).as(read.err()).isZero();
        assertThat(read.err()).contains("working on b (a replica: reads only)");
        CliRun write = CliRun.run(root, "sql", "-g", "g", "-c", "INSERT INTO notes VALUES (1)");
        assertThat(write.exitCode()).isEqualTo(1);
        assertThat(write.err() + write.out()).contains("read-only");

        b.promote();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> CliRun.run(root, "health", "--ready", "-g", "g").exitCode() == 0);
        CliRun written = CliRun.run(root, "sql", "-g", "g", "-c", "INSERT INTO notes VALUES (1)");
        assertThat(written.exitCode()).as(written.err()).isZero();
        assertThat(written.err()).contains("Group g: working on b").doesNotContain("replica");
      }
    }
  }

  private void saveGroup(ConnectionProfile primary, ConnectionProfile failover) {
    try (AppContext context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)))) {
      context.profiles().put(primary);
      context.profiles().put(failover);
      context
          .profiles()
          .saveGroup(
              new GroupDefinition(
                  "g",
                  List.of(primary.name(), failover.name()),
                  2,
                  Duration.ofMillis(500),
                  false,
                  null),
              Optional.empty());
    }
  }
}
