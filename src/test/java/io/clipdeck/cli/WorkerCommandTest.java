package io.clipdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.config.AppPaths;
import io.clipdeck.config.SettingsStore;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.enrich.QueueSettings;
import io.clipdeck.enrich.Step;
import io.clipdeck.enrich.TaskQueue;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clipdeck worker --demo --until-idle} drains a profile's queue and says so. */
class WorkerCommandTest {

  @TempDir Path root;

  @Test
  void theDemoWorkerDrainsTheQueueOfAProfile() throws Exception {
    try (ScratchDatabase pg = TestDatabases.postgres()) {
      var profile = pg.profile();
      CliRun add =
          CliRun.run(
              root,
              "profiles",
              "add",
              "pg",
              "--kind=postgresql",
              "--host=" + profile.host(),
              "--port=" + profile.port(),
              "--database=" + profile.database(),
              "--user=" + profile.user(),
              "--environment=development");
      assertThat(add.exitCode()).as(add.err()).isZero();
      assertThat(CliRun.run(root, "migrate", "--profile", "pg").exitCode()).isZero();

      try (PooledDatabase database = new PooledDatabase(profile, Clock.systemUTC())) {
        DataLayer data = new DataLayer(database, Clock.systemUTC());
        long user = data.users().create(User.of("worker-cli", "worker-cli@example.com")).id();
        List<Video> videos = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
          videos.add(Video.of("cli" + i, user, "https://youtu.be/cli" + i, null));
        }
        new TaskQueue(data, QueueSettings.DEFAULTS, Clock.systemUTC())
            .enqueue(data.videos().bulkCreate(videos), EnumSet.of(Step.METADATA, Step.CLIPS));

        CliRun worker =
            CliRun.run(
                root, "worker", "--profile", "pg", "--demo", "--until-idle", "--report-seconds=1");

        assertThat(worker.exitCode()).as(worker.err()).isZero();
        assertThat(worker.out())
            .contains(
                "Worker started on [METADATA, CLIPS, THUMBNAIL, NARRATION] (simulated providers)")
            .contains("Worker on pg finished 60 tasks.");
        // --demo is for this run only: the saved settings still say real providers.
        assertThat(
                SettingsStore.in(AppPaths.under(root), Clock.systemUTC())
                    .load()
                    .settings()
                    .demoProviders())
            .isFalse();
        try (Connection connection = database.connection();
            Statement statement = connection.createStatement();
            ResultSet rows =
                statement.executeQuery(
                    "SELECT COUNT(*) FROM enrichment_task WHERE state = 'done'")) {
          rows.next();
          assertThat(rows.getLong(1)).isEqualTo(60);
        }
      }
    }
  }
}
