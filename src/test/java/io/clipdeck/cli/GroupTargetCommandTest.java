package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.clipdeck.app.AppContext;
import io.clipdeck.config.AppPaths;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.GroupDefinition;
import io.clipdeck.db.failover.FailoverGroup;
import io.clipdeck.enrich.QueueSettings;
import io.clipdeck.enrich.Step;
import io.clipdeck.enrich.TaskQueue;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code -g GROUP} on the commands that take {@code -p}, and {@code groups switch|failback}, on
 * real PostgreSQL databases: work goes to the member that serves, a switch from one process is
 * followed by the others.
 */
class GroupTargetCommandTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;

  @Test
  void workGoesToTheServingMemberAndFollowsASwitchAndAFailback() throws Exception {
    try (ScratchDatabase first = TestDatabases.postgres();
        ScratchDatabase second = TestDatabases.postgres()) {
      saveGroup("g", renamed(first.profile(), "a"), renamed(second.profile(), "b"));

      CliRun onA = CliRun.run(root, "sql", "-g", "g", "-c", "SELECT current_database()");
      assertThat(onA.exitCode()).as(onA.err()).isZero();
      assertThat(onA.out()).contains(first.profile().database());
      assertThat(onA.err()).contains("Group g: working on a");

      JsonNode switched = json(CliRun.run(root, "groups", "switch", "g", "--to", "b", "--json"));
      assertThat(switched.get("member").asText()).isEqualTo("b");
      assertThat(switched.get("role").asText()).isEqualTo("primary");
      CliRun onB = CliRun.run(root, "sql", "-g", "g", "-c", "SELECT current_database()");
      assertThat(onB.out()).contains(second.profile().database());
      assertThat(onB.err()).contains("Group g: working on b");
      CliRun tables = CliRun.run(root, "tables", "-g", "g", "--json");
      assertThat(json(tables).get("profile").asText()).isEqualTo("b");

      assertThat(json(CliRun.run(root, "groups", "failback", "g", "--json")).get("member").asText())
          .isEqualTo("a");
      CliRun back = CliRun.run(root, "sql", "-g", "g", "-c", "SELECT current_database()");
      assertThat(back.out()).contains(first.profile().database());
    }
  }

  @Test
  void aRunningGroupFollowsASwitchMadeByAnotherProcess() throws Exception {
    try (ScratchDatabase first = TestDatabases.postgres();
        ScratchDatabase second = TestDatabases.postgres()) {
      saveGroup("g", renamed(first.profile(), "a"), renamed(second.profile(), "b"));
      try (AppContext console = new AppContext(AppContext.Options.isolated(AppPaths.under(root)))) {
        FailoverGroup group = console.failover().group("g").orElseThrow();
        var data = console.data(console.groupTarget("g"));
        assertThat(currentDatabase(data)).isEqualTo(first.profile().database());

        // Another process (the command line) asks for the switch: the console's copy follows.
        assertThat(CliRun.run(root, "groups", "switch", "g", "--to", "b").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> group.status().serving().equals("b"));
        assertThat(group.status().lastEvent().orElseThrow().reason())
            .isEqualTo("switched from the command line");
        assertThat(currentDatabase(data)).isEqualTo(second.profile().database());

        assertThat(CliRun.run(root, "groups", "failback", "g").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> group.status().serving().equals("a"));
        assertThat(currentDatabase(data)).isEqualTo(first.profile().database());
      }
    }
  }

  @Test
  void aDeadPrimaryIsSkippedAndCannotBeSwitchedTo() throws Exception {
    try (ScratchDatabase live = TestDatabases.postgres()) {
      saveGroup("g", deadMember("a"), renamed(live.profile(), "b"));

      CliRun migrate = CliRun.run(root, "migrate", "-g", "g", "--json");
      assertThat(migrate.exitCode()).as(migrate.out() + migrate.err()).isZero();
      assertThat(migrate.err()).contains("Group g: working on b");
      assertThat(JSON.readTree(migrate.out()).get("profile").asText()).isEqualTo("b");

      CliRun refused = CliRun.run(root, "groups", "switch", "g", "--to", "a");
      assertThat(refused.exitCode()).isEqualTo(1);
      assertThat(refused.err())
          .contains("Cannot switch group 'g' to a")
          .contains("cannot reach a")
          .contains("Nothing was changed");
      CliRun unknownMember = CliRun.run(root, "groups", "switch", "g", "--to", "c");
      assertThat(unknownMember.err()).contains("has no member 'c': its members are a, b");
    }
  }

  @Test
  void aWorkerOnAGroupWithADeadPrimaryDrainsTheQueueOnTheFailoverMember() throws Exception {
    try (ScratchDatabase live = TestDatabases.postgres()) {
      saveGroup("g", deadMember("a"), renamed(live.profile(), "b"));
      assertThat(CliRun.run(root, "migrate", "-g", "g").exitCode()).isZero();
      try (var database = new io.clipdeck.db.PooledDatabase(live.profile(), Clock.systemUTC())) {
        var data = new io.clipdeck.data.repo.DataLayer(database, Clock.systemUTC());
        long user = data.users().create(User.of("group-worker", "group-worker@example.com")).id();
        List<Video> videos = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          videos.add(Video.of("grp" + i, user, "https://youtu.be/grp" + i, null));
        }
        new TaskQueue(data, QueueSettings.DEFAULTS, Clock.systemUTC())
            .enqueue(data.videos().bulkCreate(videos), EnumSet.of(Step.METADATA, Step.CLIPS));

        // The group starts on its primary, which is down: the worker's first read waits for the
        // group's checks to move it to b, then the worker runs there.
        CliRun worker = CliRun.run(root, "worker", "-g", "g", "--demo", "--until-idle");

        assertThat(worker.exitCode()).as(worker.err()).isZero();
        assertThat(worker.out()).contains("Worker on g finished 40 tasks.");
        assertThat(
                data.executor()
                    .query(
                        "SELECT COUNT(*) FROM enrichment_task WHERE state = 'done'",
                        List.of(),
                        row -> row.getLong(1))
                    .getFirst())
            .isEqualTo(40);
      }
    }
  }

  @Test
  void profileAndGroupTogetherOrAnUnknownGroupAreClearErrors() {
    CliRun both = CliRun.run(root, "worker", "-p", "x", "-g", "y");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("mutually exclusive");

    CliRun unknown = CliRun.run(root, "tables", "-g", "nope");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("No failover group 'nope'").contains("clipdeck groups list");
  }

  private static String currentDatabase(io.clipdeck.data.repo.DataLayer data) {
    return data.executor()
        .query("SELECT current_database()", List.of(), row -> row.getString(1))
        .getFirst();
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
        ConnectionProfile.server(name, DatabaseKind.POSTGRESQL, "127.0.0.1", 1, "x", "postgres");
    return profile.withPool(profile.pool().toBuilder().poolTimeout(Duration.ofMillis(500)).build());
  }

  private static ConnectionProfile renamed(ConnectionProfile profile, String name) {
    return profile.toBuilder().name(name).build();
  }

  private static JsonNode json(CliRun run) throws Exception {
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    return JSON.readTree(run.out());
  }
}
