package io.clipdeck.browse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.Sort;
import io.clipdeck.data.VideoExport;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.DataLayer;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.db.ConnectionProfile;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.PooledDatabase;
import io.clipdeck.migrate.MigrationLocations;
import io.clipdeck.migrate.MigrationService;
import io.clipdeck.migrate.ScratchDatabases;
import io.clipdeck.progress.Progress;
import io.clipdeck.testing.ScratchDatabase;
import io.clipdeck.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The browser's core on all three databases: the paging window, details, changes, sample data. */
class BrowseServiceTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void aNewDatabaseIsMigratedFilledPagedEditedAndExported(DatabaseKind kind) throws Exception {
    Clock clock = Clock.systemUTC();
    try (ScratchDatabase scratch = TestDatabases.create(kind, dir);
        PooledDatabase database = new PooledDatabase(scratch.profile(), clock)) {
      ConnectionProfile on = scratch.profile();
      DataLayer data = new DataLayer(database, clock);
      MigrationService migrations =
          new MigrationService(
              database,
              MigrationLocations.of(on, dir.resolve("migrations")),
              new ScratchDatabases(profile -> new PooledDatabase(profile, clock)),
              clock);
      BrowseService service =
          new BrowseService(() -> on, profile -> data, profile -> migrations, clock);
      Sort sort = BrowseService.sort("created_at", false);

      assertThat(service.read(on, VideoFilter.ALL, sort, PageRequest.FIRST).migrated()).isFalse();
      service.migrate(on);
      VideoPage empty = service.read(on, VideoFilter.ALL, sort, PageRequest.FIRST);
      assertThat(empty.migrated()).isTrue();
      assertThat(empty.total()).isZero();

      assertThatThrownBy(() -> service.generateSampleData(on, 0, Progress.NONE))
          .hasMessage("Generate between 1 and 1,000,000 sample videos.");
      assertThat(service.generateSampleData(on, 250, Progress.NONE).videos()).isEqualTo(250);

      // Paged forward by key: every video once, the count line following.
      BrowseWindow window = new BrowseWindow(video -> service.cursorOf(on, video, sort));
      VideoPage first = service.read(on, VideoFilter.ALL, sort, PageRequest.FIRST);
      BrowseWindow.Change change = window.apply(first, PageRequest.FIRST);
      assertThat(change.replace()).isTrue();
      assertThat(change.added()).hasSize(BrowseWindow.PAGE_SIZE);
      assertThat(window.countLine(first)).isEqualTo("250 videos · page 1 of 3");
      assertThat(window.hasPrevious()).isFalse();
      List<Long> seen = new ArrayList<>(window.videos().stream().map(Video::id).toList());
      while (window.next().isPresent()) {
        PageRequest next = window.next().get();
        VideoPage page = service.read(on, VideoFilter.ALL, sort, next);
        window.apply(page, next);
        seen.addAll(window.videos().stream().map(Video::id).toList());
        assertThat(window.countLine(page)).endsWith("of 3");
      }
      assertThat(seen).hasSize(250).doesNotHaveDuplicates();
      assertThat(window.videos()).hasSize(50);

      // The last page is what paging forward shows there; scrolling appends to the first.
      VideoPage last = service.read(on, VideoFilter.ALL, sort, PageRequest.LAST);
      window.apply(last, PageRequest.LAST);
      assertThat(window.videos().stream().map(Video::id).toList())
          .isEqualTo(seen.subList(200, 250));
      assertThat(window.hasNext()).isFalse();
      assertThat(window.hasPrevious()).isTrue();
      window.apply(first, PageRequest.FIRST);
      PageRequest more = window.more().orElseThrow();
      VideoPage appended = service.read(on, VideoFilter.ALL, sort, more);
      BrowseWindow.Change grown = window.apply(appended, more);
      assertThat(grown.replace()).isFalse();
      assertThat(grown.dropFirst()).isZero();
      assertThat(window.videos()).hasSize(200);
      assertThat(window.countLine(appended)).isEqualTo("250 videos · pages 1–2 of 3");

      // A filter counts its matches against every video.
      VideoFilter completed = VideoFilter.ALL.withStatus(Optional.of(VideoStatus.COMPLETED));
      VideoPage filtered = service.read(on, completed, sort, PageRequest.FIRST);
      assertThat(filtered.all()).isEqualTo(250);
      assertThat(filtered.videos()).allMatch(video -> video.status() == VideoStatus.COMPLETED);

      // Details, edit, status of several, delete.
      Video chosen = first.videos().getFirst();
      BrowseService.Details details = service.details(on, chosen);
      assertThat(details.clips())
          .hasSize(first.clipCounts().getOrDefault(chosen.id(), 0L).intValue());
      assertThatThrownBy(() -> service.save(on, chosen, "  ", VideoStatus.FAILED))
          .hasMessage("The title is empty: type one.");
      Video saved = service.save(on, chosen, " A better title ", VideoStatus.FAILED);
      assertThat(saved.title()).isEqualTo("A better title");
      assertThat(saved.status()).isEqualTo(VideoStatus.FAILED);
      List<Long> three = first.videos().subList(1, 4).stream().map(Video::id).toList();
      service.setStatus(on, three, VideoStatus.PROCESSING);
      assertThat(three)
          .allMatch(
              id -> data.videos().getById(id).orElseThrow().status() == VideoStatus.PROCESSING);
      assertThat(service.delete(on, chosen.id())).isTrue();
      assertThat(service.delete(on, chosen.id())).isFalse();
      assertThatThrownBy(() -> service.save(on, chosen, "Again", VideoStatus.PENDING))
          .hasMessage(chosen.videoId() + " was deleted meanwhile");

      // A new video: checked as typed, then against the database.
      assertThatThrownBy(
              () -> BrowseService.newVideo("https://youtu.be/dQw4w9WgXcQ", "A talk", "x"))
          .hasMessage("User 'x' is not a user id: type the number, or clear the field");
      BrowseService.NewVideo typed =
          BrowseService.newVideo(
              "https://youtu.be/dQw4w9WgXcQ", "A talk", String.valueOf(chosen.userId()));
      assertThat(service.create(on, typed).status()).isEqualTo(VideoStatus.PENDING);
      assertThatThrownBy(() -> service.create(on, typed)).hasMessageContaining("is already stored");
      BrowseService.NewVideo nobody =
          BrowseService.newVideo("https://youtu.be/aaaaaaaaaaa", "A talk", "999999");
      assertThatThrownBy(() -> service.create(on, nobody))
          .hasMessageStartingWith("there is no user 999999 in " + on.name());

      // Export writes every match.
      Path csv = dir.resolve("videos.csv");
      long written =
          service.export(on, completed, sort, csv, VideoExport.Format.CSV, -1, Progress.NONE);
      assertThat(Files.readAllLines(csv)).hasSize((int) written + 1);
    }
  }
}
