package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TempMariaDbServer;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clipdeck groups} and {@code health --ready} on groups of real servers. */
class GroupsCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  @Test
  void readinessFollowsTheGroupsWritableMember() throws Exception {
    try (TempMariaDbServer server = TempMariaDbServer.started()) {
      saveGroup("g", server.profile("a"), deadMember("b"));

      assertThat(CliRun.run(root, "health", "--ready", "-g", "g").exitCode()).isZero();
      JsonNode status = json(CliRun.run(root, "groups", "status", "g", "--json"), 0);
      assertThat(status.get(0).get("writable").asText()).isEqualTo("a");
      assertThat(status.get(0).get("members").get(1).get("health").asText()).isEqualTo("down");

      // The only member that answers turns read-only: it still serves reads, takes no writes.
      server.execute("SET GLOBAL read_only = 1");
      CliRun replicaOnly = CliRun.run(root, "health", "--ready", "-g", "g");
      assertThat(replicaOnly.exitCode()).as(replicaOnly.out()).isEqualTo(1);
      assertThat(replicaOnly.out()).contains("serving from a (a replica: no member takes writes)");
      assertThat(CliRun.run(root, "health", "--live", "-g", "g").exitCode()).isZero();
      JsonNode readOnly = json(CliRun.run(root, "groups", "status", "g", "--json"), 1);
      assertThat(readOnly.get(0).get("serving").asText()).isEqualTo("a");
      assertThat(readOnly.get(0).get("writable").isNull()).isTrue();
      assertThat(readOnly.get(0).get("members").get(0).get("role").asText()).isEqualTo("replica");

      server.execute("SET GLOBAL read_only = 0");
      assertThat(CliRun.run(root, "health", "--ready", "-g", "g").exitCode()).isZero();

      server.stop();
      assertThat(CliRun.run(root, "health", "--ready", "-g", "g").exitCode()).isEqualTo(1);
      assertThat(CliRun.run(root, "health", "--live", "-g", "g").exitCode()).isEqualTo(1);
      CliRun down = CliRun.run(root, "groups", "status", "g");
      assertThat(down.exitCode()).isEqualTo(1);
      assertThat(down.out()).contains("group g: no member answers");

      server.start();
      assertThat(CliRun.run(root, "health", "--ready", "-g", "g").exitCode()).isZero();
    }
  }

  @Test
  void aDrillSwitchesToTheFailoverMemberReadsThereAndFailsBack() throws Exception {
    try (ScratchDatabase primary = TestDatabases.postgres();
        ScratchDatabase failover = TestDatabases.mariadb()) {
      saveGroup("orders", renamed(primary.profile(), "a"), renamed(failover.profile(), "b"));

      CliRun list = CliRun.run(root, "groups", "list");
      assertThat(list.out()).contains("orders").contains("primary a, then b");

      CliRun drill = CliRun.run(root, "groups", "drill", "orders", "--json");
      JsonNode result = json(drill, 0);
      assertThat(result.get("passed").asBoolean()).isTrue();
      List<String> steps =
          result.get("steps").valueStream().map(step -> step.get("what").asText()).toList();
      assertThat(steps).containsExactly("check members", "fail over", "read on b", "fail back");
      assertThat(result.get("steps").get(1).get("detail").asText()).startsWith("from a to b");
      assertThat(result.get("steps").get(3).get("detail").asText()).startsWith("from b to a");
    }
  }

  @Test
  void aDrillWithNoOtherMemberAnsweringFailsAndSaysWhy() throws Exception {
    try (ScratchDatabase primary = TestDatabases.postgres()) {
      saveGroup("g", renamed(primary.profile(), "a"), deadMember("b"));

      CliRun drill = CliRun.run(root, "groups", "drill", "g");

      assertThat(drill.exitCode()).isEqualTo(1);
      assertThat(drill.out())
          .contains("FAIL fail over")
          .contains("no other member is healthy")
          .contains("cannot reach b at 127.0.0.1:1")
          .contains("drill of g: failed");
    }
  }

  @Test
  void anUnknownGroupIsAClearError() {
    CliRun run = CliRun.run(root, "groups", "status", "nope");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains("No failover group 'nope'").contains("clipdeck groups list");
  }

  private void saveGroup(String name, ConnectionProfile primary, ConnectionProfile failover) {
    try (AppContext context = new AppContext(AppContext.Options.isolated(AppPaths.under(root)))) {
      context.profiles().put(primary);
      context.profiles().put(failover);
      context
          .profiles()
          .saveGroup(
              new GroupDefinition(
                  name,
                  List.of(primary.name(), failover.name()),
                  3,
                  Duration.ofSeconds(1),
                  false,
                  null),
              Optional.empty());
    }
  }

  private static ConnectionProfile deadMember(String name) {
    ConnectionProfile profile =
        ConnectionProfile.server(name, DatabaseKind.MYSQL, "127.0.0.1", 1, "x", "root");
    return profile.withPool(profile.pool().toBuilder().poolTimeout(Duration.ofMillis(500)).build());
  }

  private static ConnectionProfile renamed(ConnectionProfile profile, String name) {
    return profile.toBuilder().name(name).build();
  }

  private static JsonNode json(CliRun run, int expectedExit) throws Exception {
    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(expectedExit);
    return JSON.readTree(run.out());
  }
}
