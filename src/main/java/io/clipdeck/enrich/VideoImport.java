package io.clipdeck.enrich;

import io.clipdeck.data.QueryExecutor;
import io.clipdeck.data.repo.DataLayer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a pasted list of links into pending videos, owned by the user {@value #IMPORT_USER} (made
 * on first use). A video already stored is taken as it is; nothing is stored twice.
 */
public final class VideoImport {

  public static final String IMPORT_USER = "clipdeck-import";

  /**
   * @param videoIds the {@code videos.id} rows of every video found, in the order of the lines
   */
  public record Result(List<Long> videoIds, int created, int existing, VideoUrls.Parsed parsed) {

    public Result {
      videoIds = List.copyOf(videoIds);
    }
  }

  private final DataLayer data;
  private final Clock clock;

  public VideoImport(DataLayer data, Clock clock) {
    this.data = data;
    this.clock = clock;
  }

  public Result importUrls(String text) {
    VideoUrls.Parsed parsed = VideoUrls.parse(text);
    if (parsed.videos().isEmpty()) {
      return new Result(List.of(), 0, 0, parsed);
    }
    QueryExecutor executor = data.executor();
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return data.jdbc()
        .inTransaction(
            transaction -> {
              long userId = importUser(executor, now);
              int created = 0;
              String insert =
                  executor
                      .dialect()
                      .insertIgnoringDuplicates(
                          "INSERT INTO videos (video_id, user_id, url, status, created_at,"
                              + " updated_at) VALUES (?, ?, ?, 'pending', ?, ?)");
              List<String> ids = new ArrayList<>();
              for (VideoUrls.Found video : parsed.videos()) {
                ids.add(video.videoId());
              }
              Map<String, Long> before = rows(executor, ids);
              for (VideoUrls.Found video : parsed.videos()) {
                if (!before.containsKey(video.videoId())) {
                  executor.update(
                      insert,
                      List.of(video.videoId(), userId, video.url(), now, now),
                      Set.of("videos"));
                  created++;
                }
              }
              Map<String, Long> after = rows(executor, ids);
              List<Long> rowIds = ids.stream().map(after::get).toList();
              return new Result(rowIds, created, before.size(), parsed);
            });
  }

  private static Map<String, Long> rows(QueryExecutor executor, List<String> externalIds) {
    Map<String, Long> found = new java.util.HashMap<>();
    for (int from = 0; from < externalIds.size(); from += 500) {
      List<String> chunk = externalIds.subList(from, Math.min(externalIds.size(), from + 500));
      found.putAll(
          executor
              .query(
                  "SELECT video_id, id FROM videos WHERE video_id IN ("
                      + TaskQueue.marks(chunk.size())
                      + ")",
                  List.copyOf(chunk),
                  row -> Map.entry(row.getString(1), row.getLong(2)))
              .stream()
              .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
    return found;
  }

  private static long importUser(QueryExecutor executor, Instant now) {
    executor.update(
        executor
            .dialect()
            .insertIgnoringDuplicates(
                "INSERT INTO users (username, email, is_active, credits, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)"),
        List.of(IMPORT_USER, IMPORT_USER + "@clipdeck.invalid", true, 0, now, now),
        Set.of("users"));
    return executor
        .query(
            "SELECT id FROM users WHERE username = ?", List.of(IMPORT_USER), row -> row.getLong(1))
        .getFirst();
  }
}
