package io.clipdeck.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.clipdeck.data.model.User;
import io.clipdeck.data.model.Video;
import io.clipdeck.data.repo.SampleData;
import io.clipdeck.data.repo.TableRepository;
import io.clipdeck.data.repo.UserRepository;
import io.clipdeck.data.repo.VideoRepository;
import io.clipdeck.db.DatabaseKind;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every allowed sort key, both directions, checked in Java against the same rows: NULLs last, text
 * by code point, ties by id, identical on the three databases; keyset pages walk the same order.
 */
class SortingTest {

  @TempDir Path dir;

  private static final Map<String, Function<Video, Object>> VIDEO =
      Map.ofEntries(
          Map.entry("id", Video::id),
          Map.entry("video_id", Video::videoId),
          Map.entry("user_id", Video::userId),
          Map.entry("url", Video::url),
          Map.entry("title", Video::title),
          Map.entry("description", Video::description),
          Map.entry("duration_s", Video::durationS),
          Map.entry("status", video -> video.status().id()),
          Map.entry("thumbnail_path", Video::thumbnailPath),
          Map.entry("narration_path", Video::narrationPath),
          Map.entry("processing_time_s", Video::processingTimeS),
          Map.entry("error", Video::error),
          Map.entry("created_at", Video::createdAt),
          Map.entry("updated_at", Video::updatedAt));

  private static final Map<String, Function<User, Object>> USER =
      Map.ofEntries(
          Map.entry("id", User::id),
          Map.entry("username", User::username),
          Map.entry("email", User::email),
          Map.entry("api_key_hash", User::apiKeyHash),
          Map.entry("is_active", User::active),
          Map.entry("credits", User::credits),
          Map.entry("created_at", User::createdAt),
          Map.entry("updated_at", User::updatedAt));

  @ParameterizedTest
  @EnumSource(DatabaseKind.class)
  void everyVideoAndUserSortKeyOrdersAsJavaDoes(DatabaseKind kind) throws Exception {
    try (DataFixture fixture = DataFixture.open(kind, dir)) {
      new SampleData(fixture.data, fixture.clock, 50)
          .generate(new SampleData.Spec(12, 90, 0, 0, 7), BatchProgress.NONE);
      VideoRepository videos = fixture.data.videos();
      long owner = fixture.data.users().getAll(1, 0, Sort.BY_ID).getFirst().id();
      // Mixed case, punctuation and non-ASCII titles, where collations disagree.
      for (String title : List.of("apple", "Banana", "_under", "Zebra", "émile", "Ünïcode", "zz")) {
        videos.create(Video.of("odd_" + title.hashCode(), owner, "https://v/" + title, title));
      }
      fixture.data.users().create(User.of("Émile", "E@example.test"));
      fixture.data.users().issueApiKey(owner);

      check(videos, VideoRepository.COLUMNS, VIDEO);
      check(fixture.data.users(), UserRepository.COLUMNS, USER);
    }
  }

  private static <T> void check(
      TableRepository<T> repository, Columns columns, Map<String, Function<T, Object>> fields) {
    List<T> all = repository.getAll(Columns.MAX_LIMIT, 0, Sort.BY_ID);
    assertThat(all).hasSizeGreaterThan(5);
    assertThat(fields.keySet()).containsExactlyInAnyOrderElementsOf(columns.names());
    for (Column column : columns.all()) {
      for (Direction direction : Direction.values()) {
        Sort sort = new Sort(column.name(), direction);
        Function<T, Object> value = fields.get(column.name());
        Function<T, Object> id = fields.get("id");
        List<T> expected = new ArrayList<>(all);
        expected.sort(order(value, id, direction));
        assertThat(repository.getAll(Columns.MAX_LIMIT, 0, sort))
            .as("ORDER BY %s %s", column.name(), direction)
            .containsExactlyElementsOf(expected);
        assertThat(repository.getAll(5, 3, sort))
            .as("page 2 by %s %s", column.name(), direction)
            .containsExactlyElementsOf(expected.subList(3, 8));
        if (!column.nullable()) {
          List<T> walked = new ArrayList<>();
          Cursor cursor = null;
          while (true) {
            List<T> page = repository.after(cursor, 7, sort);
            walked.addAll(page);
            if (page.size() < 7) {
              break;
            }
            cursor = repository.cursorOf(page.getLast(), sort);
          }
          assertThat(walked)
              .as("keyset pages by %s %s", column.name(), direction)
              .containsExactlyElementsOf(expected);
        }
      }
    }
  }

  /** NULLs last in both directions, then the value, then the id, in the sort's direction. */
  private static <T> Comparator<T> order(
      Function<T, Object> value, Function<T, Object> id, Direction direction) {
    Comparator<T> byValue = (a, b) -> compare(value.apply(a), value.apply(b));
    Comparator<T> byId = (a, b) -> compare(id.apply(a), id.apply(b));
    Comparator<T> within = byValue.thenComparing(byId);
    if (direction == Direction.DESC) {
      within = within.reversed();
    }
    Comparator<T> nullsLast = Comparator.comparing(row -> value.apply(row) == null);
    return nullsLast.thenComparing(within);
  }

  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return 0;
    }
    return switch (a) {
      case String text -> codePointCompare(text, (String) b);
      case BigDecimal decimal -> decimal.compareTo((BigDecimal) b);
      case Double number -> Double.compare(number, (Double) b);
      case Long number -> Long.compare(number, (Long) b);
      case Boolean flag -> Boolean.compare(flag, (Boolean) b);
      case Instant instant -> instant.compareTo((Instant) b);
      default -> throw new IllegalArgumentException(a.getClass().getName());
    };
  }

  private static int codePointCompare(String a, String b) {
    int[] x = a.codePoints().toArray();
    int[] y = b.codePoints().toArray();
    return java.util.Arrays.compare(x, y);
  }
}
