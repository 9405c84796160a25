package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.data.model.Video;
import io.clipdeck.data.model.VideoStatus;
import io.clipdeck.data.repo.PageQuery;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.data.repo.VideoFilter;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.db.DatabaseKind;
import io.clipdeck.db.Dialect;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The browser's pages read from V2's sort indexes: the database's own plan for the exact statement
 * {@link VideoRepository#browse} runs, first page and a deep keyset page, names the index and sorts
 * nothing. Sorting every matching row for each page is what made the newest-first default slow.
 */
class BrowseIndexPlanTest {

  /**
   * Enough rows that reading a page by index is clearly cheaper than sorting them (ANALYZEd): with
   * four users, even half of one user's videos (a deep page of a user filter) is 1,250 rows.
   */
  private static final int VIDEOS = 10_000;

  private static final int PAGE = 100;

  @TempDir Path dir;

  /** One of the browser's orders, with the filter it runs under and the index that serves it. */
  private record Order(String what, VideoFilter filter, Sort sort, String index) {}

  @ParameterizedTest
  @EnumSource(
      value = DatabaseKind.class,
      names = {"POSTGRESQL", "SQLITE"})
  void everyBrowserOrderReadsItsPagesFromAnIndex(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      new SampleData(fixture.data, fixture.clock, 1_000)
          .generate(new SampleData.Spec(4, VIDEOS, 0, 0, 3), BatchProgress.NONE);
      fixture.sql("ANALYZE");
      VideoRepository videos = fixture.data.videos();
      long user = videos.getAll(1, 0, Sort.BY_ID).getFirst().userId();
      boolean postgres = kind == DatabaseKind.POSTGRESQL;

      for (Order order : orders(user, postgres)) {
        // A deep page: the cursor of the middle row of the order (the order streamed once).
        List<Video> before = new ArrayList<>();
        videos.export(order.filter(), order.sort(), before::add);
        assertThat(before).as(order.what()).hasSizeGreaterThan(2 * PAGE);
        Cursor deep = videos.cursorOf(before.get(before.size() / 2), order.sort());

        for (Cursor cursor : new Cursor[] {null, deep}) {
          String page = order.what() + (cursor == null ? ", first page" : ", deep page");
          String plan =
              plan(fixture, videos.browseQuery(order.filter(), cursor, PAGE, order.sort()));
          assertThat(plan).as(page + ":\n" + plan).contains(order.index());
          if (postgres) {
            assertThat(plan).as(page + ":\n" + plan).doesNotContain("Sort ", "Seq Scan");
          } else {
            assertThat(plan).as(page + ":\n" + plan).doesNotContain("TEMP B-TREE");
          }
        }
      }
    }
  }

  private static List<Order> orders(long user, boolean postgres) {
    VideoFilter completed = VideoFilter.ALL.withStatus(Optional.of(VideoStatus.COMPLETED));
    VideoFilter ofUser =
        new VideoFilter(
            Optional.empty(), Optional.of(user), Optional.empty(), Optional.empty(), "");
    return List.of(
        new Order(
            "newest first", VideoFilter.ALL, Sort.desc("created_at"), "videos_created_at_id_idx"),
        new Order(
            "oldest first", VideoFilter.ALL, Sort.asc("created_at"), "videos_created_at_id_idx"),
        new Order(
            "by updated", VideoFilter.ALL, Sort.desc("updated_at"), "videos_updated_at_id_idx"),
        new Order(
            "one status, newest first",
            completed,
            Sort.desc("created_at"),
            "videos_status_created_at_id_idx"),
        new Order(
            "one user, newest first",
            ofUser,
            Sort.desc("created_at"),
            "videos_user_id_created_at_id_idx"),
        new Order("by user", VideoFilter.ALL, Sort.asc("user_id"), "videos_user_id_id_idx"),
        new Order(
            "by external id",
            VideoFilter.ALL,
            Sort.asc("video_id"),
            postgres ? "videos_video_id_c_id_idx" : "videos_video_id_key"),
        new Order(
            "by status",
            VideoFilter.ALL,
            Sort.desc("status"),
            postgres ? "videos_status_c_id_idx" : "videos_status_id_idx"));
  }

  /** The database's plan for {@code query} with its values bound, as the repository binds them. */
  private static String plan(DataFixture fixture, PageQuery query) throws SQLException {
    String explain = fixture.kind == DatabaseKind.SQLITE ? "EXPLAIN QUERY PLAN " : "EXPLAIN ";
    Dialect dialect = fixture.executor().dialect();
    StringBuilder plan = new StringBuilder();
    try (Connection connection = fixture.database.connection();
        PreparedStatement statement = connection.prepareStatement(explain + query.sql())) {
      dialect.bindAll(statement, query.params());
      try (ResultSet rows = statement.executeQuery()) {
        int column = fixture.kind == DatabaseKind.SQLITE ? 4 : 1; // SQLite: id, parent, 0, detail
        while (rows.next()) {
          plan.append(rows.getString(column)).append('\n');
        }
      }
    }
    return plan.toString();
  }
}
