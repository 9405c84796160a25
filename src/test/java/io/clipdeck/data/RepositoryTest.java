package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clipdeck.data.model.Clip;
import io.clipdeck.data.model.DailyUsage;
import io.clipdeck.data.model.ModelUsage;
import io.clipdeck.data.model.StatusStats;
import io.clipdeck.data.model.UsageStats;
import io.clipdeck.data.model.User;
import io.clipdeck.data.model.UserStats;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.ApiKeys;
import io.clipdeck.data.repo.ClipRepository;
import io.clipdeck.data.repo.ModelUsageRepository;
import io.clipdeck.data.repo.UserRepository;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.db.DatabaseKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** CRUD and every specialised query, the same on PostgreSQL, MariaDB and SQLite. */
class RepositoryTest {

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void usersCrudCountExistsAndPages(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      UserRepository users = fixture.data.users();
      Instant now = fixture.clock.instant();

      User ana =
          users.create(User.of("ana", "ana@example.test").withCredits(new BigDecimal("12.5")));
      assertThat(ana.id()).isPositive();
      assertThat(ana.username()).isEqualTo("ana");
      assertThat(ana.credits()).isEqualByComparingTo("12.50");
      assertThat(ana.active()).isTrue();
      assertThat(ana.createdAt()).isEqualTo(now);
      assertThat(ana.updatedAt()).isEqualTo(now);

      assertThat(users.getById(ana.id())).contains(ana);
      assertThat(users.getById(ana.id() + 1000)).isEmpty();
      assertThat(users.getByField("username", "ana")).containsExactly(ana);
      assertThat(users.getByField("api_key_hash", null)).containsExactly(ana);

      List<Long> ids =
          users.bulkCreate(
              List.of(
                  User.of("bo", "bo@example.test"),
                  User.of("cy", "cy@example.test").withActive(false)));
      assertThat(ids).hasSize(2).doesNotContain(ana.id());
      assertThat(users.getById(ids.get(1)).orElseThrow().username()).isEqualTo("cy");

      assertThat(users.count(Map.of())).isEqualTo(3);
      assertThat(users.count(Map.of("is_active", true))).isEqualTo(2);
      assertThat(users.exists(Map.of("username", "bo"))).isTrue();
      assertThat(users.exists(Map.of("username", "nobody"))).isFalse();

      fixture.clock.advance(Duration.ofMinutes(5));
      User changed =
          users.update(ana.id(), Map.of("email", "ana@new.test", "is_active", false)).orElseThrow();
      assertThat(changed.email()).isEqualTo("ana@new.test");
      assertThat(changed.active()).isFalse();
      assertThat(changed.createdAt()).isEqualTo(now);
      assertThat(changed.updatedAt()).isEqualTo(now.plus(Duration.ofMinutes(5)));
      assertThat(users.update(ana.id() + 1000, Map.of("email", "x@y.test"))).isEmpty();

      assertThat(users.getAll(2, 0, Sort.asc("username")))
          .extracting(User::username)
          .containsExactly("ana", "bo");
      assertThat(users.getAll(2, 2, Sort.asc("username")))
          .extracting(User::username)
          .containsExactly("cy");
      List<User> first = users.after(null, 2, Sort.desc("username"));
      assertThat(first).extracting(User::username).containsExactly("cy", "bo");
      assertThat(
              users.after(
                  users.cursorOf(first.get(1), Sort.desc("username")), 2, Sort.desc("username")))
          .extracting(User::username)
          .containsExactly("ana");

      assertThat(users.delete(ids.get(0))).isTrue();
      assertThat(users.delete(ids.get(0))).isFalse();
      assertThat(users.getById(ids.get(0))).isEmpty();
      assertThat(users.count(Map.of())).isEqualTo(2);

      assertThatThrownBy(() -> users.getAll(0, 0, Sort.BY_ID))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> users.after(null, 5, Sort.asc("api_key_hash")))
          .isInstanceOf(InvalidIdentifierException.class)
          .hasMessageContaining("may be NULL");
      assertThatThrownBy(() -> users.update(ana.id(), Map.of("created_at", now)))
          .isInstanceOf(InvalidIdentifierException.class);
      assertThatThrownBy(() -> users.update(ana.id(), Map.of("credits", "lots")))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("credits");
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void limitsAreCappedAtTenThousand(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      UserRepository users = fixture.data.users();
      users.create(User.of("ana", "ana@example.test"));
      assertThat(users.getAll(Integer.MAX_VALUE, 0, Sort.BY_ID)).hasSize(1);
      assertThat(users.activeUsers(50_000)).hasSize(1);
      assertThat(Columns.cappedLimit(50_000)).isEqualTo(Columns.MAX_LIMIT);
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void usersByApiKeyHashEmailActiveAndStats(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      UserRepository users = fixture.data.users();
      String key = "cdk_test_key_0123456789";
      User ana = users.createWithApiKey(User.of("ana", "ana@example.test"), key);
      User bo = users.create(User.of("bo", "bo@example.test").withActive(false));

      assertThat(ana.apiKeyHash()).isEqualTo(ApiKeys.hash(key)).hasSize(64);
      assertThat(users.getByApiKey(key)).contains(ana);
      assertThat(users.getByApiKey(key + "x")).isEmpty();
      String issued = users.issueApiKey(bo.id());
      assertThat(users.getByApiKey(issued).orElseThrow().id()).isEqualTo(bo.id());
      assertThat(noColumnHolds(fixture, "users", key)).isTrue();
      assertThat(noColumnHolds(fixture, "users", issued)).isTrue();
      assertThat(ana.toString()).doesNotContain(ana.apiKeyHash());

      assertThat(users.getByEmail("bo@example.test").orElseThrow().id()).isEqualTo(bo.id());
      assertThat(users.getByEmail("nobody@example.test")).isEmpty();
      assertThat(users.activeUsers(10)).extracting(User::id).containsExactly(ana.id());

      VideoRepository videos = fixture.data.videos();
      Video done =
          videos.create(
              Video.of("v1", ana.id(), "https://v/1", "One")
                  .withStatus(VideoStatus.COMPLETED, 4.5));
      videos.create(
          Video.of("v2", ana.id(), "https://v/2", "Two").withStatus(VideoStatus.FAILED, null));
      videos.create(Video.of("v3", ana.id(), "https://v/3", "Three"));
      fixture.data.clips().create(Clip.of(done.id(), 0, 10, "a", List.of("zoom")));
      fixture.data.clips().create(Clip.of(done.id(), 10, 20, "b", List.of()));
      fixture
          .data
          .usage()
          .log(
              ModelUsage.of(
                  ana.id(), done.id(), "openai", "transformer", "r1", 100, new BigDecimal("0.25")));
      fixture
          .data
          .usage()
          .log(ModelUsage.of(ana.id(), null, "openai", "tts", "r2", 50, new BigDecimal("0.125")));

      assertThat(users.stats(ana.id()))
          .isEqualTo(new UserStats(ana.id(), 3, 1, 1, 2, 2, 150, new BigDecimal("0.375000")));
      assertThat(users.stats(bo.id()))
          .isEqualTo(new UserStats(bo.id(), 0, 0, 0, 0, 0, 0, new BigDecimal("0.000000")));
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void videosByExternalIdUserStatusProcessingAndStats(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      User ana = fixture.data.users().create(User.of("ana", "ana@example.test"));
      User bo = fixture.data.users().create(User.of("bo", "bo@example.test"));
      VideoRepository videos = fixture.data.videos();

      Video created =
          videos.create(
              new Video(
                  null,
                  "yt_abc",
                  ana.id(),
                  "https://v/abc",
                  "Abc",
                  "About abc",
                  180.5,
                  VideoStatus.PROCESSING,
                  "/t/abc.png",
                  "/n/abc.mp3",
                  null,
                  null,
                  null,
                  null));
      assertThat(created.durationS()).isEqualTo(180.5);
      assertThat(created.description()).isEqualTo("About abc");
      assertThat(videos.getByVideoId("yt_abc")).contains(created);
      assertThat(videos.getByVideoId("YT_ABC")).isEmpty();

      videos.create(
          Video.of("v2", ana.id(), "https://v/2", "Two").withStatus(VideoStatus.COMPLETED, 10.0));
      videos.create(
          Video.of("v3", ana.id(), "https://v/3", "Three").withStatus(VideoStatus.COMPLETED, 20.0));
      videos.create(
          Video.of("v4", bo.id(), "https://v/4", "Four").withStatus(VideoStatus.PROCESSING, null));
      videos.create(
          Video.of("v5", bo.id(), "https://v/5", "Five").withStatus(VideoStatus.COMPLETED, 60.0));

      assertThat(videos.userVideos(ana.id(), VideoStatus.COMPLETED, 10))
          .extracting(Video::videoId)
          .containsExactly("v2", "v3");
      assertThat(videos.userVideos(ana.id(), null, 10)).hasSize(3);
      assertThat(videos.processingVideos(10))
          .extracting(Video::videoId)
          .containsExactly("yt_abc", "v4");

      assertThat(videos.statsByStatus(null))
          .containsExactly(
              new StatusStats(VideoStatus.COMPLETED, 3, 30.0),
              new StatusStats(VideoStatus.PROCESSING, 2, null));
      assertThat(videos.statsByStatus(ana.id()))
          .containsExactly(
              new StatusStats(VideoStatus.COMPLETED, 2, 15.0),
              new StatusStats(VideoStatus.PROCESSING, 1, null));

      Video done = videos.updateStatus(created.id(), VideoStatus.COMPLETED, 12.25).orElseThrow();
      assertThat(done.status()).isEqualTo(VideoStatus.COMPLETED);
      assertThat(done.processingTimeS()).isEqualTo(12.25);
      assertThat(videos.processingVideos(10)).extracting(Video::videoId).containsExactly("v4");
      assertThat(videos.count(Map.of("status", VideoStatus.COMPLETED))).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void clipsOfAVideoWithTheirEffects(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      User ana = fixture.data.users().create(User.of("ana", "ana@example.test"));
      Video video = fixture.data.videos().create(Video.of("v1", ana.id(), "https://v/1", "One"));
      Video other = fixture.data.videos().create(Video.of("v2", ana.id(), "https://v/2", "Two"));
      ClipRepository clips = fixture.data.clips();

      Clip late =
          clips.create(Clip.of(video.id(), 30, 45.5, "late", List.of("fade_in", "fade_out")));
      Clip early = clips.create(Clip.of(video.id(), 0, 10, null, List.of()));
      clips.create(Clip.of(other.id(), 0, 5, "other", List.of("zoom")));

      assertThat(late.effects()).containsExactly("fade_in", "fade_out");
      assertThat(late.durationS()).isEqualTo(15.5);
      assertThat(early.caption()).isNull();
      assertThat(clips.clipsOf(video.id())).containsExactly(early, late);
      assertThat(clips.count(Map.of("video_id", other.id()))).isEqualTo(1);
      assertThatThrownBy(() -> clips.getByField("effects", "[]"))
          .isInstanceOf(InvalidIdentifierException.class);

      // Clips go with their video (ON DELETE CASCADE).
      assertThat(fixture.data.videos().delete(video.id())).isTrue();
      assertThat(clips.clipsOf(video.id())).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void modelUsageLoggingStatsAndDailyTotals(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      ModelUsageRepository usage = fixture.data.usage();
      Instant now = Instant.parse("2026-03-10T15:00:00Z");
      fixture.clock.set(now);
      List<ModelUsage> rows = new ArrayList<>();
      // Day offsets: today, today, 1 day ago, 6 days ago, 40 days ago.
      int[] daysAgo = {0, 0, 1, 6, 40};
      for (int i = 0; i < daysAgo.length; i++) {
        rows.add(
            new ModelUsage(
                null,
                7L,
                null,
                "openai",
                "transformer",
                "r" + i,
                2.0 * (i + 1),
                1024.0,
                50.0 + i,
                10 * (i + 1),
                new BigDecimal("0.1"),
                now.minus(Duration.ofDays(daysAgo[i])).minusSeconds(60)));
      }
      rows.add(
          new ModelUsage(
              null,
              8L,
              null,
              "stability",
              "diffusion",
              "other",
              null,
              null,
              null,
              null,
              null,
              now.minusSeconds(30)));
      usage.bulkCreate(rows);
      ModelUsage logged =
          usage.log(
              ModelUsage.of(7L, 3L, "elevenlabs", "tts", "now", 5, new BigDecimal("1.000001")));
      assertThat(logged.createdAt()).isEqualTo(now);
      assertThat(logged.cost()).isEqualByComparingTo("1.000001");
      assertThatThrownBy(
              () -> usage.log(ModelUsage.of(7L, 3L, "elevenlabs", "tts", "now", 5, BigDecimal.ONE)))
          .isInstanceOf(DataException.ConstraintViolated.class);

      UsageStats week = usage.usageStats(7L, 7);
      assertThat(week.calls()).isEqualTo(5);
      assertThat(week.tokens()).isEqualTo(10 + 20 + 30 + 40 + 5);
      assertThat(week.cost()).isEqualByComparingTo("1.400001");
      assertThat(week.averageProcessingTimeS()).isEqualTo(5.0); // 2, 4, 6, 8 (the last has none)
      UsageStats today = usage.usageStats(7L, 1);
      assertThat(today.calls()).isEqualTo(3);
      assertThat(usage.usageStats(99L, 30).calls()).isZero();
      assertThat(usage.usageStats(99L, 30).averageGpuPercent()).isNull();

      assertThat(usage.dailyUsage(7))
          .containsExactly(
              new DailyUsage(LocalDate.parse("2026-03-04"), 1, 40, new BigDecimal("0.100000")),
              new DailyUsage(LocalDate.parse("2026-03-09"), 1, 30, new BigDecimal("0.100000")),
              new DailyUsage(LocalDate.parse("2026-03-10"), 4, 35, new BigDecimal("1.200001")));
      assertThatThrownBy(() -> usage.dailyUsage(0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static boolean noColumnHolds(DataFixture fixture, String table, String text)
      throws Exception {
    try (Connection connection = fixture.database.connection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT * FROM " + table)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        for (int i = 1; i <= columns; i++) {
          String value = rows.getString(i);
          if (value != null && value.contains(text)) {
            return false;
          }
        }
      }
    }
    return true;
  }
}
